// Every text the app shows, from the server's one message catalogue (GET /api/v1/messages/{lang}),
// which the service worker keeps for offline use. Chinese first; English by a remembered switch.
const LANGUAGES = ['zh', 'en'];
let language = LANGUAGES.includes(localStorage.getItem('language')) ? localStorage.getItem('language') : 'zh';
let catalogue = {};

export const lang = () => language;

export async function load(wanted = language) {
  const answer = await fetch(`/api/v1/messages/${wanted}`);
  if (!answer.ok) throw new Error(`catalogue ${wanted}: ${answer.status}`);
  catalogue = await answer.json();
  language = wanted;
  localStorage.setItem('language', wanted);
  document.documentElement.lang = wanted === 'zh' ? 'zh-CN' : 'en';
}

/** The sentence of a code in the reader's language, its {placeholders} filled from args. */
export function t(code, args = {}) {
  const template = catalogue[code];
  if (template === undefined) return code;
  return template.replace(/\{([A-Za-z0-9_]+)}/g, (_, name) => argument(args[name]));
}

/**
 * What the server said to a person ({code, args, message}), in the language chosen now: the
 * code is rendered here so a switch of language changes it too; the server's sentence is kept
 * for a code this app's catalogue does not know. A field the rule names is called as people call it.
 */
export function say(said) {
  if (!said) return '';
  if (said.code && catalogue[said.code] !== undefined) {
    const args = said.args ?? {};
    return t(said.code, typeof args.field === 'string' ? { ...args, field: fieldName(args.field) } : args);
  }
  return said.message ?? said.code ?? '';
}

/** A text the server keeps in both languages ({zh, en}, e.g. a checklist item) in the reader's: Chinese when it lacks one. */
export function bilingual(texts) {
  return texts?.[language] || texts?.zh || '';
}

/** A field as people call it (app.field_name.<field>), or its name when the catalogue has none. */
export function fieldName(name) {
  const code = `app.field_name.${name}`;
  return catalogue[code] ?? name;
}

function argument(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(argument).join(language === 'zh' ? '、' : ', ');
  if (typeof value === 'object' && value.code) return t(value.code, value.args ?? {});
  if (typeof value === 'object' && Array.isArray(value.clauses)) {
    return value.clauses.map(argument).join(language === 'zh' ? '；' : '; ');
  }
  return String(value);
}

const pad = (n) => String(n).padStart(2, '0');

/** A day as people write it: 2026-11-27 (the phone's own zone). */
export function day(value) {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A moment as people read it: 2026-11-27 07:30 (the phone's own zone). */
export function when(value) {
  if (!value) return '';
  const d = new Date(value);
  return `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A moment as a datetime-local field holds it: 2026-11-27T07:30 (the phone's own zone). */
export function localInput(value = new Date()) {
  const d = new Date(value);
  return `${day(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Now as the API takes it: local time with its UTC offset, 2026-11-27T07:30:00+08:00. */
export function nowWithOffset(d = new Date()) {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${day(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
