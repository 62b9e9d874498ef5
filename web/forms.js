// Turning validation problems (our own checks and the API's problem+json errors[]) into plain
// Dutch (or English) messages beside the fields, plus an error summary that takes focus.
import { t, capitalise } from './i18n.js';
import { clearFieldErrors, setFieldError, errorSummary, clear } from './dom.js';

const MAX = {
  summary: 2000, source_details: 4000, given_names: 200, surname: 200, surname_prefix: 40,
  function: 200, reasoning: 4000, text: 4000, handling_note: 500, reason: 2000, note: 2000,
  name: 200, description: 2000, legal_basis: 500, justification: 4000, scope: 2000,
  vulnerabilities: 4000, comment: 4000, q: 200,
};
const CHOICE_FIELDS = new Set(['phenomenon', 'district', 'outcome', 'source_org', 'source_grade', 'info_grade',
  'handling', 'compartment', 'concreteness', 'product', 'method', 'kind', 'decision', 'seriousness', 'likelihood',
  'intent', 'capability', 'threat_level', 'resistance_level']);

// Normalises `persons[0].date_of_birth`, `persons.0.date_of_birth` and `/persons/0/date_of_birth`.
export function parseField(path) {
  let p = String(path || '').trim();
  if (p.startsWith('/')) p = p.slice(1).replace(/\//g, '.');
  p = p.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const m = /^([A-Za-z_]+)(?:\[(\d+)\])?(?:\.([A-Za-z_]+))?$/.exec(p);
  if (!m) return { path: p, base: p, index: null, group: null };
  if (m[3]) return { path: p, base: m[3], index: Number(m[2] ?? 0), group: m[1] };
  return { path: p, base: m[1], index: m[2] !== undefined ? Number(m[2]) : null, group: null };
}

// The element id used by the UI for an API field path.
export function fieldId(prefix, path) {
  const f = parseField(path);
  if (f.group) return `${prefix}-${f.group}-${f.index}-${f.base}`;
  return `${prefix}-${f.base}`;
}

// The kind of problem, from the server's English message.
export function classify(message) {
  const m = String(message || '').toLowerCase();
  if (/future/.test(m)) return 'future';
  if (/required|missing|must not be empty|empty|blank|at least 1 char|too short/.test(m)) return 'required';
  if (/1900|too old|too early|before/.test(m)) return 'tooOld';
  if (/date/.test(m)) return 'date';
  if (/too long|at most|longer|exceeds|maximum|max/.test(m)) return 'tooLong';
  if (/not allowed|only allowed|only for|refused|must be absent|only with/.test(m)) return 'notAllowed';
  if (/one of|unknown value|not a valid value|enum|invalid value|choose/.test(m)) return 'choice';
  return 'invalid';
}

// A form may name a field its own way (fname.<prefix>.<field>, e.g. the text of a signal is not
// "your answer"); otherwise the shared fname.<field> is used.
function fieldName(base, prefix) {
  if (prefix) {
    const own = t(`fname.${prefix}.${base}`);
    if (own !== `fname.${prefix}.${base}`) return own;
  }
  return t(`fname.${base}`);
}

export function fieldMessage(base, kind, index = null, prefix = null) {
  const name = fieldName(base, prefix);
  const known = name !== `fname.${base}`;
  if (base === 'persons' && index !== null) return t('err.persons.entry', { n: index + 1 });
  if (base === 'persons') return t('err.persons.count');
  if (base === 'person_id') return t('err.persons.unknown');
  if (!known) return t('errors.unknownField', { field: base });
  if (kind === 'required' && CHOICE_FIELDS.has(base)) kind = 'choose';
  if (kind === 'choice' && CHOICE_FIELDS.has(base)) kind = 'choose';
  const key = `err.${kind}`;
  return t(key, { field: name, Field: capitalise(name), max: MAX[base] ?? '' });
}

// items: [{path, kind}] from our own checks or API errors ({path, text} for a message of its own). Shows every message beside its
// field, fills the summary host and moves focus to the summary. Returns the number shown.
export function showErrors({ form, prefix, summaryHost, items }) {
  clearFieldErrors(form);
  const summaryItems = [];
  for (const item of items) {
    const f = parseField(item.path);
    const kind = item.kind || classify(item.message);
    const message = item.text || fieldMessage(f.base, kind, f.group ? null : f.index, prefix);
    let id = fieldId(prefix, item.path);
    let shown = setFieldError(id, message);
    if (!shown && f.group) { id = `${prefix}-${f.group}-${f.index}`; shown = setFieldError(id, message); }
    if (!shown && f.group) { id = `${prefix}-${f.group}`; shown = setFieldError(id, message); }
    if (!shown && f.base === 'persons') { id = `${prefix}-persons`; shown = setFieldError(id, message); }
    const summaryText = f.group === 'persons' ? t('errors.personPrefix', { n: f.index + 1, message }) : message;
    summaryItems.push({ target: shown ? id : null, message: summaryText });
  }
  clear(summaryHost);
  if (summaryItems.length) {
    const box = errorSummary(summaryItems);
    summaryHost.append(box);
    box.focus();
  }
  return summaryItems.length;
}

export function clearErrors(form, summaryHost) {
  clearFieldErrors(form);
  clear(summaryHost);
}

// A plain-language message for a failed request that is not about fields.
export function problemMessage(err) {
  if (!err || err.status === 0) return t('errors.network');
  switch (err.status) {
    case 403: return t('errors.forbidden');
    case 404: return t('errors.notFound');
    case 413: return t('errors.tooLarge');
    case 500: case 502: case 503: case 504: return t('errors.server');
    default: return t('errors.generic');
  }
}
