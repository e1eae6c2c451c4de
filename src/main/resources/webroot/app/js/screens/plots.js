// Plots (production units: 地块, 大棚, 鱼塘, 畜舍 ...): the producer's list, one plot with its
// operations and its history of corrections, and the form that adds, corrects or fixes one.
import { html, nothing, screen, heading, field, choice, values, redraw, editor, toast } from '../ui.js';
import { t, when, nowWithOffset } from '../i18n.js';
import { api } from '../api.js';
import { PRODUCER_ROLES, RECORDING, role } from '../session.js';
import { list, find } from '../records.js';
import { begin, keepAndSend, showSaved } from '../recording.js';

export const UNIT_KINDS = ['plot', 'base', 'greenhouse', 'orchard', 'tea_garden', 'vegetable_garden', 'fish_pond', 'barn', 'pen'];
export const SIZE_UNITS = ['mu', 'hectare', 'm2', 'head'];

/** The record's versions, the original first, each with when, who and why it was corrected. */
export function history(versions) {
  if (!versions || versions.length < 2) return nothing;
  return html`<details class="card history"><summary>${t('app.record.history', { count: versions.length - 1 })}</summary>
    <ol>${versions.map((v) => html`<li>
      <p>${v.revision === 0 ? t('app.record.original') : t('app.record.correction', { revision: v.revision })} · ${when(v.receivedAt)}</p>
      ${v.correctionReason ? html`<p class="muted">${t('app.record.reason', { reason: v.correctionReason })}</p>` : nothing}
    </li>`)}</ol></details>`;
}

screen({
  path: '/plots',
  live: true,
  roles: PRODUCER_ROLES,
  tile: 'app.plots.title',
  order: 10,
  async open() {
    const plots = await list('plot');
    return () => html`
      ${heading(t('app.plots.title'))}
      ${RECORDING.includes(role()) ? html`<a class="button primary wide" id="add-plot" href="#/plots/new">${t('app.plots.add')}</a>` : nothing}
      ${plots.length === 0 ? html`<p class="notice">${t('app.plots.none')}</p>` : nothing}
      <ul class="list" id="plot-list">${plots.map((p) => html`<li><a class="item" href=${`#/plots/${p.recordId}`}>
        <strong>${p.name}</strong>
        <span class="muted">${t(`unit_kind.${p.kind}`)} · ${p.size} ${t(`size_unit.${p.sizeUnit}`)}${p.crop ? ` · ${p.crop}` : ''}</span>
        ${p.pending ? html`<span class="tag warn">${t('app.outbox.state.waiting')}</span>` : nothing}</a></li>`)}</ul>`;
  },
});

screen({
  path: '/plots/new',
  roles: RECORDING,
  async open(params, query) {
    const { fixing, corrects, start, errors } = await begin(query);
    async function save(event) {
      event.preventDefault();
      const v = values(event.target);
      for (const k of Object.keys(errors)) delete errors[k];
      if (!v.name) errors.name = t('app.field.required');
      if (!v.kind) errors.kind = t('app.field.required');
      if (!v.size || !(Number(v.size) > 0)) errors.size = t('app.field.positive');
      if (!v.sizeUnit) errors.sizeUnit = t('app.field.required');
      if (corrects && !v.correctionReason) errors.correctionReason = t('app.record.reason_needed');
      if (Object.keys(errors).length) return redraw();
      const data = {
        name: v.name, kind: v.kind, size: Number(v.size), sizeUnit: v.sizeUnit, crop: v.crop ?? null,
        lat: v.lat ? Number(v.lat) : null, lon: v.lon ? Number(v.lon) : null, recordedAt: nowWithOffset(),
      };
      const { recordId, sent } = await keepAndSend('plot', data, { fixing, corrects, reason: v.correctionReason });
      toast(t('app.saved_on_phone'));
      showSaved(`/plots/${recordId}`, { sent });
    }
    function locate(event) {
      const form = event.target.form;
      navigator.geolocation?.getCurrentPosition((p) => {
        form.lat.value = p.coords.latitude.toFixed(6);
        form.lon.value = p.coords.longitude.toFixed(6);
      }, () => toast(t('app.plots.no_location'), 'bad'), { timeout: 15000 });
    }
    return () => html`
      ${heading(corrects ? t('app.plots.correct') : fixing ? t('app.outbox.fix') : t('app.plots.add'), '/plots')}
      <form id="plot-form" class="card" @submit=${save} novalidate>
        ${field({ name: 'name', label: t('app.plots.name'), value: start.name, required: true, error: errors.name })}
        ${choice({ name: 'kind', label: t('app.plots.kind'), value: start.kind ?? 'plot', required: true, error: errors.kind,
          options: UNIT_KINDS.map((k) => [k, t(`unit_kind.${k}`)]) })}
        <div class="row">
          ${field({ name: 'size', label: t('app.plots.size'), type: 'number', inputmode: 'decimal', step: 'any', min: '0', value: start.size, required: true, error: errors.size })}
          ${choice({ name: 'sizeUnit', label: t('app.plots.size_unit'), value: start.sizeUnit ?? 'mu', required: true, blank: false, error: errors.sizeUnit,
            options: SIZE_UNITS.map((u) => [u, t(`size_unit.${u}`)]) })}
        </div>
        ${field({ name: 'crop', label: t('app.plots.crop'), value: start.crop, error: errors.crop })}
        <div class="row">
          ${field({ name: 'lat', label: t('app.plots.lat'), type: 'number', inputmode: 'decimal', step: 'any', value: start.lat, error: errors.lat })}
          ${field({ name: 'lon', label: t('app.plots.lon'), type: 'number', inputmode: 'decimal', step: 'any', value: start.lon, error: errors.lon })}
        </div>
        <button type="button" class="secondary" @click=${locate}>${t('app.plots.use_location')}</button>
        ${corrects ? field({ name: 'correctionReason', label: t('app.record.correction_reason'), required: true, error: errors.correctionReason }) : nothing}
        <button type="submit" class="primary wide">${t('app.save')}</button>
      </form>`;
  },
});

screen({
  path: '/plots/:id',
  live: true,
  roles: PRODUCER_ROLES,
  async open({ id }) {
    let plot = await find(id);
    const operations = (await list('operation')).filter((o) => o.plotId === id);
    let versions = null;
    try {
      const detail = await api('GET', `/plots/${id}`);
      plot = { ...plot, ...detail };
      versions = detail.history;
    } catch (error) {
      if (!plot) throw error;
    }
    return () => html`
      ${heading(plot.name, '/plots')}
      <div class="card">
        <p>${t(`unit_kind.${plot.kind}`)} · ${plot.size} ${t(`size_unit.${plot.sizeUnit}`)}</p>
        ${plot.crop ? html`<p>${t('app.plots.crop')}: ${plot.crop}</p>` : nothing}
        ${plot.pending ? html`<p class="tag warn">${t('app.outbox.state.waiting')}</p>` : nothing}
      </div>
      ${RECORDING.includes(role()) ? html`<div class="actions">
        <a class="button primary" id="record-operation" href=${`#/operations/new?plot=${id}`}>${t('app.operations.record')}</a>
        <a class="button primary" id="record-harvest" href=${`#/harvests/new?plot=${id}`}>${t('app.harvests.record')}</a>
        <a class="button secondary" id="correct-plot" href=${`#/plots/new?corrects=${id}`}>${t('app.record.correct')}</a></div>` : nothing}
      ${history(versions)}
      <h2>${t('app.plots.operations')}</h2>
      ${operations.length === 0 ? html`<p class="muted">${t('app.operations.none')}</p>` : nothing}
      <ul class="list">${operations.map((o) => html`<li><a class="item" href=${`#/operations/${o.recordId}`}>
        <strong>${t(`operation.${o.type}`)}</strong><span class="muted">${when(o.occurredAt)}${o.quantity ? ` · ${o.quantity} ${t(`quantity_unit.${o.quantityUnit}`)}` : ''}</span>
        ${o.pending ? html`<span class="tag warn">${t('app.outbox.state.waiting')}</span>` : nothing}</a></li>`)}</ul>`;
  },
});

editor('plot', (e) => `/plots/new?outbox=${e.id}`);
