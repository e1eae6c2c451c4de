// A packing run (#/packing-runs/:id): what was packed, its cases and units a page at a time (a
// 10,000-unit run must not freeze a cheap phone), a unit's QR code, and for the producer's own
// users the label sheet to print in either layout, opened in a new tab with a print ticket.
import { html, nothing, screen, heading, fact, redraw, problemText } from '../ui.js';
import { t, day, when } from '../i18n.js';
import { api, apiBlob } from '../api.js';
import { EVERYONE, PRODUCER_ROLES, role } from '../session.js';

const PAGE = 50;
const LAYOUTS = ['thermal-50x30', 'a4-3x8'];

/** A code as printed under its QR: four groups of four. */
export const grouped = (code) => code.match(/.{1,4}/g).join('-');

screen({
  path: '/packing-runs/:id',
  roles: EVERYONE,
  async open({ id }) {
    const run = await api('GET', `/packing-runs/${id}`);
    // A producer's users read only their own producer's runs: they may print its labels too.
    const own = PRODUCER_ROLES.includes(role());
    const cases = run.cases ?? [];
    const caseNumber = Object.fromEntries(cases.map((c) => [c.code, c.number]));
    const units = [];
    let casesShown = PAGE;
    let more = true;
    let unitsError = null;
    let qr = null;
    let sheet = { error: null, link: null, opening: false };

    async function moreUnits() {
      unitsError = null;
      try {
        const page = await api('GET', `/packing-runs/${id}/units?limit=${PAGE}&offset=${units.length}`);
        units.push(...page.items);
        more = page.items.length === PAGE && units.length < run.unitCount;
      } catch (e) {
        unitsError = problemText(e);
      }
      redraw();
    }

    async function showQr(unit) {
      if (qr?.url) URL.revokeObjectURL(qr.url);
      qr = { code: unit.code, url: null, error: null };
      redraw();
      if (!own) return;
      try {
        const blob = await apiBlob(`/labels/${unit.code}/qr.png?px=6`);
        if (qr.code === unit.code) qr.url = URL.createObjectURL(blob);
      } catch (e) {
        qr.error = problemText(e);
      }
      redraw();
    }

    // The tab is opened in the tap's own turn (else the browser blocks it as a pop-up), then sent to the sheet.
    async function openSheet(layout) {
      const tab = window.open('', '_blank');
      sheet = { error: null, link: null, opening: true };
      redraw();
      try {
        const { url } = await api('POST', `/packing-runs/${id}/labels/ticket`, { layout });
        if (tab && !tab.closed) {
          tab.opener = null;
          tab.location.href = url;
        } else {
          sheet.link = { url, layout };
        }
      } catch (e) {
        tab?.close();
        sheet.error = problemText(e);
      }
      sheet.opening = false;
      redraw();
    }

    await moreUnits();
    return () => html`
      ${heading(t('app.pack.run_title', { product: run.productName }), `/batches/${run.batchId}`)}
      ${own ? html`<section class="card" id="label-sheet">
        <h2>${t('app.pack.sheet_title')}</h2>
        <p>${t('app.pack.sheet_choose')}</p>
        <div class="sheet-choices">${LAYOUTS.map((l) => html`<button class="secondary wide" id=${`sheet-${l}`}
          ?disabled=${sheet.opening} @click=${() => openSheet(l)}>${t(`app.pack.layout.${l}`)}</button>`)}</div>
        ${sheet.link ? html`<p class="notice warn" role="alert">${t('app.pack.popup_blocked')}
          <a class="button primary wide" id="sheet-link" href=${sheet.link.url} target="_blank" rel="noopener">${t(`app.pack.layout.${sheet.link.layout}`)}</a></p>` : nothing}
        ${sheet.error ? html`<p class="notice bad" role="alert">${sheet.error}</p>` : nothing}
        <p class="muted" id="how-to-print">${t('app.pack.how_to_print')}</p>
      </section>` : nothing}
      <dl class="card facts" id="run-facts">
        ${fact(t('app.pack.lot'), html`<a href=${`#/batches/${run.batchId}`}>${run.lotCode}</a>`)}
        ${fact(t('app.pack.pack_date'), day(run.packDate))}
        ${fact(t('app.pack.packed_what'), t('app.pack.run_line', { count: run.unitCount, weight: run.unitWeight,
          unit: t(`quantity_unit.${run.unitWeightUnit}`) }))}
        ${fact(t('app.pack.packaging'), run.packaging)}
        ${fact(t('app.pack.cases'), run.caseCount ? t('app.pack.cases_of', { count: run.caseCount, size: run.caseSize }) : null)}
        ${fact(t('app.pack.gtin'), run.gtin)}
        ${fact(t('app.pack.packed_by'), `${run.byName ?? ''} · ${when(run.at)}`)}
      </dl>
      ${cases.length ? html`<h2>${t('app.pack.cases')}</h2>
        <ul class="list" id="run-cases">${cases.slice(0, casesShown).map((c) => html`<li class="item">
          <strong>${t('app.pack.case_number', { number: c.number })} · ${t('app.pack.units_in_case', { count: c.unitCount })}</strong>
          <span class="code">${grouped(c.code)}</span></li>`)}</ul>
        ${cases.length > casesShown ? html`<button class="secondary wide" @click=${() => { casesShown += PAGE; redraw(); }}>
          ${t('app.pack.more_cases', { count: cases.length - casesShown })}</button>` : nothing}` : nothing}
      <h2>${t('app.pack.units', { count: run.unitCount })}</h2>
      <p class="muted">${t(own ? 'app.pack.tap_for_qr' : 'app.pack.units_explain')}</p>
      <ul class="list" id="run-units">${units.map((u) => html`<li class="unit" data-code=${u.code}>
        <button class="item unit-row" @click=${() => showQr(u)} aria-expanded=${qr?.code === u.code ? 'true' : 'false'}>
          <strong>${t('app.pack.unit_number', { number: u.number })} <span class="code">${grouped(u.code)}</span></strong>
          ${u.caseCode ? html`<span class="muted">${t('app.pack.in_case', { number: caseNumber[u.caseCode] ?? '' })}</span>` : nothing}
        </button>
        ${qr?.code === u.code && own ? html`<div class="unit-qr">
          ${qr.url ? html`<img id="unit-qr" src=${qr.url} alt=${t('app.pack.qr_of', { code: grouped(u.code) })}>` : nothing}
          ${qr.error ? html`<p class="notice bad" role="alert">${qr.error}</p>` : qr.url ? nothing : html`<p class="muted">${t('app.loading')}</p>`}
          ${u.serial ? html`<p class="muted">${t('app.pack.serial', { serial: u.serial })}</p>` : nothing}
          <p class="muted unit-url">${u.url}</p>
        </div>` : nothing}
      </li>`)}</ul>
      ${unitsError ? html`<p class="notice bad" role="alert">${unitsError}</p>` : nothing}
      ${more ? html`<button class="secondary wide" id="more-units" @click=${moreUnits}>${t('app.pack.more_units', { shown: units.length, count: run.unitCount })}</button>` : nothing}`;
  },
});

