// Producers (主体) for inspectors and the platform admin: every producer, found by name as one
// types, and one producer with its details, its 五有 profile and the way to its batches.
import { html, nothing, screen, heading, redraw, problemText } from '../ui.js';
import { t, day } from '../i18n.js';
import { api } from '../api.js';
import { role, OVERSEEING } from '../session.js';
import { pillars } from './profile.js';
import { draftOf } from '../inspection-draft.js';

const PAGE = 50;
const TYPING_MS = 300;

screen({
  path: '/producers',
  roles: OVERSEEING,
  tile: 'app.producers.title',
  order: 20,
  async open() {
    let producers = [];
    let more = false;
    let name = '';
    let error = null;
    let typing;
    let asked = 0;
    async function load(fresh) {
      const mine = ++asked;
      const q = name ? `&q=${encodeURIComponent(name)}` : '';
      try {
        const page = await api('GET', `/producers?limit=${PAGE}&offset=${fresh ? 0 : producers.length}${q}`);
        if (mine !== asked) return;
        producers = fresh ? page.items : [...producers, ...page.items];
        more = page.items.length === PAGE;
        error = null;
      } catch (e) {
        if (mine === asked) error = problemText(e);
      }
      redraw();
    }
    await load(true);
    const search = (event) => {
      name = event.target.value.trim();
      clearTimeout(typing);
      typing = setTimeout(() => load(true), TYPING_MS);
    };
    return () => html`
      ${heading(t('app.producers.title'))}
      ${role() === 'platform_admin' ? html`<a class="button primary wide" id="register-producer" href="#/producers/new">${t('app.producers.register')}</a>` : nothing}
      <div class="field">
        <label for="producer-search">${t('app.producers.find')}</label>
        <input id="producer-search" type="search" autocomplete="off" .value=${name} @input=${search}>
      </div>
      ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
      ${producers.length === 0 && !error ? html`<p class="notice">${name ? t('app.producers.no_match', { name }) : t('app.producers.none')}</p>` : nothing}
      <ul class="list" id="producer-list">${producers.map((p) => html`<li><a class="item" href=${`#/producers/${p.id}`}>
        <strong>${p.name}</strong>
        <span class="muted">${t(`app.producer.kind.${p.kind}`)} · ${p.region} · ${p.shortCode}</span></a></li>`)}</ul>
      ${more ? html`<button class="secondary wide" id="more-producers" @click=${() => load(false)}>${t('app.batches.more')}</button>` : nothing}`;
  },
});

screen({
  path: '/producers/:id',
  roles: OVERSEEING,
  async open({ id }) {
    const [p, profile, draft] = await Promise.all([
      api('GET', `/producers/${id}`),
      api('GET', `/producers/${id}/profile`).catch((e) => ({ failed: e })),
      role() === 'inspector' ? draftOf(id) : null,
    ]);
    return () => html`
      ${heading(p.name, '/producers')}
      <div class="actions">
        ${role() === 'inspector' ? html`<a class="button primary" id="start-inspection" href=${`#/producers/${id}/inspect`}>${t(draft ? 'app.inspect.continue' : 'app.inspect.start')}</a>` : nothing}
        <a class="button primary" id="producer-batches" href=${`#/batches?producerId=${id}`}>${t('app.producer.batches')}</a>
        <a class="button secondary" id="producer-inspections" href=${`#/producers/${id}/inspections`}>${t('app.inspections.title')}</a>
        ${role() === 'platform_admin' ? html`
          <a class="button secondary" id="producer-users" href=${`#/producers/${id}/users`}>${t('app.producer.users')}</a>
          <a class="button secondary" id="producer-new-user" href=${`#/users/new?producer=${id}`}>${t('app.new_user.title')}</a>` : nothing}
      </div>
      <h2>${t('app.profile.title')}</h2>
      ${profile.failed ? html`<p class="notice bad">${problemText(profile.failed)}</p>` : pillars(profile)}
      <h2>${t('app.producer.details')}</h2>
      <dl class="card facts" id="producer-facts">
        <dt>${t('app.producer.kind')}</dt><dd>${t(`app.producer.kind.${p.kind}`)}</dd>
        ${p.creditCode ? html`<dt>${t('app.producer.credit_code')}</dt><dd class="code">${p.creditCode}</dd>` : nothing}
        ${p.creditCodeOverride ? html`<dt>${t('app.producer.override')}</dt><dd>${p.creditCodeOverride.reason}</dd>` : nothing}
        ${p.idNumber ? html`<dt>${t('app.producer.id_number')}</dt><dd class="code">${p.idNumber}</dd>` : nothing}
        <dt>${t('app.producer.short_code')}</dt><dd class="code">${p.shortCode}</dd>
        <dt>${t('app.producer.address')}</dt><dd>${p.address}</dd>
        <dt>${t('app.producer.region')}</dt><dd>${p.region}</dd>
        <dt>${t('app.producer.phone')}</dt><dd><a href=${`tel:${p.phone.replace(/[ -]/g, '')}`}>${p.phone}</a></dd>
        <dt>${t('app.producer.registered')}</dt><dd>${day(p.createdAt)}</dd>
      </dl>`;
  },
});
