// A searchable choice of a commodity of the catalogue (hundreds of entries in real life): the
// person types part of its name, alias or code, the server finds the matches, a tap chooses one.
// The chosen code is the form's field `name` (a hidden input), read by values(form) as any other.
import { html, nothing, redraw, problemText } from './ui.js';
import { t, lang } from './i18n.js';
import { api } from './api.js';

const TYPING_MS = 300;
const SHOWN = 20;

/** A catalogue entry's name in the reader's language. */
export const commodityName = (c) => (lang() === 'zh' ? c.nameZh : c.nameEn);

/** The commodity of a catalogue code as a picker holds it ({code, name}); offline, named by its code. */
export async function commodityOf(code) {
  if (!code) return null;
  try {
    const page = await api('GET', `/reference/commodities?q=${encodeURIComponent(code)}&limit=${SHOWN}`);
    const found = page.items.find((c) => c.code === code);
    return { code, name: found ? commodityName(found) : code };
  } catch {
    return { code, name: code };
  }
}

/** A picker's state, starting from the commodity already chosen ({code, name}) or none. */
export function commodityPicker(chosen = null) {
  return { chosen, query: '', found: null, error: null, typing: null, asked: 0 };
}

async function find(state) {
  const mine = ++state.asked;
  if (!state.query) {
    state.found = null;
    redraw();
    return;
  }
  try {
    const page = await api('GET', `/reference/commodities?q=${encodeURIComponent(state.query)}&limit=${SHOWN}`);
    if (mine !== state.asked) return;
    state.found = page.items;
    state.error = null;
  } catch (e) {
    if (mine === state.asked) state.error = problemText(e);
  }
  redraw();
}

/** The picker as a labelled field: {name, label, required, error}. */
export function commodityField(state, { name = 'commodity', label, required = false, error }) {
  const id = `f-${name}`;
  const typed = (event) => {
    state.query = event.target.value.trim();
    clearTimeout(state.typing);
    state.typing = setTimeout(() => find(state), TYPING_MS);
  };
  // Enter searches at once instead of sending the form.
  const key = (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(state.typing);
    find(state);
  };
  const pick = (c) => {
    state.chosen = { code: c.code, name: commodityName(c) };
    state.found = null;
    state.query = '';
    redraw();
  };
  const note = error ?? state.error ?? t('app.commodity.search_hint');
  return html`<div class="field commodity-picker ${error ? 'has-error' : ''}">
    <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
    <input type="hidden" name=${name} .value=${state.chosen?.code ?? ''}>
    ${state.chosen ? html`<p class="chosen" id=${`${id}-chosen`}>${t('app.commodity.chosen')}
      <strong>${state.chosen.name}</strong> <span class="muted code">${state.chosen.code}</span></p>` : nothing}
    <input id=${id} type="search" autocomplete="off" .value=${state.query} @input=${typed} @keydown=${key}
      placeholder=${t('app.commodity.search')} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${id}-note`}
      aria-controls=${`${id}-results`}>
    <p class="note ${error || state.error ? 'error' : ''}" id=${`${id}-note`}>${note}</p>
    <ul class="list commodity-results" id=${`${id}-results`} aria-live="polite">
      ${state.found?.length === 0 ? html`<li class="muted">${t('app.commodity.no_match', { q: state.query })}</li>` : nothing}
      ${(state.found ?? []).map((c) => html`<li><button type="button" class="item commodity-option" data-code=${c.code}
          @click=${() => pick(c)}><strong>${commodityName(c)}</strong>
          <span class="muted">${[c.code, ...(c.aliases ?? [])].join(' · ')}</span></button></li>`)}
    </ul>
  </div>`;
}
