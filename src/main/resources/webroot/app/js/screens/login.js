// Logging in; and logging in again when the token has expired, keeping what waits on the phone.
import { html, nothing, screen, values, problemText, redraw } from '../ui.js';
import { t } from '../i18n.js';
import { login, logout, session } from '../session.js';
import { phone } from '../sync.js';

screen({
  path: '/login',
  async open() {
    let error = null;
    let sending = false;
    const again = session()?.expired ? session().username : null;
    const remembered = session()?.username ?? '';
    async function submit(event) {
      event.preventDefault();
      const { username } = values(event.target);
      const password = event.target.password.value; // exactly as typed: spaces are part of a password
      if (!username || !password) {
        error = t('app.login.both_needed');
        return redraw();
      }
      sending = true;
      error = null;
      redraw();
      try {
        await login(username, password);
      } catch (e) {
        error = problemText(e);
        sending = false;
        redraw();
      }
    }
    return () => html`
      <h1 tabindex="-1">${again ? t('app.login.again_title') : t('app.login.title')}</h1>
      ${again ? html`<p class="notice warn">${phone.waiting ? t('app.login.again_waiting', { count: phone.waiting }) : t('app.login.again')}</p>` : nothing}
      <form id="login" class="card" @submit=${submit} novalidate>
        <div class="field">
          <label for="login-username">${t('app.login.username')}</label>
          <input id="login-username" name="username" autocomplete="username" autocapitalize="none" .value=${again ?? remembered} ?readonly=${!!again}>
        </div>
        <div class="field">
          <label for="login-password">${t('app.login.password')}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password">
        </div>
        ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${sending}>${sending ? t('app.login.logging_in') : t('app.login.submit')}</button>
      </form>
      ${again ? html`<p class="center"><button class="link" @click=${() => logout()}>${t('app.login.other_user')}</button></p>` : nothing}`;
  },
});
