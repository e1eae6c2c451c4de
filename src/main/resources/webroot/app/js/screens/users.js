// A producer's accounts, for its own producer admin and for the platform admin: create one, reset
// a password, disable one with a reason (the server ends its tokens at once) and enable it again.
import { html, nothing, screen, heading, field, choice, values, redraw, toast, failure, formProblem, confirmDialog, open as reopen } from '../ui.js';
import { t, when } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { PRODUCER_ROLES, session, role } from '../session.js';

const MIN_PASSWORD = 8;
/** How many accounts the every-account list shows before it asks for a search. */
const EVERY_PAGE = 100;

screen({
  path: '/producers/:id/users',
  roles: ['producer_admin', 'platform_admin'],
  tile: 'app.users.title',
  tileRoles: ['producer_admin'],
  tilePath: (s) => `/producers/${s.producerId}/users`,
  order: 62,
  open({ id }) {
    const path = `/producers/${id}/users`;
    return accounts({ title: t('app.users.title'), back: role() === 'platform_admin' ? `/producers/${id}` : '/', path, load: () => everyPage(path) });
  },
});

screen({
  path: '/users',
  roles: ['platform_admin'],
  tile: 'app.users.every_title',
  order: 64,
  open() {
    return accounts({ title: t('app.users.every_title'), back: '/', load: (q) => api('GET', `/users?limit=${EVERY_PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}`).then((page) => page.items) });
  },
});

/**
 * Accounts with their state and what an admin does to them. path: where new ones are created (a
 * producer's); without it, the list is every account, searched by a word of the name or username.
 */
async function accounts({ title, back, path, load }) {
  let users;
  let term = '';
  try {
    users = await load();
  } catch (error) {
    return () => html`${heading(title, back)}${failure(error, error.status === 403 ? null : reopen)}`;
  }
  let adding = false;
  let acting = null;
  let errors = {};
  const labels = {
    username: t('app.login.username'), name: t('app.people.name'), phone: t('app.people.phone'), role: t('app.users.role'),
    password: t('app.users.password'), newPassword: t('app.account.new_password'), reason: t('app.users.reason'),
  };
  const nameOf = (userId) => users.find((u) => u.id === userId)?.name;
  const choose = (next) => {
    acting = next;
    adding = false;
    errors = {};
    redraw();
  };
  const checkPassword = (name, value) => {
    if (!value) errors[name] = t('app.field.required');
    else if (value.length < MIN_PASSWORD) errors[name] = t('user.password_short', { field: labels[name], min: MIN_PASSWORD });
  };

  async function create(event) {
    event.preventDefault();
    const form = event.target;
    const v = values(form);
    errors = {};
    for (const name of ['username', 'name', 'role']) if (!v[name]) errors[name] = t('app.field.required');
    checkPassword('password', form.password.value);
    if (Object.keys(errors).length) return redraw();
    try {
      await api('POST', path, { username: v.username, password: form.password.value, role: v.role, name: v.name, phone: v.phone ?? null });
      users = await load();
      adding = false;
      toast(t('app.users.created', { username: v.username }));
    } catch (e) {
      errors = formProblem(e, labels);
    }
    redraw();
  }

  async function act(event, user) {
    event.preventDefault();
    const form = event.target;
    errors = {};
    const what = acting.what;
    const reason = values(form).reason;
    if (what === 'reset') checkPassword('newPassword', form.newPassword.value);
    else if (!reason) errors.reason = t('app.field.required');
    if (Object.keys(errors).length) return redraw();
    const who = { name: user.name, username: user.username };
    if (what === 'disable' && !(await confirmDialog(t('app.users.disable_confirm', who), t('app.users.disable')))) return;
    try {
      if (what === 'reset') {
        await api('POST', `/users/${user.id}/password`, { newPassword: form.newPassword.value });
      } else {
        const now = await api('POST', `/users/${user.id}/${what}`, { reason });
        users = users.map((u) => (u.id === now.id ? now : u));
      }
      acting = null;
      toast(t(`app.users.${what}_done`, who));
    } catch (e) {
      errors = formProblem(e, labels);
    }
    redraw();
  }

  const whole = () => (errors[''] ? html`<p class="notice bad" role="alert">${errors['']}</p>` : nothing);
  const buttons = (cancel, submit, kind = 'primary') => html`<div class="actions">
    <button type="button" class="secondary" @click=${cancel}>${t('app.cancel')}</button>
    <button type="submit" class=${kind}>${submit}</button></div>`;

  const createForm = () => html`<form id="user-form" class="card" @submit=${create} novalidate>
    <h2>${t('app.users.add')}</h2>
    <div class="row">
      ${field({ name: 'name', label: labels.name, required: true, error: errors.name })}
      ${field({ name: 'username', label: labels.username, required: true, hint: t('app.users.username_hint'), error: errors.username })}
    </div>
    <div class="row">
      ${choice({ name: 'role', label: labels.role, required: true, value: 'recorder', error: errors.role,
        options: PRODUCER_ROLES.map((r) => [r, t(`app.role.${r}`)]) })}
      ${field({ name: 'phone', label: labels.phone, type: 'tel', inputmode: 'tel', error: errors.phone })}
    </div>
    ${field({ name: 'password', label: labels.password, required: true, hint: t('app.users.password_hint'), error: errors.password })}
    ${whole()}
    ${buttons(() => { adding = false; errors = {}; redraw(); }, t('app.users.add'))}
  </form>`;

  const actForm = (u) => html`<form class="account-action" id=${`${acting.what}-form`} @submit=${(e) => act(e, u)} novalidate>
    ${acting.what === 'reset'
      ? field({ name: 'newPassword', label: labels.newPassword, required: true, hint: t('app.users.reset_hint'), error: errors.newPassword })
      : field({ name: 'reason', label: t(`app.users.${acting.what}_reason`), required: true,
        hint: acting.what === 'disable' ? t('app.users.disable_hint') : undefined, error: errors.reason })}
    ${whole()}
    ${buttons(() => choose(null), t(`app.users.${acting.what}`), acting.what === 'disable' ? 'danger' : 'primary')}
  </form>`;

  const account = (u) => {
    const own = u.id === session().userId;
    return html`<li class="item account ${u.disabled ? 'is-disabled' : ''}" data-username=${u.username}>
      <div class="who"><p><strong>${u.name}</strong>${own ? html` <span class="tag me">${t('app.users.you')}</span>` : nothing}</p>
        <p class="muted">${u.username}${u.phone ? ` · ${u.phone}` : ''}</p></div>
      <p class="role">${t(`app.role.${u.role}`)}</p>
      <div class="state">${u.disabled ? html`<p><span class="tag bad">${t('app.users.disabled')}</span></p>
          <p class="disabled-reason">${t('app.users.disabled_line', { when: when(u.disabledAt), reason: u.disabledReason })}</p>
          ${nameOf(u.disabledBy) ? html`<p class="muted">${t('app.users.disabled_by', { name: nameOf(u.disabledBy) })}</p>` : nothing}`
        : html`<p><span class="tag good">${t('app.users.active')}</span></p>`}</div>
      ${own ? html`<p class="own"><a href="#/account">${t('app.users.own_hint')}</a></p>` : acting?.id === u.id ? actForm(u) : html`<div class="actions">
        <button class="secondary reset" @click=${() => choose({ id: u.id, what: 'reset' })}>${t('app.users.reset')}</button>
        ${u.disabled ? html`<button class="secondary enable" @click=${() => choose({ id: u.id, what: 'enable' })}>${t('app.users.enable')}</button>`
          : html`<button class="secondary disable" @click=${() => choose({ id: u.id, what: 'disable' })}>${t('app.users.disable')}</button>`}
      </div>`}
    </li>`;
  };

  let searching;
  const search = (event) => {
    term = event.target.value.trim();
    clearTimeout(searching);
    searching = setTimeout(async () => {
      try {
        users = await load(term);
        errors = {};
      } catch (e) {
        errors = formProblem(e);
      }
      redraw();
    }, 300);
  };

  return () => html`
    ${heading(title, back)}
    ${path ? (adding ? createForm() : html`<button id="add-user" class="primary wide" @click=${() => { choose(null); adding = true; redraw(); }}>${t('app.users.add')}</button>`)
      : html`<a class="button primary wide" href="#/users/new">${t('app.users.add')}</a>
        <div class="field"><label for="user-search">${t('app.users.search')}</label>
          <input id="user-search" type="search" .value=${term} @input=${search} autocomplete="off"></div>
        ${users.length === EVERY_PAGE ? html`<p class="muted">${t('app.users.search_more', { count: EVERY_PAGE })}</p>` : nothing}`}
    ${!path ? whole() : nothing}
    <ul class="list accounts" id="user-list">${users.map(account)}</ul>`;
}
