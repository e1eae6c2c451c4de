// The tests block of a batch's screen: each test with its judgement and what it did to the batch,
// who recorded it and when, its photos; the tests still waiting on this phone; and the way to
// record a rapid test or a lab report of the batch (an inspector's are spot checks).
import { html, nothing, redraw, problemText } from '../ui.js';
import { t, say, when } from '../i18n.js';
import { api, apiBlob } from '../api.js';
import { role, PRODUCER_ROLES } from '../session.js';
import { list } from '../records.js';
import { tone, measured } from './test.js';
import { TESTING } from './test-form.js';

/** What was loaded for the batch last drawn: its tests, the phone's waiting ones, photo addresses. */
let shown = { batch: null };

async function load(b, state) {
  try {
    state.tests = (await api('GET', `/batches/${b.id}/tests`)).items;
  } catch (e) {
    state.error = e;
    state.tests = [];
  }
  state.waiting = PRODUCER_ROLES.includes(role())
    ? (await list('test')).filter((w) => w.pending && (w.harvestId === b.harvestId || w.batchId === b.id)) : [];
  for (const test of state.tests) {
    const blobs = await Promise.all((test.photos ?? []).map((p) => apiBlob(`/tests/${test.id}/photos/${p.id}`).catch(() => null)));
    state.urls[test.id] = blobs.filter(Boolean).map((blob) => URL.createObjectURL(blob));
  }
  state.loading = false;
  if (shown === state) redraw();
}

function who(test) {
  const by = test.recordedBy ?? {};
  return [by.name, by.role ? t(`app.role.${by.role}`) : null].filter(Boolean).join(' · ');
}

function row(test, urls = []) {
  return html`<li class="item test-row" data-result=${test.result}>
    <p><strong>${measured(test)}</strong>
      ${test.official ? html`<span class="tag official">${t('app.testing.official')}</span>` : nothing}
      ${test.correctedBy ? html`<span class="tag">${t('app.testing.corrected')}</span>` : nothing}</p>
    <p class="notice ${tone(test.result)} judgement">${say(test.judgement)}</p>
    <p class="effect">${say(test.effectMessage)}</p>
    <p class="muted">${when(test.testedAt)} · ${who(test)}</p>
    ${urls.length ? html`<ul class="photos">${urls.map((u, i) => html`<li><img src=${u} alt=${t('app.testing.photo_of', { n: i + 1 })}></li>`)}</ul>` : nothing}
  </li>`;
}

/** The block for batch b (as its screen loaded it); loads its tests the first time it is drawn. */
export function batchTests(b) {
  if (shown.batch !== b) {
    Object.values(shown.urls ?? {}).flat().forEach((u) => URL.revokeObjectURL(u));
    shown = { batch: b, loading: true, tests: [], waiting: [], urls: {} };
    load(b, shown);
  }
  const { loading, tests, waiting, urls, error } = shown;
  const spot = role() === 'inspector';
  const open = TESTING.includes(role()) && !['rejected', 'recalled'].includes(b.status);
  const to = (kind) => `#/tests/${kind}?batch=${b.id}&harvest=${b.harvestId}`;
  return html`<section id="batch-tests" aria-labelledby="batch-tests-title">
    <h2 id="batch-tests-title">${t('app.testing.title')}</h2>
    ${open ? html`<div class="actions" id="test-actions">
      <a class="button primary" id="record-rapid" href=${to('rapid')}>${t(spot ? 'app.testing.spot_rapid' : 'app.testing.record_rapid')}</a>
      <a class="button secondary" id="record-lab" href=${to('lab')}>${t(spot ? 'app.testing.spot_lab' : 'app.testing.record_lab')}</a>
    </div>` : nothing}
    ${loading ? html`<p class="loading">${t('app.loading')}</p>` : nothing}
    ${error ? html`<p class="notice bad" role="alert">${problemText(error)}</p>` : nothing}
    ${!loading && !tests.length && !waiting.length && !error ? html`<p class="notice" id="no-tests">${t('app.testing.none')}</p>` : nothing}
    <ul class="list tests">
      ${waiting.map((w) => html`<li><a class="item test-row waiting" href=${`#/tests/${w.recordId}`}>
        <strong>${measured(w)}</strong><span class="muted">${t('app.testing.waiting')}</span></a></li>`)}
      ${[...tests].reverse().map((test) => row(test, urls[test.id]))}
    </ul>
  </section>`;
}
