// 包装赋码 on a batch's screen: the batch's packing runs, each opening its run screen, and for the
// producer's admins and recorders the form that packs a released batch that has a certificate
// into labelled units (or one line saying why it cannot be packed yet). batches.js renders it
// with packing(batch).
import { html, nothing, field, choice, values, redraw, go, toast, problemText, formProblem, revealError } from '../ui.js';
import { t, day } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { RECORDING, role, session } from '../session.js';
import { certificatesOf } from './batch-certificates.js';

/** Units a unit's weight may be given in for a harvest recorded in `unit` (the server converts them). */
const FAMILIES = [['kg', 'jin', 'g', 't'], ['l', 'ml']];
const unitsFor = (unit) => FAMILIES.find((f) => f.includes(unit)) ?? [unit];

const states = new WeakMap();

function stateOf(batch, packs) {
  let state = states.get(batch);
  if (!state) {
    state = { runs: null, products: null, error: null, problems: {}, sending: false };
    states.set(batch, state);
    load(batch, state, packs);
  }
  return state;
}

async function load(batch, state, packs) {
  try {
    const [runs, products] = await Promise.all([api('GET', `/batches/${batch.id}/packing-runs?limit=100`),
      packs ? everyPage(`/producers/${batch.producerId}/products`) : null]);
    state.runs = runs.items;
    state.products = products;
    state.error = null;
  } catch (e) {
    state.error = problemText(e);
  }
  redraw();
}

async function pack(event, batch, state) {
  event.preventDefault();
  const v = values(event.target);
  const p = {};
  if (!v.productId) p.productId = t('app.pack.product_needed');
  if (!(Number(v.unitCount) >= 1)) p.unitCount = t('app.pack.count_needed');
  if (!(Number(v.unitWeight) > 0)) p.unitWeight = t('app.pack.weight_needed');
  if (!v.packaging) p.packaging = t('app.field.required');
  state.problems = p;
  if (Object.keys(p).length) return (redraw(), revealError());
  state.sending = true;
  redraw();
  try {
    const run = await api('POST', `/batches/${batch.id}/packing-runs`, {
      productId: v.productId, unitCount: Number(v.unitCount), unitWeight: Number(v.unitWeight), unitWeightUnit: v.unitWeightUnit,
      packDate: v.packDate, packaging: v.packaging, caseSize: v.caseSize ? Number(v.caseSize) : null,
    });
    toast(t('app.pack.packed', { count: run.unitCount, product: run.productName }));
    states.delete(batch);
    go(`/packing-runs/${run.id}`);
    return;
  } catch (e) {
    state.problems = formProblem(e, { productId: t('app.pack.product'), unitCount: t('app.pack.unit_count'),
      unitWeight: t('app.pack.unit_weight'), unitWeightUnit: t('app.pack.weight_unit'), packDate: t('app.pack.pack_date'),
      packaging: t('app.pack.packaging'), caseSize: t('app.pack.case_size') });
  }
  state.sending = false;
  redraw();
  revealError();
}

function form(batch, state) {
  if (state.products === null) return state.error ? nothing : html`<p class="muted">${t('app.loading')}</p>`;
  const own = batch.product?.id;
  const products = own ? state.products.filter((x) => x.id === own) : state.products;
  if (!products.length) return html`<p class="notice" id="pack-no-product">${t('app.pack.no_product')}</p>`;
  const chosen = products[0];
  const units = unitsFor(batch.quantityUnit ?? 'kg');
  const net = chosen.netContent && units.includes(chosen.netContent.unit) ? chosen.netContent : null;
  const p = state.problems;
  // What the server refused is cleared as soon as the person changes anything, so an old error never stands beside new numbers.
  const changed = () => {
    if (!Object.keys(state.problems).length) return;
    state.problems = {};
    redraw();
  };
  return html`<form id="packing-form" class="card" @submit=${(e) => pack(e, batch, state)} @input=${changed} novalidate>
    <h3>${t('app.pack.title')}</h3>
    ${choice({ name: 'productId', label: t('app.pack.product'), options: products.map((x) => [x.id, x.name]), value: chosen.id,
      blank: false, required: true, error: p.productId })}
    ${field({ name: 'unitCount', label: t('app.pack.unit_count'), type: 'number', inputmode: 'numeric', min: 1, max: 10000,
      required: true, hint: t('app.pack.unit_count_hint'), error: p.unitCount })}
    <div class="row">
      ${field({ name: 'unitWeight', label: t('app.pack.unit_weight'), type: 'number', inputmode: 'decimal', step: 'any', min: 0,
        required: true, value: net ? String(net.quantity) : '', error: p.unitWeight })}
      ${choice({ name: 'unitWeightUnit', label: t('app.pack.weight_unit'), blank: false, value: net?.unit ?? units[0],
        error: p.unitWeightUnit, options: units.map((u) => [u, t(`quantity_unit.${u}`)]) })}
    </div>
    ${field({ name: 'packaging', label: t('app.pack.packaging'), required: true, value: chosen.packaging ?? '',
      hint: t('app.pack.packaging_hint'), error: p.packaging })}
    ${field({ name: 'caseSize', label: t('app.pack.case_size'), type: 'number', inputmode: 'numeric', min: 1,
      hint: t('app.pack.case_size_hint'), error: p.caseSize })}
    ${field({ name: 'packDate', label: t('app.pack.pack_date'), type: 'date', required: true, value: day(new Date()),
      max: day(new Date()), error: p.packDate })}
    ${p[''] ? html`<p class="notice bad" role="alert" id="packing-error">${p['']}</p>` : nothing}
    <button type="submit" class="primary wide" id="pack-batch" ?disabled=${state.sending}>${t('app.pack.submit')}</button>
  </form>`;
}

/** Why a batch cannot be packed yet, in one line; nothing when it can. */
function notYet(batch) {
  if (batch.status === 'rejected' || batch.status === 'recalled') return t('app.pack.never', { status: t(`status.${batch.status}`) });
  if (batch.status !== 'released') return t('app.pack.not_released', { status: t(`status.${batch.status}`) });
  const certificates = certificatesOf(batch);
  if (certificates === null) return null;
  return certificates.length ? null : t('app.pack.no_certificate');
}

function runItem(r) {
  return html`<li><a class="item packing-run" href=${`#/packing-runs/${r.id}`} data-run=${r.id}>
    <strong>${day(r.packDate)} · ${r.productName}</strong>
    <span>${t('app.pack.run_line', { count: r.unitCount, weight: r.unitWeight, unit: t(`quantity_unit.${r.unitWeightUnit}`) })}
      ${r.caseCount ? ` · ${t('app.pack.cases_line', { count: r.caseCount })}` : ''}</span>
    <span class="muted">${r.packaging}</span>
  </a></li>`;
}

/** The batch's packing block, for the batch detail screen. */
export function packing(batch) {
  const packs = RECORDING.includes(role()) && session()?.producerId === batch.producerId;
  const state = stateOf(batch, packs);
  const runs = state.runs ?? [];
  if (!packs && runs.length === 0) return nothing;
  const why = packs ? notYet(batch) : null;
  return html`<section id="batch-packing">
    <h2>${t('app.pack.heading')}</h2>
    ${state.error ? html`<p class="notice bad" role="alert">${state.error}</p>` : nothing}
    ${why ? html`<p class="notice warn" id="pack-not-yet">${why}</p>` : nothing}
    ${runs.length ? html`<ul class="list" id="packing-runs">${runs.map(runItem)}</ul>`
      : html`<p class="muted">${state.runs ? t('app.pack.no_runs') : t('app.loading')}</p>`}
    ${packs && why === null && certificatesOf(batch) ? form(batch, state) : nothing}
  </section>`;
}
