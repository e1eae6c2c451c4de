// 扫码: an inspector or producer points the phone at a label and sees at once what it is (product,
// producer, lot, the batch's status now), hears and feels whether it may be sold, and the camera
// goes on to the next one: 200 crates before noon. The camera's frames are read by the browser's
// BarcodeDetector or the worker decoder (scan-camera.js); without a camera, or when the decoder
// cannot load, a photo of the label is read by the server; a code or URL can always be typed.
import { html, nothing, screen, heading, redraw, status, fact, problemText } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { EVERYONE } from '../session.js';
import { shrink } from '../photo.js';
import { startCamera } from '../scan-camera.js';
import { feedbackOf, signal, allowSound } from '../scan-feedback.js';

/** The same label read again within this time of its last read is the camera still seeing it, not a second crate. */
const SAME_MS = 4000;
/** A photo larger than this is shrunk first (a label still fills enough of 1600 pixels to read). */
const BIG_PHOTO = 2 * 1024 * 1024;
const SENT_AS_IS = ['image/jpeg', 'image/png'];

/** This session's scans, newest first, and the last one's answer: kept while the app is open, across visits to the screen. */
const tally = [];
const kept = { result: null };
/** Ends the screen's last opening (its camera, its listener): set by each opening. */
let closeLast = () => {};
const grouped = (code) => code?.replace(/(.{4})(?=.)/g, '$1-');

screen({
  path: '/scan',
  roles: EVERYONE,
  tile: 'app.scan.title',
  order: 5,
  async open(params, query) {
    closeLast();
    // Opened from another screen (an inspection), the way back leads there.
    const back = query.get('back')?.startsWith('/') ? query.get('back') : '/';
    const state = { camera: 'off', problem: null, typed: '', looking: false, seen: 0, last: { text: null, at: 0 }, closed: false };
    let stop = null;
    const close = () => {
      state.closed = true;
      stop?.();
      stop = null;
      window.removeEventListener('hashchange', leave);
    };
    // Opened again (a new language, the same address) or left: this opening's camera is turned off.
    const leave = () => !location.hash.startsWith('#/scan') && close();
    closeLast = close;
    window.addEventListener('hashchange', leave);

    function shown(answer) {
      const kind = signal(feedbackOf(answer));
      kept.result = { ...answer, feedback: kind };
      state.problem = null;
      tally.unshift(answer.known ? { ...answer.unit, at: new Date(), feedback: kind }
        : { product: t('app.scan.not_ours'), lot: answer.text, at: new Date(), feedback: kind });
    }
    /** Asks the server what the label is; offline, says so and keeps the text (what the camera read too) to send again. */
    async function look(send, text, form) {
      state.looking = true;
      redraw();
      try {
        shown(await send());
        if (form) {
          form.reset();
          state.typed = '';
        }
      } catch (error) {
        state.problem = error.offline ? t('app.scan.offline') : problemText(error);
        if (error.offline && text) state.typed = text;
        kept.result = null;
      }
      state.looking = false;
      redraw();
    }
    function seen(text) {
      const now = Date.now();
      state.seen += 1;
      if (text === state.last.text && now - state.last.at < SAME_MS) {
        // Still in view: counted again only once it has been out of view for a while.
        state.last.at = now;
        redraw();
        return;
      }
      if (state.looking) return;
      state.last = { text, at: now };
      look(() => api('POST', '/scan', { text }), text);
    }
    async function camera() {
      allowSound();
      if (!navigator.mediaDevices?.getUserMedia) {
        state.camera = 'none';
        redraw();
        return;
      }
      state.camera = 'starting';
      redraw();
      try {
        stop = await startCamera(document.getElementById('scan-video'), {
          found: seen,
          failed: () => {
            stop = null;
            state.camera = 'failed';
            redraw();
          },
        });
        state.camera = state.closed ? 'off' : 'on';
        if (state.closed) stop();
      } catch {
        state.camera = 'none';
      }
      redraw();
    }
    async function photo(event) {
      const file = event.target.files[0];
      event.target.value = '';
      if (!file) return;
      allowSound();
      look(async () => {
        const body = file.size > BIG_PHOTO || !SENT_AS_IS.includes(file.type) ? await shrink(file) : file;
        return api('POST', '/scan', body, { type: body.type || 'image/jpeg' });
      });
    }
    function typed(event) {
      event.preventDefault();
      allowSound();
      state.typed = event.target.elements.text.value;
      if (state.typed.trim()) look(() => api('POST', '/scan', { text: state.typed.trim() }), state.typed, event.target);
    }
    function restart() {
      tally.length = 0;
      kept.result = null;
      redraw();
    }
    setTimeout(camera);

    return () => html`${heading(t('app.scan.title'), back)}
      <div id="scan" class="scan" data-camera=${state.camera} data-seen=${state.seen}>
        <div class="scan-view ${state.camera === 'on' || state.camera === 'starting' ? '' : 'off'}">
          <video id="scan-video" muted playsinline aria-label=${t('app.scan.camera')}></video>
        </div>
        ${state.camera === 'on' ? html`<p class="muted scan-aim">${t('app.scan.aim')}</p>` : nothing}
        ${(state.camera === 'none' || state.camera === 'failed') && !kept.result && !tally.length ? html`<p class="notice warn" id="scan-no-camera">
          ${t(state.camera === 'none' ? 'app.scan.no_camera' : 'app.scan.decoder_failed')}</p>` : nothing}
        ${state.camera === 'off' || state.camera === 'failed' ? html`<button class="secondary wide" id="scan-camera" @click=${camera}>${t('app.scan.start_camera')}</button>` : nothing}
        ${state.looking ? html`<p class="muted" role="status">${t('app.scan.looking')}</p>` : nothing}
        ${state.problem ? html`<p class="notice bad" id="scan-problem" role="alert">${state.problem}</p>` : nothing}
        ${kept.result ? result(kept.result) : nothing}
        <label class="button primary wide" for="scan-photo">${t('app.scan.photo')}</label>
        <input id="scan-photo" class="visually-hidden" type="file" accept="image/*" capture="environment" @change=${photo}>
        <form id="scan-type" class="scan-type" @submit=${typed}>
          <div class="field">
            <label for="scan-text">${t('app.scan.type_label')}</label>
            <input id="scan-text" name="text" .value=${state.typed} autocomplete="off" autocapitalize="characters"
              spellcheck="false" maxlength="2000" aria-describedby="scan-text-note">
            <p class="note" id="scan-text-note">${t('app.scan.type_hint')}</p>
          </div>
          <button class="secondary" id="scan-look">${t('app.scan.look_up')}</button>
        </form>
        ${talliedList(restart)}
      </div>`;
  },
});

/** The big card of the last scan: what it is and whether it may be sold. */
function result(answer) {
  if (!answer.known) {
    return html`<article id="scan-result" class="scan-card bad" data-feedback=${answer.feedback} data-known="false" role="alert">
      <p class="scan-product">${t('app.scan.not_ours')}</p>
      <p class="scan-text">${answer.text}</p></article>`;
  }
  const u = answer.unit;
  return html`<article id="scan-result" class="scan-card ${answer.feedback}" data-feedback=${answer.feedback}
      data-known="true" data-status=${u.status} data-code=${u.code ?? ''} role="status">
    <p class="scan-product">${u.product}</p>
    <p class="scan-verdict">${status(u.status)} ${answer.feedback === 'bad' ? html`<strong>${t('app.scan.do_not_sell')}</strong>` : nothing}</p>
    <dl class="facts scan-facts">
      ${fact(t('app.scan.producer'), u.producer)}
      ${fact(t('app.scan.lot'), u.lot)}
      ${fact(t('app.scan.kind'), u.kind === 'case' ? t('app.scan.case_of', { count: u.units?.length ?? 0 }) : t(`app.scan.kind_${u.kind}`))}
      ${fact(t('app.scan.code'), grouped(u.code))}
    </dl>
    ${u.units?.length ? html`<details class="scan-units"><summary>${t('app.scan.case_units')}</summary>
      <ul class="list">${u.units.map((c) => html`<li class="item">${grouped(c)}</li>`)}</ul></details>` : nothing}
    ${u.batchId ? html`<a class="button secondary wide" id="scan-batch" href=${`#/batches/${u.batchId}`}>${t('app.scan.open_batch')}</a>` : nothing}
  </article>`;
}

/** The session's running count: how many, how many may not be sold, the list newest first. */
function talliedList(restart) {
  if (!tally.length) return nothing;
  const stopped = tally.filter((s) => s.feedback === 'bad').length;
  return html`<section id="scan-tally" class="card">
    <h2>${t('app.scan.tally', { count: tally.length, stopped })}</h2>
    <ol class="list">${tally.map((s) => html`<li class="item scan-row ${s.feedback}" data-code=${s.code ?? ''}>
      <p><strong>${s.product}</strong> ${s.status ? status(s.status) : nothing}</p>
      <p class="muted scan-text">${s.lot} · ${s.at.toTimeString().slice(0, 8)}</p></li>`)}</ol>
    <button class="secondary wide" id="scan-clear" @click=${restart}>${t('app.scan.clear')}</button>
  </section>`;
}
