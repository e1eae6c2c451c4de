// One test recorded on this phone: whether it reached the server, and once it did, the server's
// judgement in words and the batch as the test left it; its photos. Also the tests judged lately,
// as the outbox shows them.
import { html, nothing, screen, heading, editorOf, status, fact } from '../ui.js';
import { t, say, when } from '../i18n.js';
import { api, apiBlob } from '../api.js';
import { PRODUCER_ROLES } from '../session.js';
import { find, list } from '../records.js';
import { photosOf } from '../outbox.js';
import { standing } from '../recording.js';
import { harvestLine } from './test-form.js';

/** How a result reads: good news, bad news, or neither. */
export const tone = (result) => ({ negative: 'good', pass: 'good', positive: 'bad', over_limit: 'bad' })[result] ?? 'warn';

/** What a test measured, in a few words: 速测 · 抑制率 62.5%, or 检测报告 · lab · report no. */
export function measured(test) {
  if (test.kind === 'rapid') return `${t('app.testing.kind.rapid')} · ${t('app.testing.rate_value', { rate: test.inhibitionRate })}`;
  return [t('app.testing.kind.lab'), test.lab, test.reportNo].filter(Boolean).join(' · ');
}

let urls = [];

async function photoUrls(test) {
  const onPhone = (await photosOf(test.recordId)).map((p) => p.blob);
  let onServer = [];
  if (test.batch && !test.pending) {
    try {
      const stored = (await api('GET', `/batches/${test.batch.id}/tests`)).items.find((s) => s.id === test.id);
      onServer = await Promise.all((stored?.photos ?? []).map((p) => apiBlob(`/tests/${test.id}/photos/${p.id}`).catch(() => null)));
    } catch {
      // Offline: the photos still on the phone only.
    }
  }
  return [...onServer, ...onPhone].filter(Boolean).map((blob) => URL.createObjectURL(blob));
}

function standingNotice({ state, entry }, test) {
  if (state === 'sent' && test.said) {
    return html`<div class="notice ${tone(test.test?.result)}" id="test-judgement" role="status"><p>${say(test.said)}</p></div>`;
  }
  if (state === 'sent') return html`<p class="notice good" id="standing">✓ ${t('app.operation.sent')}</p>`;
  if (state === 'sending') return html`<p class="notice warn" id="standing" role="status">${t('app.operation.sending')}</p>`;
  if (state === 'waiting') return html`<p class="notice warn" id="standing" role="status">${t('app.testing.waiting')}</p>`;
  const fix = editorOf(entry);
  return html`<div class="notice bad" id="standing" role="alert">
    <p>${t(`app.outbox.state.${state}`)}: ${say(entry.outcome)}</p>
    ${state === 'rejected' && fix ? html`<a class="button primary" id="fix-record" href=${`#${fix}`}>${t('app.outbox.fix')}</a>`
      : html`<a class="button secondary" href="#/outbox">${t('app.outbox.title')}</a>`}</div>`;
}

screen({
  path: '/tests/:id',
  roles: PRODUCER_ROLES,
  async open({ id }) {
    urls.forEach((u) => URL.revokeObjectURL(u));
    const test = await find(id);
    if (!test) return () => html`${heading(t('app.testing.title'))}<p class="notice warn">${t('app.testing.not_on_phone')}</p>`;
    const where = await standing(id);
    const harvest = test.harvestId ? await harvestLine(await find(test.harvestId)) : '';
    urls = await photoUrls(test);
    const again = `/tests/rapid?harvest=${test.harvestId ?? ''}${test.batch ? `&batch=${test.batch.id}` : ''}`;
    return () => html`
      ${heading(measured(test), test.batch ? `/batches/${test.batch.id}` : test.harvestId ? `/operations/${test.harvestId}` : '/')}
      <div id="test" data-id=${id}>
      ${standingNotice(where, test)}
      ${test.batch ? html`<div class="card batch batch-${test.batch.status}" id="test-batch">
          <p>${status(test.batch.status)} <strong>${t('app.harvests.batch', { lotCode: test.batch.lotCode })}</strong></p>
          <a class="button secondary" href=${`#/batches/${test.batch.id}`}>${t('app.harvests.see_batch')}</a></div>` : nothing}
      <dl class="card facts">
        ${fact(t('app.testing.harvest'), harvest)}
        ${fact(t('app.testing.sample'), test.sample)}
        ${fact(t('app.testing.method'), test.method)}
        ${fact(t('app.testing.tester'), test.tester)}
        ${fact(t('app.testing.lab'), test.lab)}
        ${fact(t('app.testing.report_no'), test.reportNo)}
        ${fact(t('app.testing.analytes'), test.analytes?.map((a) => `${a.analyte} ${a.value} ${a.unit}`).join('；'))}
        ${fact(t('app.testing.tested_at'), when(test.testedAt))}
        ${fact(t('app.operations.notes'), test.notes)}
      </dl>
      ${urls.length ? html`<h2>${t('app.operation.photos')}</h2>
        <ul class="photos" id="test-photos">${urls.map((u, i) => html`<li><img src=${u} alt=${t('app.operations.photo_n', { n: i + 1 })}></li>`)}</ul>` : nothing}
      <div class="actions">
        <a class="button primary" id="test-again" href=${`#${again}`}>${t('app.testing.again')}</a>
      </div></div>`;
  },
});

/** The tests this phone sent lately, each with the server's judgement, newest first (for the outbox). */
export async function judgedTests() {
  const judged = (await list('test')).filter((test) => !test.pending && test.said)
    .sort((a, b) => b.testedAt.localeCompare(a.testedAt)).slice(0, 5);
  if (!judged.length) return nothing;
  return html`<h2>${t('app.testing.judged_lately')}</h2>
    <ul class="list" id="judged-tests">${judged.map((test) => html`<li><a class="item" href=${`#/tests/${test.recordId}`}>
      <strong>${measured(test)} · ${when(test.testedAt)}</strong>
      <span class="notice ${tone(test.test?.result)}">${say(test.said)}</span></a></li>`)}</ul>`;
}
