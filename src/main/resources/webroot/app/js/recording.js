// What the record forms (operations, harvests, inputs) share: where a form starts (a new record,
// a correction of a kept one, or a rejected one to fix), keeping what was saved and sending it,
// and where a kept record stands now (sent, being sent, waiting, rejected).
import { say } from './i18n.js';
import { go, open } from './ui.js';
import { find } from './records.js';
import { queue, resend, entry, waiting } from './outbox.js';
import { uuid7 } from './uuid.js';
import { sync, phone } from './sync.js';

const sending = new Set();

/** The form's starting point from its query: ?outbox=<id> (fix) or ?corrects=<recordId>. */
export async function begin(query) {
  const fixing = query.get('outbox') ? await entry(query.get('outbox')) : null;
  const corrects = query.get('corrects') ? await find(query.get('corrects')) : null;
  const errors = {};
  if (fixing?.outcome?.field) errors[fixing.outcome.field] = say(fixing.outcome);
  return { fixing, corrects, start: fixing?.data ?? corrects ?? {}, errors };
}

/**
 * Keeps the record on the phone (new, a correction with its reason, or a fix under the same id),
 * then sends it in the background. Resolves at once to {recordId, sent}: sent resolves when the
 * attempt to send is over.
 */
export async function keepAndSend(type, data, { fixing, corrects, reason, photos = [] } = {}) {
  let recordId;
  let id;
  if (fixing) {
    await resend(fixing.id, { ...fixing.data, ...data }, { photos });
    ({ recordId, id } = fixing);
  } else if (corrects) {
    recordId = corrects.recordId;
    id = uuid7();
    await queue(type, { ...data, id, corrects: corrects.id, correctionReason: reason }, { recordId, revision: corrects.revision + 1, photos });
  } else {
    recordId = uuid7();
    id = recordId;
    await queue(type, { ...data, id }, { photos });
  }
  sending.add(recordId);
  const sent = (async () => {
    await sync();
    // A send already under way when this was kept did not take it: one more.
    if (phone.online && (await entry(id))?.state === 'waiting') await sync();
  })().finally(() => sending.delete(recordId));
  return { recordId, sent };
}

/** After saving: the record's own screen, drawn again once the attempt to send it is over. */
export function showSaved(path, { sent }) {
  go(path);
  sent.then(() => {
    if (location.hash === `#${path}`) open();
  });
}

/** Where a kept record stands: {state: 'sent' | 'sending' | 'waiting' | 'rejected' | 'conflict', entry}. */
export async function standing(recordId) {
  const waitingEntry = (await waiting()).mine.find((e) => e.recordId === recordId);
  if (!waitingEntry) {
    const kept = await find(recordId);
    return { state: kept?.pending ? 'waiting' : 'sent' };
  }
  if (waitingEntry.state === 'waiting' && sending.has(recordId)) return { state: 'sending', entry: waitingEntry };
  return { state: waitingEntry.state, entry: waitingEntry };
}

/** Splits what people type as a list: 吡虫啉、噻虫嗪 or a, b. */
export const listOf = (text) => (text ?? '').split(/[,，、;；]+/).map((s) => s.trim()).filter(Boolean);
