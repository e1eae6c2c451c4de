// The producer's plots, inputs and operations kept on the phone, so a recorder works offline for
// days: downloaded once, then caught up with the lists' `since` cursor; records made here are
// kept beside them (pending) until the server has them.
import { api } from './api.js';
import { tx, all, get, setting, remember } from './db.js';
import { session } from './session.js';

const PATHS = { plot: '/plots', input: '/inputs', operation: '/operations' };
const PAGE = 500;
/** How many of the latest operations a phone keeps from its first download. */
const FIRST_OPERATIONS = 3000;

/** The producer's records of one kind (latest version each), newest first. */
export async function list(kind) {
  const producerId = session()?.producerId;
  const items = (await all('records', 'kind', kind)).filter((r) => r.producerId === producerId);
  return items.map((r) => r.data).sort((a, b) => (b.occurredAt ?? b.recordedAt ?? '').localeCompare(a.occurredAt ?? a.recordedAt ?? ''));
}

export async function find(recordId) {
  return (await get('records', recordId))?.data ?? null;
}

/** Keeps a record made on this phone (or a correction of one) until the server's list says it. */
export function keep(kind, data, recordId = data.id, revision = 0) {
  const producerId = session().producerId;
  return tx('records', 'readwrite', ({ records }) => new Promise((resolve, reject) => {
    const request = records.put({ id: recordId, kind, producerId, pending: true, data: { ...data, recordId, revision, producerId, pending: true } });
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  }));
}

/** Notes on a kept record what the server answered (a harvest's batch). */
export async function note(recordId, extra) {
  const kept = await get('records', recordId);
  if (!kept) return;
  await tx('records', 'readwrite', ({ records }) => records.put({ ...kept, data: { ...kept.data, ...extra } }));
}

async function store(kind, items) {
  const producerId = session().producerId;
  await tx('records', 'readwrite', ({ records }) => Promise.all(items.map((item) => new Promise((resolve, reject) => {
    const read = records.get(item.recordId);
    read.onsuccess = () => {
      const kept = read.result;
      const newer = !kept || kept.pending ? true : item.revision >= kept.data.revision;
      // A change made here and not yet confirmed stays until the server's list has that very version.
      const ours = kept?.pending && kept.data.id !== item.id && kept.data.revision > item.revision;
      if (newer && !ours) records.put({ id: item.recordId, kind, producerId, pending: false, data: { ...kept?.data, ...item, pending: false } });
      resolve();
    };
    read.onerror = () => reject(read.error);
  }))));
}

/**
 * Downloads what other members recorded since this phone last asked (everything the first time);
 * resolves to how many records came.
 */
export async function catchUp() {
  const producerId = session()?.producerId;
  if (!producerId || !session().token) return 0;
  let came = 0;
  for (const [kind, path] of Object.entries(PATHS)) {
    const key = `cursor:${producerId}:${kind}`;
    let cursor = await setting(key);
    if (!cursor) {
      const most = kind === 'operation' ? FIRST_OPERATIONS : Infinity;
      for (let offset = 0; offset < most; offset += PAGE) {
        const page = await api('GET', `${path}?limit=${PAGE}&offset=${offset}`);
        if (offset === 0) cursor = page.next;
        await store(kind, page.items);
        came += page.items.length;
        if (page.items.length < PAGE) break;
      }
    } else {
      for (;;) {
        const page = await api('GET', `${path}?limit=${PAGE}&since=${encodeURIComponent(cursor)}`);
        await store(kind, page.items);
        came += page.items.length;
        cursor = page.next;
        if (page.items.length < PAGE) break;
      }
    }
    await remember(key, cursor);
  }
  return came;
}
