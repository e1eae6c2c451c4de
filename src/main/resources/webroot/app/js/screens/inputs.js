// Input products (投入品: fertilizers, pesticides, feeds, veterinary drugs): the producer's list
// kept on the phone, one product with its history, and the form that adds, corrects or fixes one.
import { html, nothing, screen, heading, field, choice, values, redraw, editor } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { PRODUCER_ROLES, RECORDING, role } from '../session.js';
import { list, find } from '../records.js';
import { begin, keepAndSend, showSaved, listOf } from '../recording.js';
import { history } from './plots.js';

export const INPUT_KINDS = ['fertilizer', 'pesticide', 'feed', 'vet_drug', 'other'];
/** The kinds that need a registration number and an interval (安全间隔期 / 休药期). */
const TIMED = ['pesticide', 'vet_drug'];
const intervalLabel = (kind) => t(kind === 'vet_drug' ? 'app.inputs.withdrawal_days' : 'app.inputs.interval_days');

screen({
  path: '/inputs',
  live: true,
  roles: PRODUCER_ROLES,
  tile: 'app.inputs.title',
  order: 11,
  async open() {
    const inputs = await list('input');
    return () => html`
      ${heading(t('app.inputs.title'))}
      ${RECORDING.includes(role()) ? html`<a class="button primary wide" id="add-input" href="#/inputs/new">${t('app.inputs.add')}</a>` : nothing}
      ${inputs.length === 0 ? html`<p class="notice">${t('app.inputs.none')}</p>` : nothing}
      <ul class="list" id="input-list">${inputs.map((i) => html`<li><a class="item" href=${`#/inputs/${i.recordId}`}>
        <strong>${i.name}</strong>
        <span class="muted">${t(`input_kind.${i.kind}`)}${TIMED.includes(i.kind) ? ` · ${t('app.inputs.days', { days: i.intervalDays })}` : ''}</span>
        ${i.pending ? html`<span class="tag warn">${t('app.outbox.state.waiting')}</span>` : nothing}</a></li>`)}</ul>`;
  },
});

screen({
  path: '/inputs/new',
  roles: RECORDING,
  async open(params, query) {
    const { fixing, corrects, start, errors } = await begin(query);
    let kind = start.kind ?? '';
    const crops = Object.entries(start.intervalsByCrop ?? {}).map(([crop, days]) => ({ crop, days }));
    async function save(event) {
      event.preventDefault();
      const v = values(event.target);
      const timed = TIMED.includes(kind);
      for (const k of Object.keys(errors)) delete errors[k];
      if (!v.name) errors.name = t('app.field.required');
      if (!kind) errors.kind = t('app.field.required');
      if (timed && !v.registrationNo) errors.registrationNo = t('app.field.required');
      const days = (text) => /^\d+$/.test(text ?? '') && Number(text) <= 365;
      if (timed && !days(v.intervalDays)) errors.intervalDays = t('app.inputs.days_range');
      const byCrop = {};
      if (timed) {
        crops.forEach((row, i) => {
          const crop = v[`cropName${i}`];
          const d = v[`cropDays${i}`];
          if (!crop && !d) return;
          if (!crop || !days(d)) errors[`crop${i}`] = t('app.inputs.crop_row_invalid');
          else byCrop[crop] = Number(d);
        });
      }
      if (corrects && !v.correctionReason) errors.correctionReason = t('app.record.reason_needed');
      if (Object.keys(errors).length) return redraw();
      const data = {
        name: v.name, kind, registrationNo: v.registrationNo ?? null, activeIngredients: listOf(v.activeIngredients),
        intervalDays: timed ? Number(v.intervalDays) : null, intervalsByCrop: byCrop,
      };
      const saved = await keepAndSend('input', data, { fixing, corrects, reason: v.correctionReason });
      showSaved(`/inputs/${saved.recordId}`, saved);
    }
    return () => {
      const timed = TIMED.includes(kind);
      return html`
      ${heading(corrects ? t('app.inputs.correct') : fixing ? t('app.outbox.fix') : t('app.inputs.add'), '/inputs')}
      <form id="input-form" class="card" @submit=${save} novalidate>
        ${field({ name: 'name', label: t('app.inputs.name'), value: start.name, required: true, error: errors.name, hint: t('app.inputs.name_hint') })}
        ${choice({ name: 'kind', label: t('app.inputs.kind'), value: kind, required: true, error: errors.kind,
          options: INPUT_KINDS.map((k) => [k, t(`input_kind.${k}`)]), onchange: (e) => { kind = e.target.value; redraw(); } })}
        ${field({ name: 'registrationNo', label: t('app.inputs.registration_no'), value: start.registrationNo, required: timed, error: errors.registrationNo,
          hint: t(kind === 'vet_drug' ? 'app.inputs.registration_vet_hint' : 'app.inputs.registration_hint') })}
        ${field({ name: 'activeIngredients', label: t('app.inputs.active_ingredients'), value: (start.activeIngredients ?? []).join('、'), error: errors.activeIngredients, hint: t('app.inputs.active_hint') })}
        ${timed ? html`
          ${field({ name: 'intervalDays', label: intervalLabel(kind), type: 'number', inputmode: 'numeric', step: '1', min: '0', max: '365', value: start.intervalDays, required: true, error: errors.intervalDays })}
          <fieldset class="crop-intervals"><legend>${t('app.inputs.by_crop')}</legend>
            ${crops.map((c, i) => html`<div class="row crop-interval">
              ${field({ name: `cropName${i}`, label: t('app.harvests.crop'), value: c.crop, error: errors[`crop${i}`] })}
              ${field({ name: `cropDays${i}`, label: t('app.inputs.days_label'), type: 'number', inputmode: 'numeric', step: '1', min: '0', max: '365', value: c.days })}
            </div>`)}
            <button type="button" class="secondary" id="add-crop-interval" @click=${() => { crops.push({ crop: '', days: '' }); redraw(); }}>${t('app.inputs.add_crop')}</button>
          </fieldset>` : nothing}
        ${corrects ? field({ name: 'correctionReason', label: t('app.record.correction_reason'), required: true, error: errors.correctionReason }) : nothing}
        <button type="submit" class="primary wide">${t('app.save')}</button>
      </form>`;
    };
  },
});

screen({
  path: '/inputs/:id',
  live: true,
  roles: PRODUCER_ROLES,
  async open({ id }) {
    let input = await find(id);
    let versions = null;
    try {
      const detail = await api('GET', `/inputs/${id}`);
      if (!input?.pending) input = { ...input, ...detail };
      versions = detail.history;
    } catch (error) {
      if (!input) throw error;
    }
    const byCrop = Object.entries(input.intervalsByCrop ?? {});
    return () => html`
      ${heading(input.name, '/inputs')}
      <div class="card" id="input">
        <p>${t(`input_kind.${input.kind}`)}</p>
        ${input.registrationNo ? html`<p>${t('app.inputs.registration_no')}: ${input.registrationNo}</p>` : nothing}
        ${input.activeIngredients?.length ? html`<p>${t('app.inputs.active_ingredients')}: ${input.activeIngredients.join('、')}</p>` : nothing}
        ${TIMED.includes(input.kind) ? html`<p>${intervalLabel(input.kind)}: ${t('app.inputs.days', { days: input.intervalDays })}</p>` : nothing}
        ${byCrop.map(([crop, days]) => html`<p>${t('app.inputs.crop_days', { crop, days })}</p>`)}
        ${input.pending ? html`<p class="tag warn">${t('app.outbox.state.waiting')}</p>` : nothing}
      </div>
      ${RECORDING.includes(role()) && !input.pending ? html`<a class="button secondary wide" id="correct-input" href=${`#/inputs/new?corrects=${id}`}>${t('app.record.correct')}</a>` : nothing}
      ${history(versions)}`;
  },
});

editor('input', (e) => `/inputs/new?outbox=${e.id}`);
