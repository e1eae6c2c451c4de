// What waits on the phone to be sent: each record with its state; a rejected one with the
// server's reason and the field, to be fixed and sent again under the same id; a conflict, to be
// sent as a correction. "Sync now" sends at once.
import { html, nothing, screen, heading, editorOf, redraw, toast } from '../ui.js';
import { t, say, when, fieldName } from '../i18n.js';
import { PRODUCER_ROLES } from '../session.js';
import { waiting, entry, queue } from '../outbox.js';
import { remove } from '../db.js';
import { uuid7 } from '../uuid.js';
import { list as kept } from '../records.js';
import { sync, phone } from '../sync.js';
import { measured, judgedTests } from './test.js';

/** A waiting record in a few words: what it is, where (plots names the plots by recordId) and when. */
export function describe(e, plots = new Map()) {
  const d = e.data;
  if (e.type === 'operation') return [plots.get(d.plotId), t(`operation.${d.type}`), when(d.occurredAt)].filter(Boolean).join(' · ');
  if (e.type === 'plot') return `${t('record.plot')} · ${d.name ?? ''}`;
  if (e.type === 'test') return `${measured(d)} · ${when(d.testedAt)}`;
  return `${t(`record.${e.type}`)} · ${d.name ?? ''}`;
}

/** Why the server sent a record back, naming the field at fault when the sentence itself does not. */
function reason(outcome) {
  const text = say(outcome);
  const field = outcome.field && fieldName(outcome.field);
  return field && !text.includes(field) ? html`${text} <span class="muted">(${t('app.outbox.field', { field })})</span>` : text;
}

screen({
  path: '/outbox',
  roles: PRODUCER_ROLES,
  async open() {
    let list = await waiting();
    const plots = new Map((await kept('plot')).map((p) => [p.recordId, p.name]));
    let reasons = {};
    let judged = await judgedTests();
    const reload = async () => {
      list = await waiting();
      judged = await judgedTests();
      redraw();
    };
    async function now() {
      await sync();
      await reload();
      toast(phone.online ? t('app.outbox.synced') : t('app.error.offline'), phone.online ? 'good' : 'bad');
    }
    async function asCorrection(event, id) {
      event.preventDefault();
      const reason = reasons[id]?.trim();
      if (!reason) return toast(t('app.record.reason_needed'), 'bad');
      const e = await entry(id);
      await remove('outbox', id);
      await queue(e.type, { ...e.data, id: uuid7(), corrects: e.data.id, correctionReason: reason }, { recordId: e.recordId, revision: 1 });
      await sync();
      await reload();
    }
    return () => html`
      ${heading(t('app.outbox.title'))}
      <button id="sync-now" class="primary wide" @click=${now}>${t('app.outbox.sync_now')}</button>
      ${list.mine.length + list.photos.length === 0 ? html`<p class="notice good">${t('app.outbox.empty')}</p>` : nothing}
      <ul class="list" id="outbox-list">
        ${list.mine.map((e) => html`<li class="item outbox-${e.state}" data-id=${e.id}>
          <p><strong>${describe(e, plots)}</strong></p>
          <p class="muted">${t(`app.outbox.state.${e.state}`)}</p>
          ${e.outcome ? html`<p class="notice ${e.state === 'waiting' ? 'warn' : 'bad'} reason">${reason(e.outcome)}</p>` : nothing}
          ${e.state === 'rejected' && editorOf(e) ? html`<a class="button primary fix" href=${`#${editorOf(e)}`}>${t('app.outbox.fix')}</a>` : nothing}
          ${e.state === 'conflict' ? html`<form class="correction" @submit=${(ev) => asCorrection(ev, e.id)}>
              <label for=${`reason-${e.id}`}>${t('app.record.correction_reason')}</label>
              <input id=${`reason-${e.id}`} @input=${(ev) => (reasons[e.id] = ev.target.value)}>
              <button class="primary" type="submit">${t('app.outbox.send_as_correction')}</button></form>` : nothing}
        </li>`)}
        ${list.photos.map((p) => html`<li class="item outbox-${p.state}">
          <p><strong>${t('app.outbox.photo')}</strong></p>
          <p class="muted">${p.state === 'waiting' ? t('app.outbox.photo_waiting') : say(p.outcome)}</p></li>`)}
      </ul>
      ${list.others.length ? html`<p class="notice warn">${t('app.home.others_waiting', { count: list.others.length })}</p>` : nothing}
      ${judged}`;
  },
});
