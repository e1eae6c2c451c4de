// 日常检查: an inspector fills a checklist on a producer's visit. Each item is answered with one
// of three big buttons (合格 / 不合格 / 不适用), a note (required for 不合格) and photos, shrunk on
// the phone. The draft is kept on the phone after every change (inspection-draft.js) and sent only
// when the inspector says so: a send that fails says so at once and keeps everything for the next
// try. Not queued to send by itself: a refused inspection is best fixed while still at the producer.
import { html, nothing, screen, heading, redraw, go, toast, confirmDialog, problemText, revealError } from '../ui.js';
import { t, bilingual, when } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { setting, remember } from '../db.js';
import { shrink } from '../photo.js';
import { uuid7 } from '../uuid.js';
import { draftOf, keep, discard, start, gaps, send } from '../inspection-draft.js';

const ANSWERS = [['pass', '✓'], ['fail', '✗'], ['not_applicable', '–']];
const SAVE_MS = 400;

/** The checklists in force; offline, the ones the phone last heard of. */
async function checklists() {
  try {
    const list = await everyPage('/reference/checklists');
    await remember('checklists', list);
    return list;
  } catch (error) {
    const kept = await setting('checklists');
    if (error.offline && kept) return kept;
    throw error;
  }
}

screen({
  path: '/producers/:id/inspect',
  roles: ['inspector'],
  async open({ id }) {
    let draft = await draftOf(id);
    const producer = await api('GET', `/producers/${id}`).catch(() => null);
    const choices = draft ? [] : await checklists();
    if (!draft && choices.length === 1) draft = await start(id, producer?.name, choices[0]);
    const urls = new Map();
    let errors = {};
    const opened = new Set();
    let problem = null;
    let sending = false;
    let saving;

    const save = () => {
      clearTimeout(saving);
      saving = setTimeout(() => keep(draft), SAVE_MS);
    };
    const urlOf = (photo) => {
      if (!urls.has(photo.id)) urls.set(photo.id, URL.createObjectURL(photo.blob));
      return urls.get(photo.id);
    };
    async function choose(template) {
      draft = await start(id, producer?.name, template);
      redraw();
    }
    function answer(item, value) {
      draft.answers[item.id] = { ...draft.answers[item.id], answer: value };
      delete errors[item.id];
      keep(draft);
      redraw();
    }
    function note(item, value) {
      draft.answers[item.id] = { ...draft.answers[item.id], note: value };
      save();
      if (errors[item.id] && value.trim()) {
        delete errors[item.id];
        redraw();
      }
    }
    async function addPhoto(item, event) {
      for (const file of [...event.target.files]) {
        try {
          draft.photos.push({ id: uuid7(), item: item.id, blob: await shrink(file) });
        } catch {
          toast(t('app.operations.photo_unreadable'), 'bad');
        }
      }
      event.target.value = '';
      await keep(draft);
      redraw();
    }
    async function removePhoto(photo) {
      draft.photos = draft.photos.filter((p) => p.id !== photo.id);
      URL.revokeObjectURL(urls.get(photo.id));
      urls.delete(photo.id);
      await keep(draft);
      redraw();
    }
    async function giveUp() {
      if (!(await confirmDialog(t('app.inspect.discard_confirm'), t('app.inspect.discard')))) return;
      await discard(draft);
      go(`/producers/${id}`);
    }
    async function submit() {
      clearTimeout(saving);
      const { unanswered, noNote } = gaps(draft);
      errors = {};
      unanswered.forEach((i) => { errors[i.id] = t('app.inspect.unanswered'); });
      noNote.forEach((i) => { errors[i.id] = t('app.inspect.fail_needs_note'); });
      problem = unanswered.length || noNote.length ? t('app.inspect.incomplete', { count: unanswered.length + noNote.length }) : null;
      if (!problem) {
        sending = true;
        redraw();
        try {
          const sent = await send(draft);
          toast(t('app.inspect.sent'));
          go(`/inspections/${sent}`);
          return;
        } catch (error) {
          const at = /^answers\[(\d+)]/.exec(error.field ?? '');
          const item = at && draft.template.items[Number(at[1])];
          if (item) errors[item.id] = problemText(error);
          problem = error.offline ? null : problemText(error);
        } finally {
          sending = false;
        }
      }
      redraw();
      revealError();
    }

    let section = null;
    const sectionHeading = (item) => {
      const name = bilingual(item.section);
      if (!name || name === section) return nothing;
      section = name;
      return html`<li class="check-section"><h2>${name}</h2></li>`;
    };
    const itemView = (item, n) => {
      const a = draft.answers[item.id] ?? {};
      const locked = draft.posted || sending;
      const photos = draft.photos.filter((p) => p.item === item.id);
      // A fail always asks what is wrong; a pass or n.a. takes a note or photo only when asked, keeping the list short.
      const details = a.answer === 'fail' || a.note || photos.length || opened.has(item.id);
      return html`${sectionHeading(item)}<li class="check ${a.answer ? `answered-${a.answer}` : ''} ${errors[item.id] ? 'has-error' : ''}"
          id=${`item-${item.id}`} data-item=${item.id}>
        <p class="check-text" id=${`text-${item.id}`}><span class="check-n">${n + 1}</span> ${bilingual(item.text)}</p>
        <div class="answer-buttons" role="group" aria-labelledby=${`text-${item.id}`}>
          ${ANSWERS.map(([value, mark]) => html`<button type="button" class="answer answer-${value}" data-answer=${value}
            aria-pressed=${a.answer === value ? 'true' : 'false'} ?disabled=${locked} @click=${() => answer(item, value)}>
            <span aria-hidden="true">${mark}</span> ${t(`app.inspect.answer.${value}`)}</button>`)}
        </div>
        ${errors[item.id] && !a.answer ? html`<p class="note error" role="alert">${errors[item.id]}</p>` : nothing}
        ${a.answer && !details && !locked ? html`<button type="button" class="link add-details" @click=${() => { opened.add(item.id); redraw(); }}>
          ${t('app.inspect.add_details')}</button>` : nothing}
        ${a.answer && details ? html`<div class="field">
            <label for=${`note-${item.id}`}>${t(a.answer === 'fail' ? 'app.inspect.note_fail' : 'app.inspect.note')}${a.answer === 'fail' ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
            <textarea id=${`note-${item.id}`} rows="2" .value=${a.note ?? ''} ?disabled=${locked} aria-invalid=${errors[item.id] ? 'true' : 'false'}
              aria-describedby=${errors[item.id] ? `note-${item.id}-error` : nothing} @input=${(e) => note(item, e.target.value)}></textarea>
            ${errors[item.id] ? html`<p class="note error" id=${`note-${item.id}-error`}>${errors[item.id]}</p>` : nothing}
          </div>
          ${locked ? nothing : html`<label class="button secondary wide" for=${`photo-${item.id}`}>${t('app.inspect.take_photo')}</label>
          <input id=${`photo-${item.id}`} class="visually-hidden" type="file" accept="image/*" capture="environment" @change=${(e) => addPhoto(item, e)}>`}
          ${photos.length ? html`<ul class="photos">${photos.map((p, k) => html`<li>
            <img src=${urlOf(p)} alt=${t('app.inspect.photo_n', { n: k + 1 })}>
            ${locked ? nothing : html`<button type="button" class="danger remove-photo" @click=${() => removePhoto(p)}
              aria-label=${t('app.inspect.photo_remove', { n: k + 1 })}>✕</button>`}</li>`)}</ul>` : nothing}` : nothing}
      </li>`;
    };
    const standing = () => {
      if (draft.posted) return html`<p class="notice warn" id="inspect-standing" role="status">${t('app.inspect.photos_waiting', { count: draft.photos.length })}</p>`;
      if (draft.unsent?.offline) return html`<p class="notice warn" id="inspect-standing" role="alert">${t('app.inspect.unsent_offline', { at: when(draft.unsent.at) })}</p>`;
      return problem ? html`<p class="notice bad" id="inspect-standing" role="alert">${problem}</p>` : nothing;
    };

    return () => {
      const back = `/producers/${id}`;
      if (!draft) {
        return html`${heading(t('app.inspect.title'), back)}
          ${producer ? html`<p class="muted">${producer.name}</p>` : nothing}
          <h2>${t('app.inspect.choose')}</h2>
          ${choices.length === 0 ? html`<p class="notice">${t('app.inspect.no_checklists')}</p>` : nothing}
          <ul class="list" id="checklist-choices">${choices.map((c) => html`<li><button class="item checklist-choice" data-code=${c.code}
            @click=${() => choose(c)}><strong>${bilingual(c.title)}</strong>
            <span class="muted">${t('app.inspect.items', { count: c.items.length, version: c.version })}</span></button></li>`)}</ul>`;
      }
      section = null;
      const done = draft.template.items.filter((i) => draft.answers[i.id]?.answer).length;
      return html`${heading(t('app.inspect.title'), back)}
        <p class="muted">${[producer?.name ?? draft.producerName, bilingual(draft.template.title)].filter(Boolean).join(' · ')}</p>
        <a class="button secondary wide" id="inspect-scan" href=${`#/scan?back=${encodeURIComponent(`/producers/${id}/inspect`)}`}>${t('app.scan.title')}</a>
        ${standing()}
        <form id="inspection-form" @submit=${(e) => { e.preventDefault(); submit(); }}>
          <ul class="checks">${draft.template.items.map(itemView)}</ul>
          <div class="field">
            <label for="inspection-note">${t('app.inspect.overall_note')}</label>
            <textarea id="inspection-note" rows="3" .value=${draft.note} ?disabled=${draft.posted}
              @input=${(e) => { draft.note = e.target.value; save(); }}></textarea>
          </div>
          <div class="send-bar">
            <p class="check-progress" id="inspect-progress">${t('app.inspect.progress', { done, total: draft.template.items.length })}</p>
            <button type="submit" class="primary" id="send-inspection" ?disabled=${sending}>
              ${t(sending ? 'app.inspect.sending' : draft.posted ? 'app.inspect.send_photos' : draft.unsent ? 'app.inspect.send_again' : 'app.inspect.send')}</button>
          </div>
        </form>
        ${draft.posted ? nothing : html`<button class="secondary wide" id="discard-inspection" @click=${giveUp}>${t('app.inspect.discard')}</button>`}`;
    };
  },
});
