// The home screen: one large tile for each thing the person's role does, and what waits.
import { html, nothing, screen, tiles } from '../ui.js';
import { t } from '../i18n.js';
import { session, role, EVERYONE, RECORDING } from '../session.js';
import { phone } from '../sync.js';

screen({
  path: '/',
  roles: EVERYONE,
  async open() {
    return () => html`
      <div id="home">
        <h1 tabindex="-1">${t('app.home.hello', { name: session().name ?? session().username })}</h1>
        <p class="muted">${t(`app.role.${role()}`)}</p>
        ${phone.waiting ? html`<a class="notice ${phone.rejected ? 'bad' : 'warn'} block" href="#/outbox">
            ${t('app.home.waiting', { count: phone.waiting })}${phone.rejected ? html` · ${t('app.home.to_fix', { count: phone.rejected })}` : nothing}</a>` : nothing}
        ${phone.storageRefused && RECORDING.includes(role()) ? html`<p class="notice warn" id="storage-refused">${t('app.banner.storage_refused')}</p>` : nothing}
        ${phone.othersWaiting ? html`<p class="notice warn">${t('app.home.others_waiting', { count: phone.othersWaiting })}</p>` : nothing}
        <nav class="tiles" aria-label=${t('app.home.menu')}>
          ${tiles(role()).map((s) => html`<a class="tile" href=${`#${typeof s.tilePath === 'function' ? s.tilePath(session()) : s.tilePath ?? s.path}`} data-screen=${s.path}>
${t(s.tile)}</a>`)}
          <a class="tile" href="#/account" data-screen="/account">${t('app.account.title')}</a>
        </nav>
      </div>`;
  },
});
