// 有管理人员: a producer's responsible people, each with their duty and trainings. People and
// trainings are evidence, never edited: the producer's admin (or the platform admin) adds them;
// everyone who may read the producer sees them.
import { html, nothing, screen, heading, field, choice, values, redraw, toast, failure, formProblem, open as reopen } from '../ui.js';
import { t, day } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { EVERYONE, OVERSEEING, manages, role } from '../session.js';

export const DUTIES = ['quality_manager', 'production_manager', 'recorder', 'tester', 'input_keeper', 'other'];

screen({
  path: '/producers/:id/personnel',
  roles: EVERYONE,
  tile: 'app.people.title',
  tileRoles: ['producer_admin'],
  tilePath: (session) => `/producers/${session.producerId}/personnel`,
  order: 60,
  async open({ id }) {
    const base = `/producers/${id}`;
    const back = OVERSEEING.includes(role()) ? `${base}/profile` : '/';
    const writes = manages(id);
    let people;
    let accounts = [];
    try {
      people = await everyPage(`${base}/personnel`);
      if (writes) accounts = await everyPage(`${base}/users`);
    } catch (error) {
      return () => html`${heading(t('app.people.title'), back)}${failure(error, error.status === 403 ? null : reopen)}`;
    }
    let adding = false;
    let training = null;
    let errors = {};
    const labels = {
      name: t('app.people.name'), duty: t('app.people.duty'), phone: t('app.people.phone'), userId: t('app.people.account'),
      course: t('app.people.course'), date: t('app.people.date'), certificateNo: t('app.people.certificate'),
    };
    const reload = async () => {
      people = await everyPage(`${base}/personnel`);
    };
    const toggle = (what) => {
      adding = what === 'person' ? !adding : false;
      training = what !== 'person' && training !== what ? what : null;
      errors = {};
      redraw();
    };

    async function addPerson(event) {
      event.preventDefault();
      const v = values(event.target);
      errors = {};
      if (!v.name) errors.name = t('app.field.required');
      if (!v.duty) errors.duty = t('app.field.required');
      if (Object.keys(errors).length) return redraw();
      try {
        await api('POST', `${base}/personnel`, { name: v.name, duty: v.duty, phone: v.phone ?? null, userId: v.userId ?? null });
        await reload();
        adding = false;
        toast(t('app.people.added', { name: v.name }));
      } catch (e) {
        errors = formProblem(e, labels);
      }
      redraw();
    }

    async function addTraining(event, person) {
      event.preventDefault();
      const v = values(event.target);
      errors = {};
      if (!v.course) errors.course = t('app.field.required');
      if (!v.date) errors.date = t('app.field.required');
      else if (v.date > day(new Date())) errors.date = t('training.future_date', { field: labels.date });
      if (Object.keys(errors).length) return redraw();
      try {
        await api('POST', `${base}/personnel/${person.id}/trainings`, { course: v.course, date: v.date, certificateNo: v.certificateNo ?? null });
        await reload();
        training = null;
        toast(t('app.people.training_added', { name: person.name }));
      } catch (e) {
        errors = formProblem(e, labels);
      }
      redraw();
    }

    const whole = () => (errors[''] ? html`<p class="notice bad" role="alert">${errors['']}</p>` : nothing);

    const personForm = () => html`<form id="person-form" class="card" @submit=${addPerson} novalidate>
      <h2>${t('app.people.add')}</h2>
      ${field({ name: 'name', label: labels.name, required: true, error: errors.name, autocomplete: 'name' })}
      ${choice({ name: 'duty', label: labels.duty, required: true, error: errors.duty, options: DUTIES.map((d) => [d, t(`app.duty.${d}`)]) })}
      ${field({ name: 'phone', label: labels.phone, type: 'tel', inputmode: 'tel', error: errors.phone })}
      ${accounts.length ? choice({ name: 'userId', label: labels.userId, error: errors.userId,
        options: accounts.map((a) => [a.id, `${a.name} · ${a.username}`]) }) : nothing}
      ${whole()}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => toggle('person')}>${t('app.cancel')}</button>
        <button type="submit" class="primary">${t('app.save')}</button></div>
    </form>`;

    const trainingForm = (person) => html`<form id="training-form" class="training-form" @submit=${(e) => addTraining(e, person)} novalidate>
      <h3>${t('app.people.add_training_for', { name: person.name })}</h3>
      ${field({ name: 'course', label: labels.course, required: true, error: errors.course })}
      ${field({ name: 'date', label: labels.date, type: 'date', max: day(new Date()), required: true, error: errors.date })}
      ${field({ name: 'certificateNo', label: labels.certificateNo, error: errors.certificateNo })}
      ${whole()}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => toggle(person.id)}>${t('app.cancel')}</button>
        <button type="submit" class="primary">${t('app.save')}</button></div>
    </form>`;

    const account = (userId) => accounts.find((a) => a.id === userId);

    return () => html`
      ${heading(t('app.people.title'), back)}
      ${writes && !adding ? html`<button id="add-person" class="primary wide" @click=${() => toggle('person')}>${t('app.people.add')}</button>` : nothing}
      ${!writes ? html`<p class="muted">${t('access.manage_only')}</p>` : nothing}
      ${adding ? personForm() : nothing}
      ${people.length === 0 ? html`<p class="notice">${t('app.people.none')}</p>` : nothing}
      <ul class="list people" id="people-list">${people.map((p) => html`<li class="item person" data-id=${p.id}>
        <p><strong>${p.name}</strong> <span class="tag duty">${t(`app.duty.${p.duty}`)}</span></p>
        ${p.phone ? html`<p class="muted">${t('app.people.phone')}：<a href=${`tel:${p.phone}`}>${p.phone}</a></p>` : nothing}
        ${p.userId && account(p.userId) ? html`<p class="muted">${t('app.people.account')}：${account(p.userId).username}</p>` : nothing}
        <h3>${t('app.people.trainings')}</h3>
        ${p.trainings.length === 0 ? html`<p class="muted">${t('app.people.no_training')}</p>` : html`<ul class="trainings">
          ${p.trainings.map((tr) => html`<li><p>${tr.course}</p><p class="muted"><span class="nowrap">${day(tr.date)}</span>${tr.certificateNo ? html` · <span class="nowrap">${t('app.people.certificate_no', { number: tr.certificateNo })}</span>` : nothing}</p></li>`)}
        </ul>`}
        ${writes && training !== p.id ? html`<button class="secondary add-training" @click=${() => toggle(p.id)}>${t('app.people.add_training')}</button>` : nothing}
        ${training === p.id ? trainingForm(p) : nothing}
      </li>`)}</ul>`;
  },
});
