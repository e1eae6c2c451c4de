// One's own account: change the password (other sessions end), log out (never dropping what waits).
import { html, nothing, screen, heading, field, redraw, toast, confirmDialog, go, formProblem } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { session, role, logout, EVERYONE } from '../session.js';
import { phone } from '../sync.js';

screen({
  path: '/account',
  roles: EVERYONE,
  async open() {
    let error = null;
    let fieldErrors = {};
    async function change(event) {
      event.preventDefault();
      const form = event.target;
      // Passwords are taken exactly as typed, spaces included (values() would trim them).
      const [currentPassword, newPassword, repeat] = ['currentPassword', 'newPassword', 'repeat'].map((name) => form[name].value);
      fieldErrors = {};
      error = null;
      if (!currentPassword) fieldErrors.currentPassword = t('app.field.required');
      if (!newPassword) fieldErrors.newPassword = t('app.field.required');
      else if (newPassword !== repeat) fieldErrors.repeat = t('app.account.repeat_differs');
      if (Object.keys(fieldErrors).length) return redraw();
      try {
        await api('POST', '/auth/password', { currentPassword, newPassword });
        form.reset();
        toast(t('app.account.password_changed'));
      } catch (e) {
        const labels = { currentPassword: t('app.account.current_password'), newPassword: t('app.account.new_password') };
        const { '': whole, ...next } = formProblem(e, labels);
        error = whole ?? null;
        fieldErrors = next;
      }
      redraw();
    }
    async function leave() {
      if (phone.waiting && !(await confirmDialog(t('app.account.logout_waiting', { count: phone.waiting }), t('app.account.logout_anyway')))) return;
      await logout();
      go('/');
    }
    return () => html`
      ${heading(t('app.account.title'))}
      <div class="card">
        <p><strong>${session().name ?? ''}</strong></p>
        <p class="muted">${session().username} · ${t(`app.role.${role()}`)}</p>
      </div>
      <form id="change-password" class="card" @submit=${change} novalidate>
        <h2>${t('app.account.change_password')}</h2>
        ${field({ name: 'currentPassword', label: t('app.account.current_password'), type: 'password', autocomplete: 'current-password', error: fieldErrors.currentPassword })}
        ${field({ name: 'newPassword', label: t('app.account.new_password'), type: 'password', autocomplete: 'new-password', hint: t('app.account.password_hint'), error: fieldErrors.newPassword })}
        ${field({ name: 'repeat', label: t('app.account.repeat_password'), type: 'password', autocomplete: 'new-password', error: fieldErrors.repeat })}
        ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
        <button type="submit" class="primary">${t('app.account.change_password')}</button>
      </form>
      <button id="logout" class="secondary wide" @click=${leave}>${t('app.account.logout')}</button>`;
  },
});
