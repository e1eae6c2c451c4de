// Talking to the server: the one place a request is made, with the token, the language and a
// time limit, and the one shape of failure ({offline} or {status, said: {code, args, message, field}}).
import { lang } from './i18n.js';
import { busy } from './ui.js';

const LIMIT_MS = 30000;
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
 * Sends a request to /api/v1{path}; resolves to the answer's JSON (null when it has none).
 * body is sent as JSON, or as it is with {type} (a photo).
 */
export async function api(method, path, body, { type } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang() };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = type ?? 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), LIMIT_MS);
  busy(+1);
  let answer;
  try {
    answer = await fetch(`/api/v1${path}`, {
      method, headers, signal: controller.signal, cache: 'no-store',
      body: body === undefined || type ? body : JSON.stringify(body),
    });
  } catch {
    throw new Offline();
  } finally {
    clearTimeout(timer);
    busy(-1);
  }
  const json = answer.status === 204 ? null : await answer.json().catch(() => null);
  if (answer.status === 401 && token) onExpired();
  if (!answer.ok) throw new Problem(answer.status, json);
  return json;
}

/** Every page of a list, following offset and limit. */
export async function everyPage(path, limit = 500, most = Infinity) {
  const items = [];
  const join = path.includes('?') ? '&' : '?';
  for (let offset = 0; offset < most; offset += limit) {
    const page = await api('GET', `${path}${join}limit=${limit}&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length < limit) break;
  }
  return items;
}

/** A file the server keeps (a photo), fetched with the token: resolves to a Blob. */
export async function apiBlob(path) {
  const headers = { 'Accept-Language': lang() };
  if (token) headers.Authorization = `Bearer ${token}`;
  busy(+1);
  let answer;
  try {
    answer = await fetch(`/api/v1${path}`, { headers });
  } catch {
    throw new Offline();
  } finally {
    busy(-1);
  }
  if (!answer.ok) throw new Problem(answer.status, await answer.json().catch(() => null));
  return answer.blob();
}
