// Recording a harvest (采收): crop, quantity and when. Before it is saved the phone itself warns,
// offline too, when an application it knows of on that plot is still inside its interval; the
// farmer may still save it (the server's judgement counts). The harvest's screen then shows the
// batch the server made (operation.js).
import { html, nothing, screen, heading, field, choice, values, redraw } from '../ui.js';
import { t, nowWithOffset, localInput } from '../i18n.js';
import { RECORDING } from '../session.js';
import { list, find } from '../records.js';
import { intervalWarnings } from '../phi.js';
import { begin, keepAndSend, showSaved } from '../recording.js';
import { QUANTITY_UNITS } from './operations.js';
import { cropNames, refreshCropNames } from '../crops.js';

screen({
  path: '/harvests/new',
  roles: RECORDING,
  tile: 'app.harvests.record',
  order: 2,
  async open(params, query) {
    const { fixing, corrects, start, errors } = await begin(query);
    const plots = await list('plot');
    let plotId = start.plotId ?? query.get('plot') ?? (plots.length === 1 ? plots[0].recordId : '');
    let crop = start.crop ?? (plotId ? (await find(plotId))?.crop : '') ?? '';
    // The catalogue's names as suggestions; kept ones at once, fresher ones when the fetch answers.
    let crops = await cropNames();
    refreshCropNames().then(async () => {
      crops = await cropNames();
      redraw();
    });
    let warnings = null;
    let ready = null;
    let saving = false;

    async function keepIt() {
      saving = true;
      redraw();
      const saved = await keepAndSend('operation', ready.data, { fixing, corrects, reason: ready.reason });
      showSaved(`/operations/${saved.recordId}`, saved);
    }

    async function check(event) {
      event.preventDefault();
      if (saving) return;
      const v = values(event.target);
      for (const k of Object.keys(errors)) delete errors[k];
      if (!v.plotId) errors.plotId = t('app.field.required');
      if (!v.crop) errors.crop = t('app.field.required');
      if (!(Number(v.quantity) > 0)) errors.quantity = t('app.field.positive');
      if (!v.occurredAt || Number.isNaN(Date.parse(v.occurredAt))) errors.occurredAt = t('app.field.required');
      if (corrects && !v.correctionReason) errors.correctionReason = t('app.record.reason_needed');
      if (Object.keys(errors).length) return redraw();
      const data = {
        plotId: v.plotId, type: 'harvest', occurredAt: nowWithOffset(new Date(v.occurredAt)), crop: v.crop,
        quantity: Number(v.quantity), quantityUnit: v.quantityUnit, notes: start.notes ?? null,
      };
      ready = { data, reason: v.correctionReason };
      warnings = intervalWarnings({ plotId: data.plotId, harvestAt: data.occurredAt, crop: data.crop },
        await list('operation'), await list('input'));
      if (!warnings.length) return keepIt();
      redraw();
      document.getElementById('harvest-warning')?.scrollIntoView({ block: 'start' });
    }

    function pickPlot(event) {
      plotId = event.target.value;
      const plot = plots.find((p) => p.recordId === plotId);
      if (plot?.crop) crop = plot.crop;
      warnings = null;
      redraw();
    }

    const changed = () => {
      if (warnings) {
        warnings = null;
        redraw();
      }
    };

    return () => html`
      ${heading(corrects ? t('app.harvests.correct') : fixing ? t('app.outbox.fix') : t('app.harvests.record'), plotId ? `/plots/${plotId}` : '/')}
      <form id="harvest-form" class="card" @submit=${check} @input=${changed} novalidate>
        ${plots.length === 0 ? html`<p class="notice warn">${t('app.plots.none')} <a href="#/plots/new">${t('app.plots.add')}</a></p>` : nothing}
        ${choice({ name: 'plotId', label: t('app.operations.plot'), value: plotId, required: true, error: errors.plotId,
          options: plots.map((p) => [p.recordId, p.name]), onchange: pickPlot })}
        ${field({ name: 'crop', label: t('app.harvests.crop'), value: crop, required: true, error: errors.crop, suggestions: crops })}
        <div class="row">
          ${field({ name: 'quantity', label: t('app.harvests.quantity'), type: 'number', inputmode: 'decimal', step: 'any', min: '0', value: start.quantity, required: true, error: errors.quantity })}
          ${choice({ name: 'quantityUnit', label: t('app.operations.quantity_unit'), value: start.quantityUnit ?? 'kg', blank: false, error: errors.quantityUnit,
            options: QUANTITY_UNITS.map((u) => [u, t(`quantity_unit.${u}`)]) })}
        </div>
        ${field({ name: 'occurredAt', label: t('app.harvests.when'), type: 'datetime-local', value: localInput(start.occurredAt ?? new Date()), required: true, error: errors.occurredAt })}
        ${corrects ? field({ name: 'correctionReason', label: t('app.record.correction_reason'), required: true, error: errors.correctionReason }) : nothing}
        ${warnings?.length ? html`<div class="notice warn" id="harvest-warning" role="alert">
            <p><strong>${t('app.harvests.warning_title')}</strong></p>
            <ul>${warnings.map((w) => html`<li>${t(w.type === 'vet_treatment' ? 'phi.inside_withdrawal' : 'phi.inside_interval', w)}</li>`)}</ul>
            <p>${t('app.harvests.warning_then')}</p>
            <div class="actions">
              <button type="button" class="secondary" id="harvest-later" @click=${() => { warnings = null; redraw(); }}>${t('app.harvests.not_now')}</button>
              <button type="button" class="danger" id="save-anyway" ?disabled=${saving} @click=${keepIt}>${t('app.harvests.save_anyway')}</button>
            </div></div>`
          : html`<button type="submit" class="primary wide" ?disabled=${saving}>${t('app.save')}</button>`}
      </form>`;
  },
});
