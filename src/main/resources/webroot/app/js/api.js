// Talking to the server: the one place a request is made, with the token, the language and a
// time limit, and the one shape of failure ({offline} or {status, said: {code, args, message, field}}).
import { lang } from './i18n.js';
import { busy } from './ui.js';

const LIMIT_MS = 30000;
const SLOW_BYTES_PER_S = 4096;
let token = null;
let onExpired = () => {};

export function useToken(value, expired) {
  token = value;
  if (expired) onExpired = expired;
}

export class Problem extends Error {
  constructor(status, said) {
    super(said?.message ?? `HTTP ${status}`);
    this.status = status;
    this.said = said ?? { code: status >= 500 ? 'app.error.server' : 'app.error.unexpected', args: {} };
    this.field = said?.field;
  }
}

export class Offline extends Error {
  constructor() {
    super('offline');
    this.offline = true;
  }
}

/**
 * Sends a request to /api/v1{path}; resolves to the answer's JSON (null when it has none), or to
 * a Blob with {blob: true} (a photo). body is sent as JSON, or as it is with {type} (a photo).
 */
export async function api(method, path, body, { type, blob = false } = {}) {
  const headers = { Accept: blob ? '*/*' : 'application/json', 'Accept-Language': lang() };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = type ?? 'application/json';
  const payload = body === undefined || type ? body : JSON.stringify(body);
  const controller = new AbortController();
  // One bar of signal may carry only a few KB a second: a big body is given the time it needs.
  const timer = setTimeout(() => controller.abort(), LIMIT_MS + ((payload?.size ?? payload?.length ?? 0) / SLOW_BYTES_PER_S) * 1000);
  busy(+1);
  let answer;
  try {
    answer = await fetch(`/api/v1${path}`, { method, headers, signal: controller.signal, cache: 'no-store', body: payload });
  } catch {
    throw new Offline();
  } finally {
    clearTimeout(timer);
    busy(-1);
  }
  if (answer.status === 401 && token) onExpired();
  if (!answer.ok) throw new Problem(answer.status, await answer.json().catch(() => null));
  if (blob) return answer.blob();
  return answer.status === 204 ? null : answer.json().catch(() => null);
}

/** Every page of a list, following offset and limit. */
export async function everyPage(path, limit = 500) {
  const items = [];
  const join = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += limit) {
    const page = await api('GET', `${path}${join}limit=${limit}&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length < limit) break;
  }
  return items;
}

/** A file the server keeps (a photo), fetched with the token: resolves to a Blob. */
export const apiBlob = (path) => api('GET', path, undefined, { blob: true });
