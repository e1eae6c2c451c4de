// Batches (批次): the list (held ones first, as the server orders them), one batch with why it
// stands where it stands, its violations, its growing cycle and its history, and the inspector's
// hold and release, each with a reason.
import { html, nothing, screen, heading, textarea, values, redraw, go, toast, problemText, fieldProblem, revealError, status } from '../ui.js';
import { t, say, day, when } from '../i18n.js';
import { api } from '../api.js';
import { session, role, EVERYONE, OVERSEEING } from '../session.js';
import { batchProduct } from './batch-product.js';
import { batchTests } from './batch-tests.js';
import { certificates } from './batch-certificates.js';
import { packing } from './packing.js';

const PAGE = 50;
const STATUSES = ['held', 'harvested', 'released', 'rejected', 'recalled'];

/** The inspector's moves open from each status (BatchStatus.java; reject and recall have no endpoint yet). */
const MOVES = { harvested: ['hold', 'release'], held: ['release'], released: ['hold'], rejected: [], recalled: [] };
export const movesFrom = (current) => (role() === 'inspector' ? MOVES[current] ?? [] : []);

const amount = (b) => (b.quantity != null ? `${b.quantity} ${b.quantityUnit ? t(`quantity_unit.${b.quantityUnit}`) : ''}` : '');

screen({
  path: '/batches',
  roles: EVERYONE,
  tile: 'app.batches.title',
  order: 40,
  async open(params, query) {
    const wanted = query.get('status') ?? '';
    const producerId = query.get('producerId');
    const overseeing = OVERSEEING.includes(role());
    const filter = new URLSearchParams();
    if (producerId) filter.set('producerId', producerId);
    if (wanted) filter.set('status', wanted);
    let batches = [];
    let more = false;
    let lot = '';
    let error = null;
    const producer = producerId && overseeing ? await api('GET', `/producers/${producerId}`).catch(() => null) : null;
    async function load() {
      error = null;
      try {
        const page = await api('GET', `/batches?${filter}&limit=${PAGE}&offset=${batches.length}`);
        batches = [...batches, ...page.items];
        more = page.items.length === PAGE;
      } catch (e) {
        error = problemText(e);
      }
      redraw();
    }
    await load();
    const pick = (event) => {
      const next = new URLSearchParams(filter);
      if (event.target.value) next.set('status', event.target.value);
      else next.delete('status');
      go(`/batches${next.size ? `?${next}` : ''}`);
    };
    let searching;
    // The server finds the lot code among all the batches, not only the pages loaded so far.
    const search = (event) => {
      lot = event.target.value.trim();
      clearTimeout(searching);
      searching = setTimeout(() => {
        if (lot) filter.set('lot', lot);
        else filter.delete('lot');
        batches = [];
        load();
      }, 300);
    };
    return () => {
      const shown = batches;
      return html`
        ${heading(t('app.batches.title'), producer ? `/producers/${producerId}` : '/')}
        ${producer ? html`<p class="muted" id="batches-of">${t('app.batches.of', { name: producer.name })}</p>` : nothing}
        <div class="row batch-filters">
          <div class="field">
            <label for="lot-search">${t('app.batches.find_lot')}</label>
            <input id="lot-search" type="search" autocomplete="off" autocapitalize="characters" .value=${lot}
              @input=${search} aria-describedby="lot-search-note">
            <p class="note" id="lot-search-note">${t('app.batches.find_lot_hint')}</p>
          </div>
          <div class="field">
            <label for="status-filter">${t('app.batches.status')}</label>
            <select id="status-filter" @change=${pick}>
              <option value="" ?selected=${!wanted}>${t('app.batches.any_status')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === wanted}>${t(`status.${s}`)}</option>`)}
            </select>
          </div>
        </div>
        ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
        ${shown.length === 0 && !error ? html`<p class="notice">${lot ? t('app.batches.no_match', { lot }) : t('app.batches.none')}</p>` : nothing}
        <ul class="list batch-rows ${overseeing && !producerId ? 'overseeing' : ''}" id="batch-list">
          ${shown.map((b) => html`<li><a class="item batch-row" href=${`#/batches/${b.id}`} data-lot=${b.lotCode}>
            <span class="lot"><strong>${b.lotCode}</strong> ${status(b.status)}</span>
            ${overseeing && !producerId ? html`<span class="producer">${b.producerName}</span>` : nothing}
            <span class="muted">${[b.crop, amount(b), day(b.harvestedOn)].filter(Boolean).join(' · ')}</span>
            ${b.status === 'held' ? html`<span class="reason">${say(b.reason)}</span>` : nothing}
          </a></li>`)}
        </ul>
        ${more ? html`<button class="secondary wide" id="more-batches" @click=${load}>${t('app.batches.more')}</button>` : nothing}`;
    };
  },
});

/** Who made a change: the reader, an inspector, the harvest's recorder, or agritrace's own rules. */
function who(event) {
  if (!event.by) return t('app.batch.by_rules');
  if (event.by === session().userId) return t('app.batch.by_you');
  return t('app.batch.by_person', { name: event.byName, role: t(`app.role.${event.byRole}`) });
}

async function loadBatch(id) {
  const batch = await api('GET', `/batches/${id}`);
  const producer = await api('GET', `/producers/${batch.producerId}`).catch(() => null);
  return { batch, producer };
}

function violations(list) {
  if (!list?.length) return nothing;
  return html`<h2>${t('app.batch.violations')}</h2>
    <ul class="list" id="violations">${list.map((v) => html`<li class="item">
      <strong>${v.inputName}${v.inputLot ? ` · ${t('app.batch.input_lot', { lot: v.inputLot })}` : ''}</strong>
      <span>${t('app.batch.applied_on', { operation: t(`operation.${v.operation}`), day: day(v.appliedOn) })}</span>
      <span>${t(v.operation === 'vet_treatment' ? 'app.batch.withdrawal' : 'app.batch.interval', { days: v.intervalDays })}
        · <strong>${t('app.batch.earliest', { day: day(v.earliestHarvest) })}</strong></span>
    </li>`)}</ul>`;
}

function cycle(operations) {
  return html`<details class="card" id="cycle"><summary>${t('app.batch.cycle', { count: operations.length })}</summary>
    <ol class="cycle">${operations.map((o) => html`<li>
      <strong>${day(o.date ?? o.occurredAt)} ${t(`operation.${o.type}`)}</strong>
      ${o.inputName ? html`<span>${o.inputName}${o.inputLot ? ` · ${t('app.batch.input_lot', { lot: o.inputLot })}` : ''}</span>` : nothing}
      ${o.dose != null ? html`<span class="muted">${t('app.batch.dose', { dose: o.dose, unit: o.doseUnit ? t(`dose_unit.${o.doseUnit}`) : '' })}</span>` : nothing}
      ${o.quantity != null ? html`<span class="muted">${amount(o)}</span>` : nothing}
      ${o.notes ? html`<span class="muted">${o.notes}</span>` : nothing}
    </li>`)}</ol></details>`;
}

screen({
  path: '/batches/:id',
  roles: EVERYONE,
  async open({ id }) {
    const { batch: b, producer } = await loadBatch(id);
    const overseeing = OVERSEEING.includes(role());
    const moves = movesFrom(b.status);
    return () => html`
      ${heading(b.lotCode, '/batches')}
      <div class="card batch-now" id="batch-status">
        <p>${status(b.status)}</p>
        <p class="reason">${say(b.reason)}</p>
      </div>
      ${moves.length ? html`<div class="actions" id="batch-moves">
        ${moves.map((m) => html`<a class="button ${m === 'hold' ? 'danger' : 'primary'}" id=${`${m}-batch`} href=${`#/batches/${id}/${m}`}>${t(`app.batch.${m}`)}</a>`)}
      </div>` : nothing}
      <dl class="card facts">
        <dt>${t('app.batch.producer')}</dt>
        <dd>${producer ? (overseeing ? html`<a href=${`#/producers/${producer.id}`}>${producer.name}</a>` : producer.name) : '—'}</dd>
        <dt>${t('app.batch.crop')}</dt><dd>${b.crop ?? '—'} ${b.quantity != null ? `· ${amount(b)}` : ''}</dd>
        <dt>${t('app.batch.harvested_on')}</dt><dd>${day(b.harvestedOn)}</dd>
        <dt>${t('app.batch.plot')}</dt><dd>${b.plot ? `${b.plot.name} · ${t(`unit_kind.${b.plot.kind}`)}` : '—'}</dd>
      </dl>
      ${batchProduct(b)}
      ${batchTests(b)}
      ${violations(b.violations)}
      ${certificates(b)}
      ${packing(b)}
      ${cycle(b.operations ?? [])}
      <h2>${t('app.batch.history')}</h2>
      <ol class="list batch-history" id="batch-history">${[...b.history].reverse().map((e) => html`<li class="item">
        <span>${status(e.status)} <span class="muted">${when(e.at)} · ${who(e)}</span></span>
        <span>${say(e.reason)}</span>
      </li>`)}</ol>`;
  },
});

/** The form of an inspector's decision: hold or release, with the reason the producer will read. */
function decision(move) {
  return async ({ id }) => {
    const { batch: b } = await loadBatch(id);
    const allowed = movesFrom(b.status).includes(move);
    let error = null;
    let reasonError = null;
    let sending = false;
    async function decide(event) {
      event.preventDefault();
      const { reason } = values(event.target);
      error = null;
      reasonError = reason ? null : t('app.batch.reason_needed');
      if (reasonError) return (redraw(), revealError());
      sending = true;
      redraw();
      try {
        const now = await api('POST', `/batches/${id}/${move}`, { reason });
        toast(t('app.batch.now', { lot: now.lotCode, status: t(`status.${now.status}`) }));
        go(`/batches/${id}`);
      } catch (e) {
        if (e.field === 'reason') reasonError = fieldProblem(e, t('app.batch.reason'));
        else error = problemText(e);
      }
      sending = false;
      redraw();
      revealError();
    }
    return () => html`
      ${heading(t(`app.batch.${move}_title`, { lot: b.lotCode }), `/batches/${id}`)}
      <div class="card batch-now">
        <p>${t('app.batch.current')} ${status(b.status)}</p>
        <p class="reason">${say(b.reason)}</p>
      </div>
      ${allowed ? html`<form id="decision-form" class="card" @submit=${decide} novalidate>
        <p>${t(`app.batch.${move}_explain`)}</p>
        ${textarea({ name: 'reason', label: t('app.batch.reason'), required: true, error: reasonError, hint: t('app.batch.reason_hint') })}
        ${error ? html`<p class="notice bad" role="alert" id="decision-error">${error}</p>` : nothing}
        <div class="actions">
          <a class="button secondary" href=${`#/batches/${id}`}>${t('app.cancel')}</a>
          <button type="submit" class=${move === 'hold' ? 'danger' : 'primary'} ?disabled=${sending}>${t(`app.batch.${move}`)}</button>
        </div>
      </form>` : html`<p class="notice warn" role="alert">${t('app.batch.move_closed', { status: t(`status.${b.status}`) })}</p>`}`;
  };
}

screen({ path: '/batches/:id/hold', roles: OVERSEEING, open: decision('hold') });
screen({ path: '/batches/:id/release', roles: OVERSEEING, open: decision('release') });
