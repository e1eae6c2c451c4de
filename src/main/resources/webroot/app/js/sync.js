// What the header and banners show about the phone: online or not, its clock, what waits; and
// the one way to send what waits and catch up.
import { redraw, refreshLive } from './ui.js';
import { session, role, PRODUCER_ROLES } from './session.js';
import { flush, counts } from './outbox.js';
import { catchUp } from './records.js';

const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

export const phone = { online: navigator.onLine, syncedAt: 0, clockOffMinutes: 0, storageRefused: false, waiting: 0, rejected: 0, othersWaiting: 0 };

export async function countWaiting() {
  const { mine, toFix, others } = await counts();
  phone.waiting = mine;
  phone.rejected = toFix;
  phone.othersWaiting = others;
  redraw();
}

/** Sends what waits and downloads what others recorded; quietly waits for the network if there is none. */
export async function sync() {
  if (!session()?.token || !PRODUCER_ROLES.includes(role())) return;
  try {
    await flush();
    if (await catchUp()) refreshLive();
    phone.online = true;
    phone.syncedAt = Date.now();
  } catch (error) {
    phone.online = !error.offline;
  }
  await countWaiting();
}

/** Compares the phone's clock with the server's: the interval rule is judged on the phone's times. */
export async function checkClock() {
  try {
    const sent = Date.now();
    const health = await (await fetch('/health', { cache: 'no-store' })).json();
    const received = Date.now();
    const off = received - (Date.parse(health.time) + (received - sent) / 2);
    phone.clockOffMinutes = Math.abs(off) > CLOCK_TOLERANCE_MS ? Math.round(off / 60000) : 0;
    phone.online = true;
  } catch {
    phone.online = false;
  }
  redraw();
}
