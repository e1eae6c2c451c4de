// Recording a quality test of a harvest's batch: a rapid test (enzyme inhibition) with the photo
// of its test card, or a lab report with its analytes. A producer's member keeps it on the phone
// and the outbox sends it (offline too), naming the batch by the harvest's own id; the server
// judges it and the test's screen (test.js) says the judgement. An inspector's spot check is sent
// at once, marked official by the server.
import { html, nothing, screen, heading, field, choice, textarea, values, redraw, editor, toast, go, formProblem, revealError } from '../ui.js';
import { t, say, lang, day, nowWithOffset, localInput } from '../i18n.js';
import { api } from '../api.js';
import { PRODUCER_ROLES, role, session } from '../session.js';
import { list, find } from '../records.js';
import { photoPicker } from '../photo.js';
import { commodityPicker, commodityField, commodityOf } from '../commodity-picker.js';
import { uuid7 } from '../uuid.js';
import { begin, keepAndSend, showSaved } from '../recording.js';

export const RAPID_METHOD = '酶抑制率法 GB/T 5009.199';
export const TESTING = [...PRODUCER_ROLES, 'inspector'];
const UNITS = ['mg/kg', 'µg/kg'];

/** A harvest in a few words, as the phone keeps it: plot · crop · day. */
export async function harvestLine(harvest) {
  if (!harvest) return '';
  const plot = await find(harvest.plotId);
  return [plot?.name, harvest.crop, day(harvest.occurredAt)].filter(Boolean).join(' · ');
}

async function harvestChoices() {
  const harvests = (await list('operation')).filter((o) => o.type === 'harvest');
  return Promise.all(harvests.slice(0, 50).map(async (h) => [h.recordId, await harvestLine(h)]));
}

function form(kind) {
  return async (params, query) => {
    const rapid = kind === 'rapid';
    const inspector = role() === 'inspector';
    const { fixing, start, errors } = await begin(query);
    const batchId = query.get('batch') ?? start.batchId ?? null;
    let harvestId = query.get('harvest') ?? start.harvestId ?? '';
    const harvests = inspector || harvestId ? [] : await harvestChoices();
    if (!harvestId && harvests.length === 1) harvestId = harvests[0][0];
    const named = harvestId ? await harvestLine(await find(harvestId)) : '';
    const back = batchId ? `/batches/${batchId}` : harvestId ? `/operations/${harvestId}` : '/';
    const picker = photoPicker({ redraw, newId: uuid7, unreadable: () => toast(t('app.operations.photo_unreadable'), 'bad') });
    const analytes = (start.analytes ?? [{ analyte: '', value: '', unit: 'mg/kg' }]).map((a) => ({ ...a }));
    // Asked only when the server could not match the crop (or a kept report already names one).
    let commodity = errors.commodity || start.commodity ? commodityPicker(await commodityOf(start.commodity)) : null;
    // The crop the server could not match, as it said it (a rejected report being fixed, or a spot check's answer).
    let unmatched = fixing?.outcome?.args?.crop ?? '';
    const id = uuid7();
    let suggestions = [];
    let searching;
    let saving = false;

    const labels = () => {
      const out = { sample: t('app.testing.sample'), inhibitionRate: t('app.testing.rate'), method: t('app.testing.method'),
        tester: t('app.testing.tester'), testedAt: t('app.testing.tested_at'), lab: t('app.testing.lab'),
        reportNo: t('app.testing.report_no'), reportedOn: t('app.testing.reported_on'), commodity: t('app.testing.commodity'),
        notes: t('app.operations.notes'), analytes: t('app.testing.analytes') };
      analytes.forEach((a, i) => {
        out[`analytes[${i}].analyte`] = t('app.testing.analyte_n', { n: i + 1 });
        out[`analytes[${i}].value`] = t('app.testing.value_n', { n: i + 1 });
        out[`analytes[${i}].unit`] = t('app.testing.unit_n', { n: i + 1 });
      });
      return out;
    };

    function suggest(event, a) {
      a.analyte = event.target.value;
      clearTimeout(searching);
      const q = a.analyte.trim();
      if (!q) return;
      searching = setTimeout(async () => {
        try {
          const page = await api('GET', `/reference/mrls?analyte=${encodeURIComponent(q)}&limit=100`);
          suggestions = [...new Set(page.items.map((m) => (lang() === 'zh' ? m.analyteZh : m.analyteEn)))];
          redraw();
        } catch {
          // Offline: the name as typed; the server checks it when the report is sent.
        }
      }, 300);
    }

    function check(v) {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!inspector && !harvestId && !batchId) errors.harvestId = t('app.testing.choose_harvest');
      if (!v.sample) errors.sample = t('app.field.required');
      if (!v.testedAt || Number.isNaN(Date.parse(v.testedAt))) errors.testedAt = t('app.field.required');
      if (rapid) {
        const rate = Number(v.inhibitionRate);
        if (v.inhibitionRate === undefined || !(rate >= 0 && rate <= 100)) errors.inhibitionRate = t('app.testing.rate_range');
        if (!v.method) errors.method = t('app.field.required');
        if (!v.tester) errors.tester = t('app.field.required');
        return;
      }
      for (const k of ['lab', 'reportNo', 'reportedOn']) if (!v[k]) errors[k] = t('app.field.required');
      analytes.forEach((a, i) => {
        if (!a.analyte?.trim()) errors[`analytes[${i}].analyte`] = t('app.field.required');
        if (a.value === '' || !(Number(a.value) >= 0)) errors[`analytes[${i}].value`] = t('app.testing.value_needed');
      });
    }

    function body(v) {
      const common = { kind, sample: v.sample, testedAt: nowWithOffset(new Date(v.testedAt)), notes: v.notes ?? null };
      if (rapid) return { ...common, method: v.method, inhibitionRate: Number(v.inhibitionRate), tester: v.tester };
      return { ...common, lab: v.lab, reportNo: v.reportNo, reportedOn: v.reportedOn, ...(v.commodity ? { commodity: v.commodity } : {}),
        analytes: analytes.map((a) => ({ analyte: a.analyte.trim(), value: Number(a.value), unit: a.unit })) };
    }

    /**
     * An inspector's spot check goes to the server at once, then its photos; sent again after a
     * failure, it keeps its id, so the server stores it (and each photo) once.
     */
    async function sendNow(data) {
      try {
        const answer = await api('POST', `/batches/${batchId}/tests`, { ...data, id });
        for (const photo of picker.photos) await api('PUT', `/tests/${id}/photos/${photo.id}`, photo.blob, { type: photo.blob.type });
        picker.taken();
        const failed = ['positive', 'over_limit'].includes(answer.test.result);
        toast(`${say(answer.test.judgement)} ${say(answer.test.effectMessage)}`, failed ? 'bad' : 'good');
        go(`/batches/${batchId}`);
      } catch (e) {
        if (e.said?.code === 'quality.choose_commodity') {
          commodity ??= commodityPicker();
          unmatched = e.said.args?.crop ?? '';
        }
        Object.assign(errors, formProblem(e, labels()));
        saving = false;
        redraw();
        revealError();
      }
    }

    async function save(event) {
      event.preventDefault();
      if (saving) return;
      const v = values(event.target);
      check(v);
      if (Object.keys(errors).length) return (redraw(), revealError());
      saving = true;
      redraw();
      const data = body(v);
      if (inspector) return sendNow(data);
      const names = harvestId ? { harvestId } : { batchId };
      const saved = await keepAndSend('test', { ...data, ...names }, { fixing, photos: picker.taken() });
      showSaved(`/tests/${saved.recordId}`, saved);
    }

    const analyteRows = () => html`<fieldset class="analytes" id="analytes">
      <legend>${t('app.testing.analytes')}</legend>
      ${analytes.map((a, i) => html`<div class="analyte card" data-n=${i + 1}>
        <div class="field ${errors[`analytes[${i}].analyte`] ? 'has-error' : ''}">
          <label for=${`f-analyte-${i}`}>${t('app.testing.analyte_n', { n: i + 1 })} <span class="required" aria-hidden="true">*</span></label>
          <input id=${`f-analyte-${i}`} list="analyte-names" autocomplete="off" .value=${a.analyte ?? ''} @input=${(e) => suggest(e, a)}
            aria-invalid=${errors[`analytes[${i}].analyte`] ? 'true' : 'false'} aria-describedby=${`f-analyte-${i}-note`}>
          <p class="note ${errors[`analytes[${i}].analyte`] ? 'error' : ''}" id=${`f-analyte-${i}-note`}>${errors[`analytes[${i}].analyte`] ?? t('app.testing.analyte_hint')}</p>
        </div>
        <div class="row">
          <div class="field ${errors[`analytes[${i}].value`] ? 'has-error' : ''}">
            <label for=${`f-value-${i}`}>${t('app.testing.value')}</label>
            <input id=${`f-value-${i}`} type="number" inputmode="decimal" step="any" min="0" .value=${String(a.value ?? '')}
              @input=${(e) => (a.value = e.target.value)} aria-invalid=${errors[`analytes[${i}].value`] ? 'true' : 'false'}
              aria-describedby=${errors[`analytes[${i}].value`] ? `f-value-${i}-note` : nothing}>
            ${errors[`analytes[${i}].value`] ? html`<p class="note error" id=${`f-value-${i}-note`}>${errors[`analytes[${i}].value`]}</p>` : nothing}
          </div>
          <div class="field">
            <label for=${`f-unit-${i}`}>${t('app.testing.unit')}</label>
            <select id=${`f-unit-${i}`} @change=${(e) => (a.unit = e.target.value)}>
              ${UNITS.map((u) => html`<option value=${u} ?selected=${u === a.unit}>${u}</option>`)}
            </select>
          </div>
        </div>
        ${analytes.length > 1 ? html`<button type="button" class="secondary remove-analyte" @click=${() => { analytes.splice(i, 1); redraw(); }}>
          ${t('app.testing.remove_analyte', { n: i + 1 })}</button>` : nothing}
      </div>`)}
      <datalist id="analyte-names">${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>
      <button type="button" class="secondary wide" id="add-analyte" @click=${() => { analytes.push({ analyte: '', value: '', unit: 'mg/kg' }); redraw(); }}>
        ${t('app.testing.add_analyte')}</button>
    </fieldset>`;

    return () => html`
      ${heading(t(`app.testing.${inspector ? 'spot' : 'record'}_${kind}`), back)}
      <form id="test-form" class="card test-form" data-kind=${kind} @submit=${save} novalidate>
        ${inspector ? html`<p class="notice warn">${t('app.testing.official_note')}</p>` : nothing}
        ${named ? html`<p class="test-of" id="test-of">${t('app.testing.of_harvest', { harvest: named })}</p>` : nothing}
        ${harvests.length > 1 || (!harvestId && !batchId && !inspector) ? choice({ name: 'harvestId', label: t('app.testing.harvest'), value: harvestId,
          required: true, error: errors.harvestId, options: harvests, onchange: (e) => (harvestId = e.target.value) }) : nothing}
        ${errors[''] ? html`<p class="notice bad" role="alert" id="test-error">${errors['']}</p>` : nothing}
        ${rapid ? html`
          ${field({ name: 'inhibitionRate', label: t('app.testing.rate'), type: 'number', inputmode: 'decimal', step: 'any', min: '0', max: '100',
            value: start.inhibitionRate, required: true, error: errors.inhibitionRate, hint: t('app.testing.rate_hint') })}
          ${field({ name: 'sample', label: t('app.testing.sample'), value: start.sample, required: true, error: errors.sample, hint: t('app.testing.sample_hint') })}
          ${field({ name: 'method', label: t('app.testing.method'), value: start.method ?? RAPID_METHOD, required: true, error: errors.method })}
          ${field({ name: 'tester', label: t('app.testing.tester'), value: start.tester ?? session().name ?? '', required: true, error: errors.tester })}`
        : html`
          ${field({ name: 'lab', label: t('app.testing.lab'), value: start.lab, required: true, error: errors.lab })}
          ${field({ name: 'reportNo', label: t('app.testing.report_no'), value: start.reportNo, required: true, error: errors.reportNo })}
          ${field({ name: 'reportedOn', label: t('app.testing.reported_on'), type: 'date', value: start.reportedOn ?? day(new Date()), required: true, error: errors.reportedOn })}
          ${field({ name: 'sample', label: t('app.testing.sample'), value: start.sample, required: true, error: errors.sample, hint: t('app.testing.sample_hint') })}
          ${analyteRows()}
          ${commodity ? html`<div class="commodity" id="commodity-choice">
            <p class="notice warn" role="alert">${t('app.testing.commodity_hint', { crop: unmatched })}</p>
            ${commodityField(commodity, { label: t('app.testing.commodity'), required: true })}
          </div>` : nothing}`}
        ${field({ name: 'testedAt', label: t(rapid ? 'app.testing.tested_at' : 'app.testing.sampled_at'), type: 'datetime-local',
          value: localInput(start.testedAt ?? new Date()), required: true, error: errors.testedAt })}
        <div class="field">
          <label class="button secondary wide" for="f-card-photo">${t(rapid ? 'app.testing.card_photo' : 'app.testing.report_photo')}</label>
          <input id="f-card-photo" class="visually-hidden" type="file" accept="image/*" capture="environment" @change=${picker.add}>
          ${picker.shrinking ? html`<p class="muted" role="status">${t('app.operations.photo_shrinking')}</p>` : nothing}
          <ul class="photos" id="photo-previews">${picker.photos.map((p, i) => html`<li>
            <img src=${p.url} alt=${t('app.operations.photo_n', { n: i + 1 })}>
            <button type="button" class="danger remove-photo" @click=${() => picker.remove(p)} aria-label=${t('app.operations.photo_remove', { n: i + 1 })}>✕</button></li>`)}</ul>
        </div>
        ${textarea({ name: 'notes', label: t('app.operations.notes'), value: start.notes, error: errors.notes })}
        <button type="submit" class="primary wide" ?disabled=${saving || picker.shrinking > 0}>${t(inspector ? 'app.testing.send' : 'app.save')}</button>
      </form>`;
  };
}

screen({ path: '/tests/rapid', roles: TESTING, tile: 'app.testing.record_rapid', tileRoles: ['tester'], order: 1, open: form('rapid') });
screen({ path: '/tests/lab', roles: TESTING, tile: 'app.testing.record_lab', tileRoles: ['tester'], order: 2, open: form('lab') });

editor('test', (e) => `/tests/${e.data.kind}?outbox=${e.id}`);
