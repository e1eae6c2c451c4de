// The 五有一追溯 profile of a producer: the six pillars, each satisfied or missing, and what a
// missing one lacks, in the reader's language. pillars() is the rendering other screens reuse.
import { html, nothing, screen, heading, go } from '../ui.js';
import { t, say, day } from '../i18n.js';
import { api } from '../api.js';
import { session, role, EVERYONE, OVERSEEING, PRODUCER_ROLES } from '../session.js';
import { inspectionsBlock } from './inspections.js';
import { productsOf } from './products.js';

/** The profile as a checklist: ✓ or ✗ with a word (never colour alone), and each gap of a missing pillar. */
export function pillars(profile) {
  return html`<div class="profile" id="profile">
    <p class="profile-score"><strong>${t('app.profile.score', { satisfied: profile.satisfied, total: profile.total })}</strong>
      <span class="muted">${t('app.profile.as_of', { day: day(profile.asOf) })}</span></p>
    <ul class="list pillars">${profile.pillars.map((p) => html`<li class="pillar ${p.status}" data-pillar=${p.key}>
      <span class="mark" aria-hidden="true">${p.status === 'satisfied' ? '✓' : '✗'}</span>
      <div>
        <strong>${t(`pillar.${p.key}`)}</strong>
        <span class="verdict">${t(`app.profile.${p.status}`)}</span>
        ${p.gaps.length ? html`<ul class="gaps">${p.gaps.map((g) => html`<li>${say(g)}</li>`)}</ul>` : nothing}
        ${p.products ? productsOf(p.products, profile.producerId) : nothing}
      </div>
    </li>`)}</ul>
    ${inspectionsBlock(profile)}
  </div>`;
}

// The producer's own users reach their profile from a tile; inspectors from a producer's page.
screen({
  path: '/profile',
  roles: PRODUCER_ROLES,
  tile: 'app.profile.title',
  order: 60,
  tilePath: (s) => `/producers/${s.producerId}/profile`,
  async open() {
    go(`/producers/${session().producerId}/profile`);
    return () => nothing;
  },
});

screen({
  path: '/producers/:id/profile',
  roles: EVERYONE,
  async open({ id }) {
    const [profile, producer] = await Promise.all([
      api('GET', `/producers/${id}/profile`),
      api('GET', `/producers/${id}`).catch(() => null),
    ]);
    const back = OVERSEEING.includes(role()) ? `/producers/${id}` : '/';
    return () => html`
      ${heading(t('app.profile.title'), back)}
      ${producer ? html`<p class="muted">${producer.name}</p>` : nothing}
      ${pillars(profile)}`;
  },
});
