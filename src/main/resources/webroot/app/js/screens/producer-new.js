// Registering a producer (platform admin): a credit code whose check character fails is explained
// next to its field (with the character the first 17 give), to be fixed, or accepted on purpose
// with a reason when the registry really issued it.
import { html, nothing, screen, heading, field, choice, textarea, values, redraw, go, toast, problemText, fieldProblem, revealError } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';

export const PRODUCER_KINDS = ['cooperative', 'family_farm', 'enterprise', 'individual', 'handler'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Where the server's field names are shown on this form. */
const FIELDS = { 'creditCodeOverride.reason': 'overrideReason', creditCodeOverride: 'overrideReason' };

/** The GB 32100-2015 check character the first 17 characters of a credit code call for, or null. */
export function checkCharacter(code) {
  const first = code.toUpperCase().slice(0, 17);
  if (first.length !== 17 || [...first].some((c) => !ALPHABET.includes(c))) return null;
  const sum = [...first].reduce((total, c, i) => total + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

screen({
  path: '/producers/new',
  roles: ['platform_admin'],
  tile: 'app.producers.register',
  order: 70,
  async open() {
    const data = { kind: 'cooperative' };
    let errors = {};
    let failedCheck = false;
    let error = null;
    let sending = false;
    const label = (name) => t(`app.producer.${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
    function kindChanged(event) {
      data.kind = event.target.value;
      redraw();
    }
    async function register(event) {
      event.preventDefault();
      Object.assign(data, { creditCode: '', idNumber: '', shortCode: '', overrideReason: '' }, values(event.target));
      errors = {};
      error = null;
      const individual = data.kind === 'individual';
      for (const name of ['name', 'kind', 'address', 'region', 'phone', individual ? 'idNumber' : 'creditCode']) {
        if (!data[name]) errors[name] = t('app.field.required');
      }
      if (Object.keys(errors).length) return (redraw(), revealError());
      const body = { name: data.name, kind: data.kind, address: data.address, region: data.region, phone: data.phone };
      for (const name of ['creditCode', 'idNumber', 'shortCode']) if (data[name]) body[name] = data[name];
      if (data.overrideReason && failedCheck) body.creditCodeOverride = { reason: data.overrideReason };
      sending = true;
      redraw();
      try {
        const created = await api('POST', '/producers', body);
        toast(t('app.producers.registered', { name: data.name }));
        go(`/producers/${created.id}`);
      } catch (e) {
        const name = FIELDS[e.field] ?? e.field;
        if (e.said?.code === 'producer.credit_code_check') {
          failedCheck = true;
          const expected = checkCharacter(data.creditCode);
          errors.creditCode = expected ? t('app.producer.check_wrong', { expected }) : fieldProblem(e, label('creditCode'));
        } else if (name) {
          errors[name] = fieldProblem(e, label(name));
        } else {
          error = problemText(e);
        }
      }
      sending = false;
      redraw();
      revealError();
    }
    return () => {
      const individual = data.kind === 'individual';
      return html`
        ${heading(t('app.producers.register'), '/producers')}
        <form id="producer-form" class="card" @submit=${register} novalidate>
          ${field({ name: 'name', label: label('name'), value: data.name, required: true, error: errors.name })}
          ${choice({ name: 'kind', label: label('kind'), value: data.kind, required: true, blank: false, error: errors.kind,
            onchange: kindChanged, options: PRODUCER_KINDS.map((k) => [k, t(`app.producer.kind.${k}`)]) })}
          ${field({ name: 'creditCode', label: label('creditCode'), value: data.creditCode, required: !individual,
            error: errors.creditCode, hint: t('app.producer.credit_code_hint'), autocomplete: 'off' })}
          ${failedCheck ? html`<div class="notice warn override" id="override">
            <p>${t('app.producer.override_explain')}</p>
            ${textarea({ name: 'overrideReason', label: label('overrideReason'), value: data.overrideReason, error: errors.overrideReason })}
          </div>` : nothing}
          ${field({ name: 'idNumber', label: label('idNumber'), value: data.idNumber, required: individual, error: errors.idNumber,
            hint: individual ? t('app.producer.id_number_hint') : undefined })}
          ${field({ name: 'shortCode', label: label('shortCode'), value: data.shortCode, error: errors.shortCode, hint: t('app.producer.short_code_hint') })}
          ${field({ name: 'address', label: label('address'), value: data.address, required: true, error: errors.address })}
          ${field({ name: 'region', label: label('region'), value: data.region, required: true, error: errors.region, hint: t('app.producer.region_hint') })}
          ${field({ name: 'phone', label: label('phone'), type: 'tel', inputmode: 'tel', value: data.phone, required: true, error: errors.phone })}
          ${error ? html`<p class="notice bad" role="alert">${error}</p>` : nothing}
          <button type="submit" class="primary wide" ?disabled=${sending}>${t('app.producers.register')}</button>
        </form>`;
    };
  },
});
