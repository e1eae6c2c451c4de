// Who is logged in on this phone. The token is kept until it expires or the person logs out; an
// expired token keeps the person's name, so they only give their password again.
import { api, useToken } from './api.js';
import { setting, remember } from './db.js';

let current = null;
const listeners = [];

export const session = () => current;
export const role = () => (current?.token ? current.role : null);
export const onSession = (listener) => listeners.push(listener);

function changed() {
  useToken(current?.token ?? null, expire);
  listeners.forEach((l) => l(current));
}

export async function restore() {
  current = (await setting('session')) ?? null;
  if (current?.token && Date.parse(current.expiresAt) <= Date.now()) current = { ...current, token: null, expired: true };
  changed();
}

export async function login(username, password) {
  useToken(null);
  const answer = await api('POST', '/auth/login', { username, password });
  useToken(answer.token);
  const me = await api('GET', '/auth/me');
  current = { ...answer, username: me.username, name: me.name, expired: false };
  await remember('session', current);
  changed();
  return current;
}

/** The token stopped working (expired or revoked): ask for the password again, keep the rest. */
export async function expire() {
  if (!current?.token) return;
  current = { ...current, token: null, expired: true };
  await remember('session', current);
  changed();
}

export async function logout() {
  if (current?.token) await api('POST', '/auth/logout').catch(() => {});
  current = current ? { username: current.username, loggedOut: true } : null;
  await remember('session', current);
  changed();
}

/** Whether the person logged in may change a producer's accounts, people and rules. */
export const manages = (producerId) => role() === 'platform_admin' || (role() === 'producer_admin' && current?.producerId === producerId);

export const PRODUCER_ROLES = ['producer_admin', 'recorder', 'tester'];
export const RECORDING = ['producer_admin', 'recorder'];
export const OVERSEEING = ['inspector', 'platform_admin'];
export const EVERYONE = [...PRODUCER_ROLES, ...OVERSEEING];
