// Farming operations (农事操作): the form that records one in a few taps (new, a correction, or a
// rejected one fixed), with photos from the camera, shrunk on the phone and kept with the record.
// One operation's screen is in operation.js; a harvest has its own form (harvests.js).
import { html, nothing, screen, heading, field, choice, textarea, values, redraw, editor, toast } from '../ui.js';
import { t, nowWithOffset, localInput } from '../i18n.js';
import { RECORDING } from '../session.js';
import { list } from '../records.js';
import { photoPicker } from '../photo.js';
import { uuid7 } from '../uuid.js';
import { begin, keepAndSend, showSaved } from '../recording.js';

export const TYPES = ['seeding', 'transplanting', 'fertilizing', 'pesticide_application', 'irrigation', 'weeding', 'feeding', 'vet_treatment', 'other'];
/** The input kinds an operation that uses an input accepts (the server's rule). */
export const INPUT_KINDS = { fertilizing: ['fertilizer', 'other'], pesticide_application: ['pesticide'], feeding: ['feed', 'other'], vet_treatment: ['vet_drug'] };
const DOSED = ['pesticide_application', 'vet_treatment'];
export const DOSE_UNITS = ['ml_per_mu', 'l_per_mu', 'g_per_mu', 'kg_per_mu', 'ml_per_l', 'g_per_l', 'times_dilution', 'mg_per_kg_bw', 'ml_per_head', 'g_per_head'];
export const QUANTITY_UNITS = ['kg', 'g', 'jin', 't', 'l', 'ml', 'head', 'piece', 'box', 'crate', 'bag', 'bottle', 'dozen', 'mu'];
const DEFAULT_UNITS = { pesticide_application: ['ml_per_mu', 'ml'], vet_treatment: ['ml_per_head', 'ml'], fertilizing: [null, 'kg'], feeding: [null, 'kg'] };

screen({
  path: '/operations/new',
  roles: RECORDING,
  tile: 'app.operations.record',
  order: 1,
  async open(params, query) {
    const { fixing, corrects, start, errors } = await begin(query);
    const plots = await list('plot');
    const inputs = await list('input');
    let type = start.type ?? '';
    let plotId = start.plotId ?? query.get('plot') ?? (plots.length === 1 ? plots[0].recordId : '');
    const picker = photoPicker({ redraw, newId: uuid7, unreadable: () => toast(t('app.operations.photo_unreadable'), 'bad') });
    let saving = false;
    const back = plotId ? `/plots/${plotId}` : '/';


    async function save(event) {
      event.preventDefault();
      if (saving) return;
      const v = values(event.target);
      const uses = !!INPUT_KINDS[type];
      const dosed = DOSED.includes(type);
      for (const k of Object.keys(errors)) delete errors[k];
      if (!v.plotId) errors.plotId = t('app.field.required');
      if (!type) errors.type = t('app.field.required');
      if (uses && !v.inputId) errors.inputId = t('app.field.required');
      if (uses && !v.inputLot) errors.inputLot = t('app.field.required');
      if (dosed && !(Number(v.dose) > 0)) errors.dose = t('app.field.positive');
      if ((uses || v.quantity) && !(Number(v.quantity) > 0)) errors.quantity = t('app.field.positive');
      if (!v.occurredAt || Number.isNaN(Date.parse(v.occurredAt))) errors.occurredAt = t('app.field.required');
      if (corrects && !v.correctionReason) errors.correctionReason = t('app.record.reason_needed');
      if (Object.keys(errors).length) {
        redraw();
        return document.querySelector('#operation-form .has-error')?.scrollIntoView({ block: 'center' });
      }
      saving = true;
      const data = {
        plotId: v.plotId, type, occurredAt: nowWithOffset(new Date(v.occurredAt)), notes: v.notes ?? null,
        inputId: uses ? v.inputId : null, inputLot: uses ? v.inputLot : null,
        dose: dosed ? Number(v.dose) : null, doseUnit: dosed ? v.doseUnit : null,
        quantity: v.quantity ? Number(v.quantity) : null, quantityUnit: v.quantity ? v.quantityUnit : null,
        crop: start.crop ?? null,
      };
      const saved = await keepAndSend('operation', data, { fixing, corrects, reason: v.correctionReason, photos: picker.taken() });
      showSaved(`/operations/${saved.recordId}`, saved);
    }

    return () => {
      const kinds = INPUT_KINDS[type];
      const usable = kinds ? inputs.filter((i) => kinds.includes(i.kind)) : [];
      const [doseUnit, quantityUnit] = DEFAULT_UNITS[type] ?? [null, 'kg'];
      return html`
      ${heading(corrects ? t('app.operations.correct') : fixing ? t('app.outbox.fix') : t('app.operations.record'), back)}
      <form id="operation-form" class="card" @submit=${save} novalidate>
        ${plots.length === 0 ? html`<p class="notice warn">${t('app.plots.none')} <a href="#/plots/new">${t('app.plots.add')}</a></p>` : nothing}
        ${choice({ name: 'plotId', label: t('app.operations.plot'), value: plotId, required: true, error: errors.plotId,
          options: plots.map((p) => [p.recordId, p.name]), onchange: (e) => (plotId = e.target.value) })}
        ${choice({ name: 'type', label: t('app.operations.type'), value: type, required: true, error: errors.type, disabled: !!corrects,
          options: TYPES.map((k) => [k, t(`operation.${k}`)]), onchange: (e) => { type = e.target.value; redraw(); } })}
        ${kinds ? html`
          ${usable.length === 0 ? html`<p class="notice warn" id="no-inputs">${t('app.operations.no_inputs', { kind: kinds.map((k) => ({ code: `input_kind.${k}` })) })}
            <a href="#/inputs/new">${t('app.inputs.add')}</a></p>` : nothing}
          ${choice({ name: 'inputId', label: t('app.operations.input'), value: start.inputId, required: true, error: errors.inputId,
            options: usable.map((i) => [i.recordId, i.name]) })}
          ${field({ name: 'inputLot', label: t('app.operations.input_lot'), value: start.inputLot, required: true, error: errors.inputLot, hint: t('app.operations.input_lot_hint') })}` : nothing}
        ${DOSED.includes(type) ? html`<div class="row">
          ${field({ name: 'dose', label: t('app.operations.dose'), type: 'number', inputmode: 'decimal', step: 'any', min: '0', value: start.dose, required: true, error: errors.dose })}
          ${choice({ name: 'doseUnit', label: t('app.operations.dose_unit'), value: start.doseUnit ?? doseUnit, blank: false, error: errors.doseUnit,
            options: DOSE_UNITS.map((u) => [u, t(`dose_unit.${u}`)]) })}</div>` : nothing}
        <div class="row">
          ${field({ name: 'quantity', label: t(kinds ? 'app.operations.quantity_used' : 'app.operations.quantity'), type: 'number', inputmode: 'decimal', step: 'any', min: '0',
            value: start.quantity, required: !!kinds, error: errors.quantity })}
          ${choice({ name: 'quantityUnit', label: t('app.operations.quantity_unit'), value: start.quantityUnit ?? quantityUnit, blank: false, error: errors.quantityUnit,
            options: QUANTITY_UNITS.map((u) => [u, t(`quantity_unit.${u}`)]) })}
        </div>
        ${field({ name: 'occurredAt', label: t('app.operations.when'), type: 'datetime-local', value: localInput(start.occurredAt ?? new Date()), required: true, error: errors.occurredAt })}
        ${textarea({ name: 'notes', label: t('app.operations.notes'), value: start.notes, error: errors.notes })}
        <div class="field">
          <label class="button secondary wide" for="f-photos">${t('app.operations.take_photo')}</label>
          <input id="f-photos" class="visually-hidden" type="file" accept="image/*" capture="environment" multiple @change=${picker.add}>
          ${picker.shrinking ? html`<p class="muted" role="status">${t('app.operations.photo_shrinking')}</p>` : nothing}
          <ul class="photos" id="photo-previews">${picker.photos.map((p, i) => html`<li>
            <img src=${p.url} alt=${t('app.operations.photo_n', { n: i + 1 })}>
            <button type="button" class="danger remove-photo" @click=${() => picker.remove(p)} aria-label=${t('app.operations.photo_remove', { n: i + 1 })}>✕</button></li>`)}</ul>
        </div>
        ${corrects ? field({ name: 'correctionReason', label: t('app.record.correction_reason'), required: true, error: errors.correctionReason }) : nothing}
        <button type="submit" class="primary wide" ?disabled=${saving || picker.shrinking > 0}>${t('app.save')}</button>
      </form>`;
    };
  },
});

editor('operation', (e) => `/${e.data.type === 'harvest' ? 'harvests' : 'operations'}/new?outbox=${e.id}`);
