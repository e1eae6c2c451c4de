// The pre-harvest interval, judged on the phone from the plot's operations it holds, so a farmer
// is warned before saving a harvest, offline too. The server's judgement is the one that counts;
// this follows the same rule: an application (pesticide or veterinary drug) since the latest
// seeding or transplanting, whose interval for the crop has not passed on the harvest day.
import { day } from './i18n.js';

const CYCLE_START = ['seeding', 'transplanting'];
const APPLICATION = ['pesticide_application', 'vet_treatment'];

const localDay = (occurredAt) => (/^\d{4}-\d{2}-\d{2}/.exec(occurredAt ?? '') ?? [day(occurredAt)])[0];

function plusDays(isoDay, days) {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The applications that a harvest on plotId at harvestAt (of crop) would break, each with the
 * operation type, the input's name, lot, the day applied, the interval and the earliest allowed day.
 */
export function intervalWarnings({ plotId, harvestAt, crop }, operations, inputs) {
  const at = Date.parse(harvestAt);
  const onPlot = operations.filter((o) => o.plotId === plotId && Date.parse(o.occurredAt) <= at);
  const start = Math.max(-Infinity, ...onPlot.filter((o) => CYCLE_START.includes(o.type)).map((o) => Date.parse(o.occurredAt)));
  const harvestDay = localDay(harvestAt);
  const byId = new Map(inputs.map((i) => [i.recordId, i]));
  const warnings = [];
  for (const o of onPlot) {
    if (!APPLICATION.includes(o.type) || Date.parse(o.occurredAt) < start || !o.inputId) continue;
    const input = byId.get(o.inputId);
    if (!input) continue;
    const days = input.intervalsByCrop?.[crop] ?? input.intervalDays ?? 0;
    const appliedOn = localDay(o.occurredAt);
    const earliest = plusDays(appliedOn, days);
    if (harvestDay < earliest) {
      warnings.push({ type: o.type, inputName: input.name, inputLot: o.inputLot ?? '', appliedOn, days, earliest });
    }
  }
  return warnings.sort((a, b) => b.earliest.localeCompare(a.earliest));
}
