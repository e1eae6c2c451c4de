// The 产品 / 品种 block of a batch's screen: what the batch is (its product and rule, the commodity
// it is judged as), and for the producer's admin and recorder the choice of a product, or of a
// commodity alone when the harvest's crop is not in the catalogue (a lab test cannot be judged
// before one is chosen). batches.js renders it with batchProduct(batch).
import { html, nothing, choice, values, redraw, toast, problemText, revealError, open as reopen } from '../ui.js';
import { t } from '../i18n.js';
import { api, everyPage } from '../api.js';
import { RECORDING, role, session } from '../session.js';
import { commodityPicker, commodityField } from '../commodity-picker.js';
import { ruleTag } from './products.js';

/** The choice being made, for one batch at a time: {batchId, products, picker, error, sending}. */
let choosing = null;

const mayChoose = (b) => RECORDING.includes(role()) && session()?.producerId === b.producerId
  && !['rejected', 'recalled'].includes(b.status);

async function start(b) {
  choosing = { batchId: b.id, products: null, picker: commodityPicker(), error: null, sending: false };
  redraw();
  try {
    choosing.products = await everyPage(`/producers/${b.producerId}/products`);
  } catch (e) {
    choosing.error = problemText(e);
  }
  redraw();
}

async function choose(event, b) {
  event.preventDefault();
  const v = values(event.target);
  const body = v.productId ? { productId: v.productId } : v.commodity ? { commodity: v.commodity } : null;
  choosing.error = body ? null : t('app.batch_product.pick_one');
  if (!body) return (redraw(), revealError());
  choosing.sending = true;
  redraw();
  try {
    const now = await api('PUT', `/batches/${b.id}/product`, body);
    toast(t('app.batch_product.saved', { lot: now.lotCode, what: now.product?.name ?? now.commodity?.name ?? '' }));
    choosing = null;
    reopen();
    return;
  } catch (e) {
    choosing.error = problemText(e);
  }
  choosing.sending = false;
  redraw();
  revealError();
}

function chooser(b) {
  const c = choosing;
  const products = c.products ?? [];
  return html`<form id="batch-product-form" @submit=${(e) => choose(e, b)} novalidate>
    ${c.products === null && !c.error ? html`<p class="muted">${t('app.loading')}</p>` : nothing}
    ${c.products?.length === 0 ? html`<p class="muted">${t('app.batch_product.no_products')}</p>` : nothing}
    ${products.length ? choice({ name: 'productId', label: t('app.batch_product.pick_product'),
      options: products.map((p) => [p.id, p.name]) }) : nothing}
    <details class="only-commodity" ?open=${products.length === 0}>
      <summary>${t('app.batch_product.or_commodity')}</summary>
      ${commodityField(c.picker, { label: t('app.batch_product.commodity') })}
    </details>
    ${c.error ? html`<p class="notice bad" role="alert" id="batch-product-error">${c.error}</p>` : nothing}
    <div class="actions">
      <button type="button" class="secondary" @click=${() => { choosing = null; redraw(); }}>${t('app.cancel')}</button>
      <button type="submit" class="primary" ?disabled=${c.sending}>${t('app.save')}</button>
    </div>
  </form>`;
}

/** The block for the batch {id, producerId, status, crop, product, commodity}. */
export function batchProduct(b) {
  const open = choosing?.batchId === b.id;
  return html`<section class="card" id="batch-product">
    <h2>${t('app.batch_product.title')}</h2>
    <dl class="facts">
      <dt>${t('app.batch_product.product')}</dt>
      <dd id="batch-product-name">${b.product ? html`${b.product.name} ${ruleTag(b.product.rule)}` : t('app.batch_product.no_product')}</dd>
      <dt>${t('app.batch_product.commodity')}</dt>
      <dd id="batch-commodity">${b.commodity?.name ?? '—'}</dd>
    </dl>
    ${b.commodity ? nothing : html`<p class="notice warn" id="commodity-needed">${t('app.batch_product.commodity_needed', { crop: b.crop ?? '' })}</p>`}
    ${mayChoose(b) && !open ? html`<button class="secondary wide" id="choose-batch-product" @click=${() => start(b)}>${t(b.product ? 'app.batch_product.change' : 'app.batch_product.choose')}</button>` : nothing}
    ${mayChoose(b) && open ? chooser(b) : nothing}
  </section>`;
}
