// Inspections (日常监督检查) as the server keeps them: the block of the latest ones in a producer's
// 五有 profile, a producer's list, and one inspection with every answer, its notes and photos.
import { html, nothing, screen, heading, fact } from '../ui.js';
import { t, bilingual, day, when } from '../i18n.js';
import { api, apiBlob } from '../api.js';
import { role, OVERSEEING } from '../session.js';

/** Who reads a producer's inspections: its admins, inspectors and platform admins. */
export const READERS = ['producer_admin', ...OVERSEEING];

const MARK = { pass: '✓', fail: '✗', not_applicable: '–' };

function counts(c) {
  return html`<p class="check-counts">
    <span class="tag good">${t('app.inspections.count_pass', { count: c.pass })}</span>
    <span class="tag ${c.fail ? 'bad' : ''}">${t('app.inspections.count_fail', { count: c.fail })}</span>
    <span class="tag">${t('app.inspections.count_na', { count: c.notApplicable })}</span></p>`;
}

function failing(items) {
  return items.length ? html`<ul class="failing">${items.map((f) => html`<li>
    <strong>✗ ${bilingual(f.text)}</strong><span>${f.note}</span></li>`)}</ul>` : nothing;
}

/** One inspection as a card: when, which checklist, who, the counts and what failed; a link to it for those who may read it. */
export function inspectionCard(i) {
  const body = html`
    <p><strong>${day(i.visitedAt)}</strong> · ${bilingual(i.template.title)}</p>
    <p class="muted">${t('app.inspections.by', { name: i.inspector.name })}${i.correctedBy ? html` · <span class="tag warn">${t('app.inspections.corrected')}</span>` : nothing}${i.corrects ? html` · <span class="tag">${t('app.inspections.a_correction')}</span>` : nothing}</p>
    ${counts(i.counts)}
    ${failing(i.failing)}`;
  return READERS.includes(role())
    ? html`<a class="card inspection-card item" data-inspection=${i.id} href=${`#/inspections/${i.id}`}>${body}</a>`
    : html`<div class="card inspection-card" data-inspection=${i.id}>${body}</div>`;
}

/** The profile's block: the latest inspections, or that there is none yet; the way to all of them. */
export function inspectionsBlock(profile) {
  const block = profile.inspections;
  if (!block) return nothing;
  return html`<section id="profile-inspections">
    <h2>${t('app.inspections.title')}</h2>
    ${block.count === 0 ? html`<p class="notice">${t('app.inspections.none')}</p>` : block.latest.map(inspectionCard)}
    ${block.count > 0 && READERS.includes(role()) ? html`<a class="button secondary wide" id="all-inspections"
      href=${`#/producers/${profile.producerId}/inspections`}>${t('app.inspections.all', { count: block.count })}</a>` : nothing}
  </section>`;
}

screen({
  path: '/producers/:id/inspections',
  roles: READERS,
  async open({ id }) {
    const [page, producer] = await Promise.all([
      api('GET', `/producers/${id}/inspections?limit=100`),
      api('GET', `/producers/${id}`).catch(() => null),
    ]);
    return () => html`
      ${heading(t('app.inspections.title'), OVERSEEING.includes(role()) ? `/producers/${id}` : `/producers/${id}/profile`)}
      ${producer ? html`<p class="muted">${producer.name}</p>` : nothing}
      ${role() === 'inspector' ? html`<a class="button primary wide" href=${`#/producers/${id}/inspect`}>${t('app.inspect.start')}</a>` : nothing}
      ${page.items.length === 0 ? html`<p class="notice">${t('app.inspections.none')}</p>` : nothing}
      <div id="inspection-list">${page.items.map(inspectionCard)}</div>`;
  },
});

let urls = [];

screen({
  path: '/inspections/:id',
  roles: READERS,
  async open({ id }) {
    urls.forEach((u) => URL.revokeObjectURL(u));
    const i = await api('GET', `/inspections/${id}`);
    const photos = new Map(await Promise.all(i.photos.map(async (p) => [p.id,
      await apiBlob(`/inspections/${id}/photos/${p.id}`).then((b) => URL.createObjectURL(b)).catch(() => null)])));
    urls = [...photos.values()].filter(Boolean);
    let section = null;
    const sectionHeading = (a) => {
      const name = bilingual(a.section);
      if (!name || name === section) return nothing;
      section = name;
      return html`<li class="check-section"><h3>${name}</h3></li>`;
    };
    return () => {
      section = null;
      return html`
      ${heading(bilingual(i.template.title), READERS.includes(role()) ? `/producers/${i.producerId}/inspections` : '/')}
      <div id="inspection" data-id=${i.id}>
      ${i.correctedBy ? html`<p class="notice warn">${t('app.inspections.corrected_by')} <a href=${`#/inspections/${i.correctedBy}`}>${t('app.inspections.see_correction')}</a></p>` : nothing}
      ${i.corrects ? html`<p class="notice">${t('app.inspections.corrects', { reason: i.correctionReason })} <a href=${`#/inspections/${i.corrects}`}>${t('app.inspections.see_corrected')}</a></p>` : nothing}
      <dl class="card facts">
        ${fact(t('app.inspections.visited'), when(i.visitedAt))}
        ${fact(t('app.inspections.inspector'), i.inspector.name)}
        ${fact(t('app.inspections.checklist'), t('app.inspections.version', { title: bilingual(i.template.title), version: i.template.version }))}
        ${fact(t('app.inspections.note'), i.note)}
      </dl>
      ${counts(i.counts)}
      <ul class="checks" id="inspection-answers">${i.answers.map((a) => html`${sectionHeading(a)}
        <li class="check answered-${a.answer}" data-item=${a.item}>
          <p class="check-text">${bilingual(a.text)}</p>
          <p class="check-answer"><span class="answer-chip answer-${a.answer}">${MARK[a.answer]} ${t(`app.inspect.answer.${a.answer}`)}</span></p>
          ${a.note ? html`<p class="check-note">${a.note}</p>` : nothing}
          ${a.photos.length ? html`<ul class="photos">${a.photos.map((p, n) => (photos.get(p.id)
            ? html`<li><img src=${photos.get(p.id)} alt=${t('app.inspections.photo_of', { item: bilingual(a.text), n: n + 1 })}></li>` : nothing))}</ul>` : nothing}
        </li>`)}</ul>
      </div>`;
    };
  },
});
