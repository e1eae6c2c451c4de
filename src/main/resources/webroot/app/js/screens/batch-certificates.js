// A batch's commitment certificates (承诺达标合格证) in its detail: the list, each with a button
// that opens its printable page, and for a released batch the producer admin's form that issues
// one for a delivery, prefilled with what is left of the harvest.
import { html, nothing, field, choice, values, redraw, toast, problemText, formProblem, revealError } from '../ui.js';
import { t, say, day } from '../i18n.js';
import { api } from '../api.js';
import { role } from '../session.js';

/** Units a certificate may use for a harvest recorded in `unit` (the server converts them). */
const FAMILIES = [['kg', 'jin', 'g', 't'], ['l', 'ml']];
const unitsFor = (unit) => FAMILIES.find((f) => f.includes(unit)) ?? [unit];

/** Each batch object shown gets its own state: a screen opened again loads afresh. */
const states = new WeakMap();

function stateOf(batch) {
  let state = states.get(batch);
  if (!state) {
    state = { list: null, error: null, problems: {}, sending: false };
    states.set(batch, state);
    load(batch.id, state);
  }
  return state;
}

async function load(batchId, state) {
  try {
    state.list = await api('GET', `/batches/${batchId}/certificates`);
    state.error = null;
  } catch (e) {
    state.error = problemText(e);
  }
  redraw();
}

async function issue(event, batch, state) {
  event.preventDefault();
  const { quantity, quantityUnit, buyer, deliveryNote } = values(event.target);
  state.problems = quantity ? {} : { quantity: t('app.certificates.quantity_needed') };
  if (state.problems.quantity) return (redraw(), revealError());
  state.sending = true;
  redraw();
  try {
    const issued = await api('POST', `/batches/${batch.id}/certificates`, { quantity: Number(quantity), quantityUnit, buyer, deliveryNote });
    toast(t('app.certificates.issued', { code: issued.code }));
    await load(batch.id, state);
    clear(event.target, state.list?.left);
  } catch (e) {
    state.problems = formProblem(e, { quantity: t('app.certificates.quantity'), quantityUnit: t('app.certificates.unit'),
      buyer: t('app.certificates.buyer'), deliveryNote: t('app.certificates.delivery_note') });
  }
  state.sending = false;
  redraw();
  revealError();
}

/** After an issue: the form starts again from what is now left, the delivery's own fields empty. */
function clear(form, left) {
  if (!form.isConnected || !left) return;
  form.elements.quantity.value = String(left.quantity);
  form.elements.quantityUnit.value = left.unit;
  form.elements.buyer.value = '';
  form.elements.deliveryNote.value = '';
}

function form(batch, state) {
  const left = state.list?.left;
  if (!left) return nothing;
  if (left.quantity <= 0) return html`<p class="notice" id="certificates-used-up">${t('app.certificates.used_up')}</p>`;
  const p = state.problems;
  return html`<form id="certificate-form" class="card" @submit=${(e) => issue(e, batch, state)} novalidate>
    <h3>${t('app.certificates.issue')}</h3>
    <p class="muted" id="certificate-left">${t('app.certificates.left', { quantity: left.quantity, unit: t(`quantity_unit.${left.unit}`) })}</p>
    <div class="row">
      ${field({ name: 'quantity', label: t('app.certificates.quantity'), type: 'number', inputmode: 'decimal', step: 'any', min: 0,
        value: String(left.quantity), required: true, error: p.quantity })}
      ${choice({ name: 'quantityUnit', label: t('app.certificates.unit'), blank: false, value: left.unit, error: p.quantityUnit,
        options: unitsFor(left.unit).map((u) => [u, t(`quantity_unit.${u}`)]) })}
    </div>
    ${field({ name: 'buyer', label: t('app.certificates.buyer'), error: p.buyer })}
    ${field({ name: 'deliveryNote', label: t('app.certificates.delivery_note'), error: p.deliveryNote })}
    ${p[''] ? html`<p class="notice bad" role="alert" id="certificate-error">${p['']}</p>` : nothing}
    <button type="submit" class="primary wide" id="issue-certificate" ?disabled=${state.sending}>${t('app.certificates.issue')}</button>
  </form>`;
}

function item(c) {
  return html`<li class="item certificate" data-code=${c.code}>
    <strong>${c.quantity} ${t(`quantity_unit.${c.quantityUnit}`)} · ${say(c.basisName)}</strong>
    <span class="muted">${day(c.issuedOn)} · ${t('app.certificates.code', { code: c.code })}</span>
    ${c.buyer || c.deliveryNote ? html`<span class="muted">${[c.buyer, c.deliveryNote].filter(Boolean).join(' · ')}</span>` : nothing}
    <div class="actions">
      <a class="button primary print-certificate" href=${`${c.url}/print`} target="_blank" rel="noopener">${t('app.certificates.print')}</a>
      <a class="button secondary" href=${c.url} target="_blank" rel="noopener">${t('app.certificates.open')}</a>
    </div>
  </li>`;
}

/** The batch's certificates as loaded for its screen: null while loading (or when they could not be). */
export const certificatesOf = (batch) => stateOf(batch).list?.items ?? null;

/** The batch's certificates block, for the batch detail screen. */
export function certificates(batch) {
  const state = stateOf(batch);
  const issuing = role() === 'producer_admin' && batch.status === 'released';
  const items = state.list?.items ?? [];
  if (!issuing && items.length === 0 && !state.error) return nothing;
  return html`<section id="batch-certificates">
    <h2>${t('app.certificates.title')}</h2>
    ${state.error ? html`<p class="notice bad" role="alert">${state.error}</p>` : nothing}
    ${issuing ? form(batch, state) : nothing}
    ${items.length ? html`<ul class="list" id="certificate-list">${items.map(item)}</ul>`
      : html`<p class="muted">${state.list ? t('app.certificates.none') : t('app.certificates.loading')}</p>`}
  </section>`;
}
