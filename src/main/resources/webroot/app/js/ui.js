// The app's bones: screens register themselves here with their route, who may open them and
// their place on the home screen; the shell draws the header, the banners and the open screen.
import { html, render, nothing } from '../lib/lit-html.js';
import { t, say } from './i18n.js';

export { html, nothing };

const screens = [];
const banners = [];
let current = { view: () => nothing };
let drawShell = () => nothing;
let busyCount = 0;
let slowTimer;

/**
 * Adds a screen: {path: '/plots/:id', roles: [...], title: code, tile: code (on the home
 * screen), tilePath (where the tile leads, if not path: a path, or a function of the session),
 * tileRoles (who gets the tile, if fewer than roles), order, open(params, query) → a view function, called again on every redraw}.
 */
export function screen(definition) {
  screens.push(definition);
}

/** The screens a role may open that have a tile on the home screen (for tileRoles, if given), in their order. */
export function tiles(role) {
  return screens.filter((s) => s.tile && (s.tileRoles ?? s.roles).includes(role)).sort((a, b) => (a.order ?? 99) - (b.order ?? 99));
}

/** Adds a banner: a function returning a template (or nothing) drawn above every screen. */
export function banner(draw) {
  banners.push(draw);
}

export function shell(draw) {
  drawShell = draw;
}

export function go(path) {
  if (location.hash === `#${path}`) open();
  else location.hash = `#${path}`;
}

let cleared = false;

export function redraw() {
  const root = document.getElementById('root');
  if (!cleared) {
    root.replaceChildren();
    cleared = true;
  }
  render(drawShell(current, banners.map((b) => b()).filter((b) => b && b !== nothing)), root);
}

const editors = {};

/** Says which screen fixes a waiting record of a type: editor('plot', (entry) => `/plots/new?outbox=${entry.id}`). */
export function editor(type, path) {
  editors[type] = path;
}

export const editorOf = (entry) => editors[entry.type]?.(entry);

/** Shows that the app is waiting on the network; after two seconds, that the network is slow. */
export function busy(delta) {
  busyCount += delta;
  clearTimeout(slowTimer);
  document.body.classList.toggle('busy', busyCount > 0);
  document.body.classList.remove('slow');
  if (busyCount > 0) slowTimer = setTimeout(() => document.body.classList.add('slow'), 2000);
}

/** The screen a path names; a fixed word beats a :param (so /producers/new is not /producers/:id). */
function match(path) {
  const parts = path.split('/').filter(Boolean);
  let best = null;
  for (const s of screens) {
    const pattern = s.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
      const fixed = pattern.filter((p) => !p.startsWith(':')).length;
      if (!best || fixed > best.fixed) best = { screen: s, params, fixed };
    }
  }
  return best;
}

let role = () => null;
export function whoOpens(currentRole) {
  role = currentRole;
}

/** Opens the screen the address names (after `#`), or home. */
export async function open() {
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  let found = match(path) ?? match('/');
  if (!found) return;
  if (found.screen.roles && !role()) {
    found = match('/login');
  } else if (found.screen.roles && !found.screen.roles.includes(role())) {
    go('/');
    return;
  }
  const { screen: s, params } = found;
  // The same screen opened again (fresh data) keeps showing what it showed until the new view is ready.
  const again = current.screen === s && current.address === location.hash;
  const opening = { screen: s, params, address: location.hash, view: again ? current.view : () => html`<p class="loading">${t('app.loading')}</p>` };
  current = opening;
  if (!again) redraw();
  try {
    const view = await s.open(params, new URLSearchParams(search ?? ''));
    if (current === opening) current = { ...opening, view };
  } catch (error) {
    if (current === opening) current = { ...opening, view: () => failure(error, () => open()) };
  }
  redraw();
  if (!again) document.getElementById('root').querySelector('h1')?.focus({ preventScroll: true });
}

/** Opens the screen again when it shows the phone's kept records (live: true) and new ones came. */
export function refreshLive() {
  if (current.screen?.live) open();
}

/** What went wrong and what to do, in the reader's language, with a button to try again. */
export function failure(error, retry) {
  return html`<div class="notice bad" role="alert">
    <p>${problemText(error)}</p>
    ${retry ? html`<button class="secondary" @click=${retry}>${t('app.try_again')}</button>` : nothing}
  </div>`;
}

export function problemText(error) {
  if (error?.offline) return t('app.error.offline');
  if (error?.said) return say(error.said);
  console.error(error);
  return t('app.error.unexpected');
}

/** The server's complaint about one field, naming the field by its label on the screen (not its API name). */
export function fieldProblem(error, label) {
  if (!error?.said) return problemText(error);
  return say({ ...error.said, args: { ...(error.said.args ?? {}), field: label } });
}

/**
 * What the server said of a form, placed where it belongs: {[field]: text} next to the field it
 * names, that field called by its label in the sentence (labels: {name: '姓名'}); {'': text} for
 * the form as a whole when it names no field of the form.
 */
export function formProblem(error, labels = {}) {
  const label = error?.field && labels[error.field];
  return label ? { [error.field]: fieldProblem(error, label) } : { '': problemText(error) };
}

/**
 * A labelled field: {name, label, type, value, required, hint, error, attrs...}; {suggestions}, a
 * list of words the phone's keyboard offers as the person types (free text stays allowed).
 */
export function field({ name, label, type = 'text', value = '', required = false, hint, error, inputmode, step, min, max, autocomplete, suggestions }) {
  const id = `f-${name}`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
    <input id=${id} name=${name} type=${type} .value=${value ?? ''} ?required=${required}
      inputmode=${inputmode ?? nothing} step=${step ?? nothing} min=${min ?? nothing} max=${max ?? nothing}
      autocomplete=${autocomplete ?? 'off'} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error || hint ? `${id}-note` : nothing} list=${suggestions?.length ? `${id}-list` : nothing}>
    ${suggestions?.length ? html`<datalist id=${`${id}-list`}>${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>` : nothing}
    ${error || hint ? html`<p class="note ${error ? 'error' : ''}" id=${`${id}-note`}>${error ?? hint}</p>` : nothing}
  </div>`;
}

/** A labelled choice from a list: options are [value, text] pairs (a disabled one is not in values()). */
export function choice({ name, label, options, value = '', required = false, error, blank = true, onchange, disabled = false }) {
  const id = `f-${name}`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
    <select id=${id} name=${name} ?required=${required} ?disabled=${disabled} @change=${onchange ?? nothing} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-note` : nothing}>
      ${blank ? html`<option value="" ?selected=${!value}>${t('app.choose')}</option>` : nothing}
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${String(v) === String(value)}>${text}</option>`)}
    </select>
    ${error ? html`<p class="note error" id=${`${id}-note`}>${error}</p>` : nothing}
  </div>`;
}

/** A long text: {name, label, value, required, hint, error}. */
export function textarea({ name, label, value = '', required = false, hint, error }) {
  const id = `f-${name}`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
    <textarea id=${id} name=${name} rows="3" .value=${value ?? ''} ?required=${required}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error || hint ? `${id}-note` : nothing}></textarea>
    ${error || hint ? html`<p class="note ${error ? 'error' : ''}" id=${`${id}-note`}>${error ?? hint}</p>` : nothing}
  </div>`;
}

/** The form's fields as an object of trimmed strings; empty ones left out. */
export function values(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/** A page header with a way back. */
export function heading(title, back = '/') {
  return html`<div class="heading">
    ${back ? html`<a class="back" href=${`#${back}`} aria-label=${t('app.back')}>‹</a>` : nothing}
    <h1 tabindex="-1">${title}</h1>
  </div>`;
}

/** A short-lived message at the bottom of the screen. */
export function toast(text, kind = 'good') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', 'status');
  el.textContent = text;
  document.body.append(el);
  setTimeout(() => el.remove(), 5000);
}

/** Asks a yes/no question in a dialog; resolves true when the person confirms. */
export function confirmDialog(text, yes, no = t('app.cancel')) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    document.body.append(dialog);
    render(html`<p>${text}</p><div class="actions">
        <button class="secondary" value="no" @click=${() => dialog.close('no')}>${no}</button>
        <button class="danger" value="yes" @click=${() => dialog.close('yes')}>${yes}</button></div>`, dialog);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
    dialog.showModal();
  });
}

/** One line of a <dl class="facts">: what and its value; nothing when there is no value. */
export function fact(label, value) {
  return value === null || value === undefined || value === '' ? nothing : html`<dt>${label}</dt><dd>${value}</dd>`;
}

/** A status word with its colour: held, released, rejected ... */
export function status(code) {
  return html`<span class="status status-${code}">${t(`status.${code}`)}</span>`;
}

/** After a form was refused: brings the first field at fault (or the alert) into view and focuses a field. */
export function revealError() {
  const at = document.querySelector('.screen [aria-invalid="true"], .screen [role="alert"]');
  if (!at) return;
  at.scrollIntoView({ block: 'center' });
  if (at.matches('input, select, textarea')) at.focus({ preventScroll: true });
}
