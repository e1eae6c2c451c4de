// Starts the app: the message catalogue, who is logged in, the service worker, the phone's own
// store; then sends what waits and catches up whenever the network allows.
import { html, nothing, shell, banner, open, redraw, whoOpens } from './ui.js';
import { load, lang, t } from './i18n.js';
import { restore, session, role, onSession } from './session.js';
import { persist } from './db.js';
import { onChange } from './outbox.js';
import { phone, sync, checkClock, countWaiting } from './sync.js';
import './screens/login.js';
import './screens/home.js';
import './screens/outbox.js';
import './screens/account.js';
import './screens/plots.js';
import './screens/people.js';
import './screens/rules.js';
import './screens/users.js';
import './screens/operations.js';
import './screens/operation.js';
import './screens/harvests.js';
import './screens/inputs.js';
import './screens/batches.js';
import './screens/test-form.js';
import './screens/test.js';
import './screens/profile.js';
import './screens/producers.js';
import './screens/producer-new.js';
import './screens/user-new.js';
import './screens/inspect.js';
import './screens/inspections.js';
import './screens/products.js';
import './screens/packing-run.js';
import './screens/scan.js';

const RETRY_MS = 30 * 1000;
/** How often the phone asks for other members' records while the app stays open. */
const CATCH_UP_MS = 5 * 60 * 1000;

shell((current, banners) => html`
  <header class="bar">
    <a class="brand" href="#/">${t('app.name')}</a>
    ${session()?.userId && phone.waiting ? html`<a class="waiting ${phone.rejected ? 'bad' : ''}" href="#/outbox"
        aria-label=${t('app.outbox.badge', { count: phone.waiting })}>⇅ ${phone.waiting}</a>` : nothing}
    <button class="language" @click=${switchLanguage} lang=${lang() === 'zh' ? 'en' : 'zh'}
      aria-label=${t('app.language.switch')}>${lang() === 'zh' ? 'EN' : '中文'}</button>
  </header>
  <div class="progress" aria-hidden="true"></div>
  <p class="slow-note" role="status">${t('app.slow_network')}</p>
  ${banners}
  <section class="screen">${current.view()}</section>`);

banner(() => (phone.updated ? html`<p class="banner good" role="status">${t('app.banner.updated')}
  <button class="secondary" @click=${() => location.reload()}>${t('app.banner.reload')}</button></p>` : nothing));
banner(() => (phone.online ? nothing : html`<p class="banner warn" role="status">${t('app.banner.offline')}</p>`));
banner(() => (phone.clockOffMinutes ? html`<p class="banner warn" role="alert">${t(phone.clockOffMinutes > 0 ? 'app.banner.clock_ahead' : 'app.banner.clock_behind', { minutes: Math.abs(phone.clockOffMinutes) })}</p>` : nothing));
banner(() => (session()?.expired && phone.waiting ? html`<p class="banner warn" role="alert">${t('app.banner.expired_waiting', { count: phone.waiting })}</p>` : nothing));

async function switchLanguage() {
  try {
    await load(lang() === 'zh' ? 'en' : 'zh');
  } catch {
    // Offline before the other language was ever cached: stay in this one.
  }
  open();
}

async function start() {
  if ('serviceWorker' in navigator) {
    // A new deployment installs a new worker, which takes over at once; the page asks to be reopened.
    const updating = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updating) {
        phone.updated = true;
        redraw();
      }
    });
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {});
  }
  try {
    await load();
  } catch {
    document.getElementById('root').textContent = '无法打开：请连接网络后重试。 · Cannot open: connect to the network and try again.';
    return;
  }
  whoOpens(role);
  await restore();
  onSession(() => {
    countWaiting();
    sync();
    open();
  });
  onChange(countWaiting);
  window.addEventListener('hashchange', open);
  window.addEventListener('online', () => {
    phone.online = true;
    sync();
  });
  window.addEventListener('offline', () => {
    phone.online = false;
    redraw();
  });
  await countWaiting();
  open();
  phone.storageRefused = !(await persist().catch(() => false));
  checkClock();
  sync();
  setInterval(() => {
    if (phone.waiting || !phone.online || Date.now() - phone.syncedAt > CATCH_UP_MS) sync();
  }, RETRY_MS);
}

start();
