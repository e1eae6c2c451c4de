// The phone's own store (IndexedDB): what the user works with offline, kept until it is synced.
//   kv:      settings and state (session, language, catch-up cursors)
//   records: the producer's plots, inputs and operations as the server last said, and the ones
//            made here ({id, kind, producerId, data, local}); index "kind"
//   outbox:  records waiting to be sent ({id, type, data, state, outcome, userId, createdAt});
//            state is "waiting", "rejected" or "conflict"; counted by the index [userId, state]
//   photos:  photos waiting to be uploaded ({id, recordId, blob, type, userId, state})
const NAME = 'agritrace';
let opening;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('kv');
      db.createObjectStore('records', { keyPath: 'id' }).createIndex('kind', 'kind');
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('createdAt', 'createdAt');
      outbox.createIndex('userState', ['userId', 'state']);
      const photos = db.createObjectStore('photos', { keyPath: 'id' });
      photos.createIndex('recordId', 'recordId');
      photos.createIndex('userState', ['userId', 'state']);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs work(stores) in one transaction over the named stores; resolves when it has committed. */
export async function tx(names, mode, work) {
  const db = await open();
  const t = db.transaction(names, mode);
  const committed = new Promise((resolve, reject) => {
    t.oncomplete = resolve;
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
  const stores = Object.fromEntries([].concat(names).map((n) => [n, t.objectStore(n)]));
  const result = await work(stores);
  await committed;
  return result;
}

export const get = (store, key) => tx(store, 'readonly', (s) => done(s[store].get(key)));
export const all = (store, index, key) =>
  tx(store, 'readonly', (s) => done(index ? s[store].index(index).getAll(key) : s[store].getAll()));
export const put = (store, value, key) => tx(store, 'readwrite', (s) => done(s[store].put(value, key)));
export const remove = (store, key) => tx(store, 'readwrite', (s) => done(s[store].delete(key)));
export const count = (store, index, range) =>
  tx(store, 'readonly', (s) => done(index ? s[store].index(index).count(range) : s[store].count()));

export const setting = (key) => get('kv', key);
export const remember = (key, value) => (value === undefined ? remove('kv', key) : put('kv', value, key));

/** Asks the browser to keep this store when space runs short; true when it promised to. */
export async function persist() {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}
