// The names of the catalogue's commodities (its leaves: 青菜, not 叶菜类), kept on the phone so the
// harvest form offers them even offline: a crop written as the catalogue names it is judged
// without asking which commodity it is. Fetched again at most once a day, when online.
import { everyPage } from './api.js';
import { setting, remember } from './db.js';
import { lang } from './i18n.js';

const KEY = 'crop-names';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The kept names in the reader's language, sorted; empty until the first fetch. */
export async function cropNames() {
  const kept = await setting(KEY);
  return kept ? kept[lang()] ?? [] : [];
}

/** Fetches the catalogue's names when the kept ones are a day old (or missing); never throws. */
export async function refreshCropNames() {
  const kept = await setting(KEY);
  if (kept && Date.now() - kept.at < DAY_MS) return;
  try {
    const all = await everyPage('/reference/commodities');
    const parents = new Set(all.map((c) => c.parent).filter(Boolean));
    const leaves = all.filter((c) => !parents.has(c.code));
    const names = (key) => [...new Set(leaves.map((c) => c[key]))].sort((a, b) => a.localeCompare(b, 'zh'));
    await remember(KEY, { at: Date.now(), zh: names('nameZh'), en: names('nameEn') });
  } catch {
    // Offline or refused: the names kept before (or none) serve until the next try.
  }
}
