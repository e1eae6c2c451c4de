// 有管理制度: a producer's written rules by category, each with the version in effect and, on a
// tap, its other versions (superseded, scheduled). Never edited: a change is a new version, a new
// record under the same category and title, adopted by the producer's admin or the platform admin.
import { html, nothing, screen, heading, field, choice, textarea, values, redraw, toast, failure, formProblem, open as reopen } from '../ui.js';
import { t, day } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { EVERYONE, OVERSEEING, manages, role } from '../session.js';

export const CATEGORIES = ['input_management', 'record_keeping', 'testing', 'labelling', 'recall'];

/** The rules of a category, each {title, current, others}: current is the version in effect, else the next to come. */
function rulesOf(items, category) {
  const byTitle = new Map();
  for (const r of items.filter((i) => i.category === category)) {
    if (!byTitle.has(r.title)) byTitle.set(r.title, []);
    byTitle.get(r.title).push(r);
  }
  return [...byTitle].map(([title, versions]) => {
    const current = versions.find((v) => v.status === 'in_effect') ?? versions[versions.length - 1];
    return { title, current, others: versions.filter((v) => v !== current) };
  });
}

const statusTag = (s) => html`<span class="tag rule-${s}">${t(`app.rule_status.${s}`)}</span>`;

function version(v) {
  return html`<p class="version-line">${statusTag(v.status)} <strong>${t('app.rules.version_name', { version: v.version })}</strong>
      <span class="nowrap">${t('app.rules.effective_from', { date: day(v.effectiveDate) })}</span></p>
    <details class="rule-text"><summary>${t('app.rules.show_text')}</summary><p class="rule-body">${v.text}</p></details>`;
}

screen({
  path: '/producers/:id/rules',
  roles: EVERYONE,
  tile: 'app.rules.title',
  tileRoles: ['producer_admin'],
  tilePath: (session) => `/producers/${session.producerId}/rules`,
  order: 61,
  async open({ id }) {
    const path = `/producers/${id}/rules`;
    const back = OVERSEEING.includes(role()) ? `/producers/${id}/profile` : '/';
    const writes = manages(id);
    let items;
    try {
      items = await everyPage(path);
    } catch (error) {
      return () => html`${heading(t('app.rules.title'), back)}${failure(error, error.status === 403 ? null : reopen)}`;
    }
    let form = null;
    let errors = {};
    const labels = {
      category: t('app.rules.category'), title: t('app.rules.rule_title'), version: t('app.rules.version'),
      effectiveDate: t('app.rules.effective_date'), text: t('app.rules.text'),
    };
    const start = (key, data = {}) => {
      form = form?.key === key ? null : { key, ...data };
      errors = {};
      redraw();
    };

    async function adopt(event) {
      event.preventDefault();
      const v = values(event.target);
      errors = {};
      for (const name of Object.keys(labels)) if (!v[name]) errors[name] = t('app.field.required');
      if (Object.keys(errors).length) return redraw();
      try {
        await api('POST', path, { category: v.category, title: v.title, version: v.version, effectiveDate: v.effectiveDate, text: v.text });
        items = await everyPage(path);
        form = null;
        toast(t('app.rules.added', { title: v.title, version: v.version }));
      } catch (e) {
        errors = formProblem(e, labels);
      }
      redraw();
    }

    const ruleForm = () => html`<form id="rule-form" class="card" @submit=${adopt} novalidate>
      <h2>${form.title ? t('app.rules.new_version_of', { title: form.title }) : t('app.rules.add')}</h2>
      <p class="muted">${t('app.rules.never_edited')}</p>
      ${form.title ? html`<input type="hidden" name="category" .value=${form.category}><input type="hidden" name="title" .value=${form.title}>`
        : html`${choice({ name: 'category', label: labels.category, required: true, value: form.category, error: errors.category,
            options: CATEGORIES.map((c) => [c, t(`category.${c}`)]) })}
          ${field({ name: 'title', label: labels.title, required: true, error: errors.title })}`}
      ${errors.category && form.title ? html`<p class="notice bad">${errors.category}</p>` : nothing}
      ${errors.title && form.title ? html`<p class="notice bad">${errors.title}</p>` : nothing}
      <div class="row">
        ${field({ name: 'version', label: labels.version, required: true, hint: t('app.rules.version_hint'), error: errors.version })}
        ${field({ name: 'effectiveDate', label: labels.effectiveDate, type: 'date', required: true, value: day(new Date()), hint: t('app.rules.effective_hint'), error: errors.effectiveDate })}
      </div>
      ${textarea({ name: 'text', label: labels.text, required: true, value: form.text, error: errors.text })}
      ${errors[''] ? html`<p class="notice bad" role="alert">${errors['']}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => start(form.key)}>${t('app.cancel')}</button>
        <button type="submit" class="primary">${t('app.save')}</button></div>
    </form>`;

    return () => html`
      ${heading(t('app.rules.title'), back)}
      ${writes && form?.key !== 'new' ? html`<button id="add-rule" class="primary wide" @click=${() => start('new')}>${t('app.rules.add')}</button>` : nothing}
      ${!writes ? html`<p class="muted">${t('access.manage_only')}</p>` : nothing}
      ${form?.key === 'new' ? ruleForm() : nothing}
      <div id="rule-list">${CATEGORIES.map((c) => {
        const rules = rulesOf(items, c);
        return html`<section class="card rule-category" data-category=${c}>
          <h2>${t(`category.${c}`)}</h2>
          ${rules.length === 0 ? html`<p class="muted">${t('app.rules.none_in_category')}</p>` : nothing}
          ${rules.map((r) => html`<div class="rule" data-title=${r.title}>
            <h3>${r.title}</h3>
            <div class="current">${version(r.current)}</div>
            ${r.others.length ? html`<details class="versions"><summary>${t('app.rules.earlier', { count: r.others.length })}</summary>
              <ul class="versions-list">${r.others.map((v) => html`<li class="version" data-status=${v.status}>${version(v)}</li>`)}</ul></details>` : nothing}
            ${writes && form?.key !== `${c}/${r.title}` ? html`<button class="secondary new-version"
                @click=${() => start(`${c}/${r.title}`, { category: c, title: r.title, text: r.current.text })}>${t('app.rules.new_version')}</button>` : nothing}
            ${form?.key === `${c}/${r.title}` ? ruleForm() : nothing}
          </div>`)}
        </section>`;
      })}</div>`;
  },
});
