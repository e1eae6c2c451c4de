// Records and photos made on the phone wait here until the server has them. Each record keeps
// the id the phone gave it, so sending it again (an answer lost on a bad line) stores nothing
// twice. A rejected record waits to be fixed and is sent again under the same id.
import { api } from './api.js';
import { all, get, put, remove, count } from './db.js';
import { session } from './session.js';
import { keep, note, catchUp } from './records.js';

const MOST_RECORDS = 500;
/** Below the server's 1 MiB body limit, with room for the envelope. */
const MOST_BYTES = 900 * 1024;
const listeners = [];
let sending = null;

export const onChange = (listener) => listeners.push(listener);
const changed = () => listeners.forEach((l) => l());

/** Where a record type's photos are uploaded: /api/v1/{segment}/{recordId}/photos/{photoId}. */
const PHOTO_SEGMENTS = { operation: 'operations', test: 'tests' };

/**
 * Keeps a record to send: type plot, input, operation or test; data is the body its API takes
 * (a test's with its harvestId), with the phone's id. recordId and revision say which kept record
 * it is (a correction's).
 */
export async function queue(type, data, { recordId = data.id, revision = 0, photos = [] } = {}) {
  const { userId, producerId } = session();
  await put('outbox', { id: data.id, type, data, state: 'waiting', userId, producerId, recordId, createdAt: Date.now() });
  await keep(type, data, recordId, revision);
  for (const photo of photos) {
    await put('photos', { id: photo.id, recordId, blob: photo.blob, type: photo.blob.type, userId, state: 'waiting', segment: PHOTO_SEGMENTS[type] });
  }
  changed();
}

/** A rejected record, fixed: the same id, sent again (with more photos, if any were added). */
export async function resend(id, data, { photos = [] } = {}) {
  const entry = await get('outbox', id);
  const kept = await get('records', entry.recordId);
  await put('outbox', { ...entry, data: { ...data, id }, state: 'waiting', outcome: null });
  await keep(entry.type, { ...data, id }, entry.recordId, kept?.data?.revision ?? 0);
  for (const photo of photos) {
    await put('photos', { id: photo.id, recordId: entry.recordId, blob: photo.blob, type: photo.blob.type, userId: entry.userId, state: 'waiting', segment: PHOTO_SEGMENTS[entry.type] });
  }
  changed();
}

/** What waits on this phone for the person logged in (and, apart, for others who used it). */
export async function waiting() {
  const userId = session()?.userId;
  const entries = (await all('outbox')).sort((a, b) => a.createdAt - b.createdAt);
  const photos = await all('photos');
  return {
    mine: entries.filter((e) => e.userId === userId),
    others: entries.filter((e) => e.userId !== userId),
    photos: photos.filter((p) => p.userId === userId),
  };
}

export const entry = (id) => get('outbox', id);
export const photosOf = async (recordId) => (await all('photos', 'recordId', recordId));
/** How many records and photos wait for the person logged in, how many of them need fixing, and how many for others. */
export async function counts() {
  const userId = session()?.userId ?? '';
  const of = (store, from, to = from) => count(store, 'userState', IDBKeyRange.bound([userId, from], [userId, to]));
  const mine = (await of('outbox', '', '\uffff')) + (await of('photos', '', '\uffff'));
  const toFix = (await of('outbox', 'conflict')) + (await of('outbox', 'rejected')) + (await of('photos', 'rejected'));
  const others = (await count('outbox')) - (await of('outbox', '', '\uffff'));
  return { mine, toFix, others };
}

/** Sends what waits, in pieces the server takes; then the photos of records it has. */
export function flush() {
  sending ??= send().finally(() => {
    sending = null;
    changed();
  });
  return sending;
}

async function send() {
  if (!session()?.token) return { sent: 0 };
  const entries = (await waiting()).mine.filter((e) => e.state === 'waiting');
  let sent = 0;
  for (const piece of pieces(entries)) {
    const answer = await api('POST', '/sync', { records: piece.map((e) => ({ type: e.type, data: e.data })) });
    for (const [i, result] of answer.results.entries()) {
      const e = piece[i];
      if (result.status === 'created' || result.status === 'duplicate') {
        await remove('outbox', e.id);
        await note(e.recordId, { pending: false, ...(result.batch ? { batch: result.batch } : {}), ...(result.test ? { test: result.test } : {}),
          said: result.code ? { code: result.code, args: result.args, message: result.message } : null });
        sent++;
      } else {
        await put('outbox', { ...e, state: result.status, outcome: result });
      }
    }
    changed();
  }
  await uploadPhotos();
  if (sent) await catchUp().catch(() => {});
  return { sent };
}

const utf8 = new TextEncoder();

function pieces(entries) {
  const out = [];
  let piece = [];
  let bytes = 0;
  for (const e of entries) {
    const size = utf8.encode(JSON.stringify({ type: e.type, data: e.data })).length + 1;
    if (piece.length && (piece.length === MOST_RECORDS || bytes + size > MOST_BYTES)) {
      out.push(piece);
      piece = [];
      bytes = 0;
    }
    piece.push(e);
    bytes += size;
  }
  if (piece.length) out.push(piece);
  return out;
}

async function uploadPhotos() {
  const waitingIds = new Set((await all('outbox')).map((e) => e.recordId));
  for (const photo of (await waiting()).photos) {
    if (waitingIds.has(photo.recordId)) continue;
    try {
      await api('PUT', `/${photo.segment ?? 'operations'}/${photo.recordId}/photos/${photo.id}`, photo.blob, { type: photo.type });
      await remove('photos', photo.id);
    } catch (error) {
      if (error.offline || error.status >= 500 || error.status === 401) throw error;
      await put('photos', { ...photo, state: 'rejected', outcome: error.said });
    }
    changed();
  }
}
