// An inspection being filled on a producer's visit, kept on the phone (IndexedDB kv) after every
// change: a weak signal in a market or a closed app loses nothing. It is sent only when the
// inspector says so; a send that fails keeps it here, marked, to be sent again as it is (the same
// id: the server stores it once). An inspection the server has stored no longer changes: only its
// photos may still be waiting.
import { setting, remember } from './db.js';
import { api } from './api.js';
import { session } from './session.js';
import { uuid7 } from './uuid.js';
import { nowWithOffset } from './i18n.js';

const key = (producerId) => `inspection-draft:${session().userId}:${producerId}`;

/** The draft of this inspector for this producer, or undefined. */
export const draftOf = (producerId) => setting(key(producerId));

export const keep = (draft) => remember(key(draft.producerId), draft);

export const discard = (draft) => remember(key(draft.producerId), undefined);

/** A new draft of a template for a producer (its name kept to show offline), the visit starting now. */
export async function start(producerId, producerName, template) {
  const draft = { id: uuid7(), producerId, producerName, template, visitedAt: nowWithOffset(), answers: {}, note: '', photos: [], posted: false, unsent: null };
  await keep(draft);
  return draft;
}

/** The items not answered yet, and those failed without a note, in the template's order. */
export function gaps(draft) {
  const items = draft.template.items;
  return {
    unanswered: items.filter((i) => !draft.answers[i.id]?.answer),
    noNote: items.filter((i) => draft.answers[i.id]?.answer === 'fail' && !draft.answers[i.id]?.note?.trim()),
  };
}

/** The body the server takes: an answer for every item, in the template's order. */
function body(draft) {
  return {
    id: draft.id,
    templateId: draft.template.id,
    visitedAt: draft.visitedAt,
    answers: draft.template.items.map((i) => {
      const { answer, note } = draft.answers[i.id] ?? {};
      return note?.trim() ? { item: i.id, answer, note: note.trim() } : { item: i.id, answer };
    }),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

/**
 * Sends the inspection, then its photos one by one, keeping what is still to send after each
 * step; forgets the draft once everything arrived. Throws what went wrong (Offline or Problem),
 * with the draft kept and marked unsent.
 */
export async function send(draft) {
  try {
    if (!draft.posted) {
      await api('POST', `/producers/${draft.producerId}/inspections`, body(draft));
      draft.posted = true;
      await keep(draft);
    }
    for (const photo of [...draft.photos]) {
      await api('PUT', `/inspections/${draft.id}/photos/${photo.id}?item=${encodeURIComponent(photo.item)}`, photo.blob, { type: photo.blob.type });
      draft.photos = draft.photos.filter((p) => p.id !== photo.id);
      await keep(draft);
    }
  } catch (error) {
    draft.unsent = { offline: !!error.offline, at: nowWithOffset() };
    await keep(draft);
    throw error;
  }
  await discard(draft);
  return draft.id;
}
