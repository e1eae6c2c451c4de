// New accounts (platform admin): inspectors and platform admins belong to no producer
// (POST /users); a producer's admin, recorder or tester is made for the producer picked from the
// list (POST /producers/{id}/users). The account made is shown, to be handed to its person.
import { html, nothing, screen, heading, field, choice, values, redraw, toast, problemText, fieldProblem, revealError } from '../ui.js';
import { t } from '../i18n.js';
import { api, everyPage } from '../api.js';

const PLATFORM = ['inspector', 'platform_admin'];
const ROLES = ['inspector', 'producer_admin', 'recorder', 'tester', 'platform_admin'];
const LABELS = { username: 'app.login.username', password: 'app.login.password', name: 'app.new_user.name', phone: 'app.new_user.phone', role: 'app.new_user.role', producerId: 'app.new_user.producer' };

screen({
  path: '/users/new',
  roles: ['platform_admin'],
  tile: 'app.new_user.title',
  order: 80,
  async open(params, query) {
    const producers = await everyPage('/producers');
    const data = { role: query.get('producer') ? 'recorder' : 'inspector', producerId: query.get('producer') ?? '' };
    let errors = {};
    let error = null;
    let made = null;
    let sending = false;
    const label = (name) => t(LABELS[name]);
    const forProducer = () => !PLATFORM.includes(data.role);
    function roleChanged(event) {
      data.role = event.target.value;
      redraw();
    }
    async function create(event) {
      event.preventDefault();
      const form = event.target;
      Object.assign(data, { phone: '' }, values(form), { password: form.password.value });
      errors = {};
      error = null;
      for (const name of ['username', 'password', 'name', ...(forProducer() ? ['producerId'] : [])]) {
        if (!data[name]) errors[name] = t('app.field.required');
      }
      if (Object.keys(errors).length) return (redraw(), revealError());
      const body = { username: data.username, password: data.password, name: data.name, role: data.role };
      if (data.phone) body.phone = data.phone;
      sending = true;
      redraw();
      try {
        await api('POST', forProducer() ? `/producers/${data.producerId}/users` : '/users', body);
        made = { ...body, producer: producers.find((p) => p.id === data.producerId)?.name };
        toast(t('app.new_user.created', { username: body.username }));
      } catch (e) {
        if (e.field && LABELS[e.field]) errors[e.field] = fieldProblem(e, label(e.field));
        else error = problemText(e);
      }
      sending = false;
      redraw();
      revealError();
    }
    function another() {
      made = null;
      Object.assign(data, { username: '', password: '', name: '', phone: '' });
      redraw();
    }
    return () => html`
      ${heading(t('app.new_user.title'), data.producerId && query.get('producer') ? `/producers/${data.producerId}` : '/')}
      ${made ? html`<div class="notice good" id="user-made" role="status">
        <p><strong>${t('app.new_user.created', { username: made.username })}</strong></p>
        <p>${made.name} · ${t(`app.role.${made.role}`)}${made.producer ? ` · ${made.producer}` : ''}</p>
        <p>${t('app.new_user.hand_over')}</p>
        <button class="secondary" id="another-user" @click=${another}>${t('app.new_user.another')}</button>
      </div>` : html`<form id="user-form" class="card" @submit=${create} novalidate>
        ${choice({ name: 'role', label: label('role'), value: data.role, blank: false, required: true, onchange: roleChanged,
          options: ROLES.map((r) => [r, t(`app.role.${r}`)]) })}
        ${forProducer() ? choice({ name: 'producerId', label: label('producerId'), value: data.producerId, required: true,
          error: errors.producerId, options: producers.map((p) => [p.id, p.name]) }) : html`<p class="note">${t('app.new_user.no_producer')}</p>`}
        ${field({ name: 'name', label: label('name'), value: data.name, required: true, error: errors.name })}
        ${field({ name: 'username', label: label('username'), value: data.username, required: true, error: errors.username,
          hint: t('app.new_user.username_hint'), autocomplete: 'off' })}
        ${field({ name: 'password', label: label('password'), value: data.password, required: true, error: errors.password,
          hint: t('app.account.password_hint'), autocomplete: 'new-password' })}
        ${field({ name: 'phone', label: label('phone'), type: 'tel', value: data.phone, error: errors.phone })}
        ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
        <button type="submit" class="primary wide" ?disabled=${sending}>${t('app.new_user.create')}</button>
      </form>`}`;
  },
});
