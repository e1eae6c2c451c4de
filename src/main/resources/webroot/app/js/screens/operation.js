// One operation (or harvest) as recorded: what, where, when, the input and its lot, dose,
// quantity, notes; whether it reached the server; for a harvest, the batch it made and why it is
// held; its photos (on the server or still on the phone), its corrections, and a way to correct it.
import { html, nothing, screen, heading, editorOf, status, fact } from '../ui.js';
import { t, say, when } from '../i18n.js';
import { api, apiBlob } from '../api.js';
import { PRODUCER_ROLES, RECORDING, role, session } from '../session.js';
import { find } from '../records.js';
import { photosOf } from '../outbox.js';
import { standing } from '../recording.js';
import { history } from './plots.js';

let urls = [];

async function photoUrls(id, detail) {
  const onServer = await Promise.all((detail?.photos ?? []).map((p) =>
    apiBlob(`/operations/${p.operationId ?? id}/photos/${p.id}`).catch(() => null)));
  const onPhone = (await photosOf(id)).map((p) => p.blob);
  return [...onServer, ...onPhone].filter(Boolean).map((blob) => URL.createObjectURL(blob));
}

async function batchOf(id, op, sent) {
  let batch = op.batch ?? null;
  if (op.type !== 'harvest' || !sent) return batch;
  try {
    batch = batch ? await api('GET', `/batches/${batch.id}`)
      : (await api('GET', '/batches?limit=100')).items.find((b) => b.harvestId === id) ?? null;
  } catch {
    // Offline: the batch as the phone last heard of it.
  }
  return batch;
}

function standingNotice(where, harvest) {
  const { state, entry } = where;
  if (state === 'sent') return html`<p class="notice good" id="standing">✓ ${t('app.operation.sent')}</p>`;
  if (state === 'sending') return html`<p class="notice warn" id="standing" role="status">${t('app.operation.sending')}</p>`;
  if (state === 'waiting') return html`<p class="notice warn" id="standing" role="status">${t(harvest ? 'app.harvests.waiting' : 'app.operation.waiting')}</p>`;
  const fix = editorOf(entry);
  return html`<div class="notice bad" id="standing" role="alert">
    <p>${t(`app.outbox.state.${state}`)}: ${say(entry.outcome)}</p>
    ${state === 'rejected' && fix ? html`<a class="button primary" id="fix-record" href=${`#${fix}`}>${t('app.outbox.fix')}</a>`
      : html`<a class="button secondary" href="#/outbox">${t('app.outbox.title')}</a>`}</div>`;
}

function batchCard(batch, where) {
  if (!batch) {
    return where.state === 'sent' ? nothing : html`<p class="notice" id="batch-result">${t('app.harvests.judged_when_sent')}</p>`;
  }
  return html`<div class="card batch batch-${batch.status}" id="batch-result">
    <p>${status(batch.status)} <strong>${t('app.harvests.batch', { lotCode: batch.lotCode })}</strong></p>
    ${batch.status === 'held' ? html`<p class="reason">${say(batch.reason)}</p>` : nothing}
    <a class="button secondary" href=${`#/batches/${batch.id}`}>${t('app.harvests.see_batch')}</a></div>`;
}

screen({
  path: '/operations/:id',
  roles: PRODUCER_ROLES,
  async open({ id }) {
    urls.forEach((u) => URL.revokeObjectURL(u));
    const kept = await find(id);
    const where = await standing(id);
    let detail = null;
    if (!(kept?.pending && kept.revision === 0)) {
      try {
        detail = await api('GET', `/operations/${id}`);
      } catch (error) {
        if (!kept) throw error;
      }
    }
    const op = kept?.pending || !detail ? kept : { ...kept, ...detail };
    const harvest = op.type === 'harvest';
    const plot = await find(op.plotId);
    const input = op.inputId ? await find(op.inputId) : null;
    const batch = await batchOf(id, op, where.state === 'sent');
    urls = await photoUrls(id, detail);
    const by = op.recordedBy ? (op.recordedBy === session().userId ? t('app.operation.by_me') : t('app.operation.by_other')) : null;
    const form = harvest ? 'harvests' : 'operations';
    return () => html`
      ${heading(t(`operation.${op.type}`), plot ? `/plots/${op.plotId}` : '/')}
      <div id="operation" data-id=${id}>
      ${standingNotice(where, harvest)}
      ${harvest ? batchCard(batch, where) : nothing}
      <dl class="card facts">
        ${fact(t('app.operations.plot'), plot?.name)}
        ${fact(t('app.operations.when'), when(op.occurredAt))}
        ${fact(t('app.operations.input'), input ? html`<a href=${`#/inputs/${op.inputId}`}>${input.name}</a>` : null)}
        ${fact(t('app.operations.input_lot'), op.inputLot)}
        ${fact(t('app.operations.dose'), op.dose ? `${op.dose} ${t(`dose_unit.${op.doseUnit}`)}` : null)}
        ${fact(t(harvest ? 'app.harvests.quantity' : 'app.operations.quantity'), op.quantity ? `${op.quantity} ${t(`quantity_unit.${op.quantityUnit}`)}` : null)}
        ${fact(t('app.harvests.crop'), op.crop)}
        ${fact(t('app.operations.notes'), op.notes)}
        ${fact(t('app.operation.received'), op.receivedAt ? [when(op.receivedAt), by].filter(Boolean).join(' · ') : null)}
      </dl>
      ${urls.length ? html`<h2>${t('app.operation.photos')}</h2>
        <ul class="photos" id="operation-photos">${urls.map((u, i) => html`<li><img src=${u} alt=${t('app.operations.photo_n', { n: i + 1 })}></li>`)}</ul>` : nothing}
      ${history(detail?.history)}
      <div class="actions">
        ${RECORDING.includes(role()) && where.state === 'sent' ? html`<a class="button secondary" id="correct-operation" href=${`#/${form}/new?corrects=${id}`}>${t('app.record.correct')}</a>` : nothing}
        ${harvest ? html`<a class="button primary" id="record-test" href=${`#/tests/rapid?harvest=${id}${batch ? `&batch=${batch.id}` : ''}`}>${t('app.testing.record_rapid')}</a>` : nothing}
        ${RECORDING.includes(role()) ? html`<a class="button primary" id="record-another" href=${`#/operations/new?plot=${op.plotId}`}>${t('app.operation.another')}</a>` : nothing}
      </div></div>`;
  },
});
