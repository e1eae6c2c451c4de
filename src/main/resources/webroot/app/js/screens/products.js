// 一品一策: a producer's products, each with its commodity, packaging and the rule that releases
// its batches. The producer's admin adds them and changes them (each change a new version with a
// reason, the earlier ones kept); everyone else who may read the producer reads them.
import { html, nothing, screen, heading, field, choice, values, redraw, toast, failure, formProblem, revealError, open as reopen } from '../ui.js';
import { t, when } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { OVERSEEING, EVERYONE, role, session } from '../session.js';
import { uuid7 } from '../uuid.js';
import { commodityPicker, commodityField } from '../commodity-picker.js';

export const RULES = ['one_test', 'lab_test', 'internal_control'];

/** Units a package's net content is stated in. */
const NET_UNITS = ['g', 'kg', 'jin', 'ml', 'l', 'piece', 'head', 'bag', 'box', 'bottle', 'dozen'];

/** "条码 …· 净含量 500 克" of a product or version, nothing when it states neither. */
export function barcodeLine(p) {
  const parts = [p.gtin ? t('app.pack.gtin_line', { gtin: p.gtin }) : '',
    p.netContent ? t('app.pack.net_line', { quantity: p.netContent.quantity, unit: t(`quantity_unit.${p.netContent.unit}`) }) : ''];
  return parts.some(Boolean) ? html`<span class="barcode-line">${parts.filter(Boolean).map((x, i) => html`${i ? ' · ' : ''}<span>${x}</span>`)}</span>` : nothing;
}

export const ruleTag = (rule) => html`<span class="tag product-rule rule-${rule}">${t(`product_rule.${rule}`)}</span>`;

/** The products and their rules as the 五有 profile lists them, with the way to the products screen. */
export function productsOf(products, producerId) {
  return html`<p class="pillar-products-title">${t('app.products.in_profile', { count: products.length })}</p>
    <ul class="pillar-products">${products.map((p) => html`<li>
      <strong>${p.name}</strong> <span class="muted">${p.commodity?.name ?? ''}</span> ${ruleTag(p.rule)}</li>`)}</ul>
    <a class="see-products" href=${`#/producers/${producerId}/products`}>${t('app.products.see_all')}</a>`;
}

function ruleChoice(value, error) {
  return html`<fieldset class="rule-options ${error ? 'has-error' : ''}">
    <legend>${t('app.products.rule')}</legend>
    ${RULES.map((r) => html`<label class="rule-option">
      <input type="radio" name="rule" value=${r} .checked=${r === value}>
      <span><strong>${t(`product_rule.${r}`)}</strong><span class="muted">${t(`app.products.rule_hint.${r}`)}</span></span>
    </label>`)}
    ${error ? html`<p class="note error">${error}</p>` : nothing}
  </fieldset>`;
}

function versions(list) {
  return html`<ol class="product-versions">${list.map((v) => html`<li>
    <p><strong>${t('app.products.version_line', { revision: v.revision + 1, when: when(v.at) })}</strong>
      ${v.byName ? html`<span class="muted">${v.byName}</span>` : nothing}</p>
    <p>${v.name} · ${v.commodity?.name ?? ''} · ${v.packaging ?? t('app.products.packaging_none')} ${ruleTag(v.rule)}</p>
    <p>${barcodeLine(v)}</p>
    <p class="muted">${v.reason ?? t('app.products.first_version')}</p>
  </li>`)}</ol>`;
}

screen({
  path: '/producers/:id/products',
  roles: EVERYONE,
  tile: 'app.products.title',
  tileRoles: ['producer_admin'],
  tilePath: (s) => `/producers/${s.producerId}/products`,
  order: 62,
  async open({ id }) {
    const path = `/producers/${id}/products`;
    const back = OVERSEEING.includes(role()) ? `/producers/${id}` : '/';
    const writes = role() === 'producer_admin' && session().producerId === id;
    let items;
    try {
      items = await everyPage(path);
    } catch (error) {
      return () => html`${heading(t('app.products.title'), back)}${failure(error, error.status === 403 ? null : reopen)}`;
    }
    let form = null;
    let errors = {};
    let sending = false;
    const histories = {};
    const labels = {
      name: t('app.products.name'), commodity: t('app.products.commodity'), packaging: t('app.products.packaging'),
      rule: t('app.products.rule'), reason: t('app.products.reason'), gtin: t('app.pack.gtin'),
      netQuantity: t('app.pack.net_quantity'), netUnit: t('app.pack.net_unit'),
    };
    // Each form has its own id, made once: a save sent again after a lost answer is the same product or version.
    const start = (product = null) => {
      form = form && form.product === product ? null
        : { product, id: uuid7(), picker: commodityPicker(product?.commodity ?? null) };
      errors = {};
      redraw();
    };
    async function showHistory(event, product) {
      if (!event.target.open || histories[product.id]) return;
      try {
        histories[product.id] = (await api('GET', `/products/${product.id}`)).history;
      } catch (e) {
        histories[product.id] = { failed: e };
      }
      redraw();
    }

    async function save(event) {
      event.preventDefault();
      const v = values(event.target);
      errors = {};
      if (!v.name) errors.name = t('app.field.required');
      if (!v.commodity) errors.commodity = t('app.products.choose_commodity');
      if (form.product && !v.reason) errors.reason = t('app.field.required');
      if (v.gtin) v.gtin = v.gtin.replace(/\s+/g, '');
      if (v.netQuantity && !(Number(v.netQuantity) > 0)) errors.netQuantity = t('app.pack.net_positive');
      if (Object.keys(errors).length) return (redraw(), revealError());
      const body = { id: form.id, name: v.name, commodity: v.commodity, packaging: v.packaging ?? null, rule: v.rule ?? 'one_test',
        gtin: v.gtin ?? null, netQuantity: v.netQuantity ? Number(v.netQuantity) : null, netUnit: v.netQuantity ? v.netUnit : null };
      sending = true;
      redraw();
      try {
        if (form.product) await api('POST', `/products/${form.product.id}/versions`, { ...body, reason: v.reason });
        else await api('POST', path, body);
        toast(t(form.product ? 'app.products.changed' : 'app.products.added', { name: v.name }));
        items = await everyPage(path);
        if (form.product) delete histories[form.product.id];
        form = null;
      } catch (e) {
        errors = formProblem(e, labels);
      }
      sending = false;
      redraw();
      revealError();
    }

    const productForm = () => {
      const p = form.product;
      return html`<form id="product-form" class="card" @submit=${save} novalidate>
        <h2>${p ? t('app.products.change_title', { name: p.name }) : t('app.products.add')}</h2>
        ${p ? html`<p class="muted">${t('app.products.never_edited')}</p>` : nothing}
        ${field({ name: 'name', label: labels.name, required: true, value: p?.name, hint: t('app.products.name_hint'), error: errors.name })}
        ${commodityField(form.picker, { label: labels.commodity, required: true, error: errors.commodity })}
        ${field({ name: 'packaging', label: labels.packaging, value: p?.packaging, hint: t('app.products.packaging_hint'), error: errors.packaging })}
        <div class="row net-content">
          ${field({ name: 'netQuantity', label: labels.netQuantity, type: 'number', inputmode: 'decimal', step: 'any', min: 0,
            value: p?.netContent?.quantity != null ? String(p.netContent.quantity) : '', hint: t('app.pack.net_hint'), error: errors.netQuantity })}
          ${choice({ name: 'netUnit', label: labels.netUnit, blank: false, value: p?.netContent?.unit ?? 'g', error: errors.netUnit,
            options: NET_UNITS.map((u) => [u, t(`quantity_unit.${u}`)]) })}
        </div>
        ${field({ name: 'gtin', label: labels.gtin, value: p?.gtin, inputmode: 'numeric', hint: t('app.pack.gtin_hint'), error: errors.gtin })}
        ${ruleChoice(p?.rule ?? 'one_test', errors.rule)}
        ${p ? field({ name: 'reason', label: labels.reason, required: true, hint: t('app.products.reason_hint'), error: errors.reason }) : nothing}
        ${errors[''] ? html`<p class="notice bad" role="alert">${errors['']}</p>` : nothing}
        <div class="actions">
          <button type="button" class="secondary" @click=${() => start(p)}>${t('app.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${sending}>${t('app.save')}</button>
        </div>
      </form>`;
    };

    return () => html`
      ${heading(t('app.products.title'), back)}
      <p class="muted">${t('app.products.explain')}</p>
      ${writes && !(form && !form.product) ? html`<button id="add-product" class="primary wide" @click=${() => start()}>${t('app.products.add')}</button>` : nothing}
      ${!writes ? html`<p class="muted" id="products-read-only">${t('app.products.read_only')}</p>` : nothing}
      ${form && !form.product ? productForm() : nothing}
      ${items.length === 0 ? html`<p class="notice">${t('app.products.none')}</p>` : nothing}
      <ul class="list" id="product-list">${items.map((p) => html`<li class="product" data-product=${p.id}>
        <div class="item">
          <strong>${p.name}</strong>
          <span>${p.commodity?.name ?? ''} · ${p.packaging ?? t('app.products.packaging_none')}</span>
          ${barcodeLine(p)}
          ${ruleTag(p.rule)}
        </div>
        ${p.revision > 0 ? html`<details class="versions" @toggle=${(e) => showHistory(e, p)}>
          <summary>${t('app.products.versions', { count: p.revision + 1 })}</summary>
          ${histories[p.id]?.failed ? failure(histories[p.id].failed) : histories[p.id] ? versions(histories[p.id]) : html`<p class="muted">${t('app.loading')}</p>`}
        </details>` : nothing}
        ${writes && form?.product !== p ? html`<button class="secondary change-product" @click=${() => start(p)}>${t('app.products.change')}</button>` : nothing}
        ${form?.product === p ? productForm() : nothing}
      </li>`)}</ul>`;
  },
});
