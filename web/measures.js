// Shared pieces of the decision pages (docs/DECISIONS.md): the API calls, the measures
// catalogue (loaded once per session), measure labels in the current language, and the
// "staying current" flags every view shows in red.
import { t, label, getLang } from './i18n.js';
import { request } from './api.js';
import { h } from './dom.js';

const enc = encodeURIComponent;

export const dapi = {
  catalogue: () => request('GET', '/api/v1/measures/catalogue'),
  listDecisions: (caseId) => request('GET', `/api/v1/cases/${enc(caseId)}/decisions`),
  getDecision: (id) => request('GET', `/api/v1/decisions/${enc(id)}`),
  decide: (caseId, body) => request('POST', `/api/v1/cases/${enc(caseId)}/decisions`, body),
  caseMeasures: (caseId) => request('GET', `/api/v1/cases/${enc(caseId)}/measures`),
  moveMeasure: (id, body) => request('PATCH', `/api/v1/measures/${enc(id)}`, body),
  worklist: () => request('GET', '/api/v1/worklist'),
  transfer: (caseId, body) => request('POST', `/api/v1/cases/${enc(caseId)}/transfer`, body),
  end: (caseId, body) => request('POST', `/api/v1/cases/${enc(caseId)}/end`, body),
  listObjects: () => request('GET', '/api/v1/objects'),
  getObject: (id) => request('GET', `/api/v1/objects/${enc(id)}`),
  createObject: (body) => request('POST', '/api/v1/objects', body),
  listServices: () => request('GET', '/api/v1/services'),
  getService: (id) => request('GET', `/api/v1/services/${enc(id)}`),
  createService: (body) => request('POST', '/api/v1/services', body),
};

export function letterHref(decisionId) { return `/api/v1/decisions/${enc(decisionId)}/letter.pdf`; }

let catalogue = null;
let pending = null;

// The catalogue {measures, packages, urgent_confirm_days, review_days_default, aftercare_days}.
export function loadCatalogue() {
  if (catalogue) return Promise.resolve(catalogue);
  if (!pending) {
    pending = dapi.catalogue().then((c) => { catalogue = c; return c; }).catch((err) => { pending = null; throw err; });
  }
  return pending;
}

export function cachedCatalogue() { return catalogue; }

export function measureInfo(type) {
  return (catalogue?.measures || []).find((m) => m.type === type) || null;
}

// The label of a measure type (or a measure, which carries its labels) in the current language.
export function measureLabel(x) {
  const m = typeof x === 'string' ? measureInfo(x) || { type: x } : x;
  const text = getLang() === 'en' ? m.label_en : m.label_nl;
  return text || measureInfo(m.type)?.[getLang() === 'en' ? 'label_en' : 'label_nl'] || String(m.type || '');
}

// The package (measure types) of a resistance level for a case subject.
export function packageOf(subject, level) {
  const packages = catalogue?.packages || {};
  const set = subject === 'object' || subject === 'service' ? packages.objects : packages.persons;
  return (set && set[String(level)]) || [];
}

export function addDays(ymd, days) {
  const [y, m, d] = ymd.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

export const FLAGS = ['assessment_expired', 'review_due', 'new_information', 'provisional_overdue', 'previous_authority', 'aftercare_due'];

// The flags of a case as red badges; nothing when there are none.
export function flagBadges(flags) {
  if (!flags || !flags.length) return null;
  return h('span', { class: 'schild-flags' },
    h('span', { class: 'rhc-visually-hidden' }, `${t('flag.heading')}: `),
    flags.map((f) => h('span', { class: 'utrecht-data-badge schild-badge--flag', 'data-flag': f }, label('flag', f))));
}

export function measureStatusBadge(status) {
  return h('span', { class: ['utrecht-data-badge', 'schild-mstatus', `schild-mstatus--${status}`], 'data-mstatus': status }, label('mstatus', status));
}

// The moves a unit lead may make from a status (docs/DECISIONS.md, "Execution").
export function movesFrom(status) {
  switch (status) {
    case 'planned': return ['active', 'ended'];
    case 'active': return ['suspended', 'ended'];
    case 'suspended': return ['active', 'ended'];
    default: return [];
  }
}
