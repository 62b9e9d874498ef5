// Shared pieces of the threat-information (DAF) pages: the vocabularies of docs/DAF.md, the
// grade/handling/compartment badges, search snippets as DOM nodes, and the usual way a failed
// write is shown. Everything is built with dom.js: text from the data never becomes markup.
import { t, label } from './i18n.js';
import { h, clear, alertBox, link, formatDate } from './dom.js';
import { showErrors, problemMessage } from './forms.js';

export const SOURCE_GRADES = ['A', 'B', 'C', 'X'];
export const INFO_GRADES = ['1', '2', '3', '4'];
export const HANDLINGS = ['H0', 'H1', 'H2', 'H3'];
export const COMPARTMENTS = ['police', 'investigation', 'crime_intel', 'informant', 'intelligence_service',
  'open_source', 'protected_person'];
export const CONCRETENESS = ['concrete', 'conceivable'];
export const ACTOR_KINDS = ['person', 'group', 'organisation'];
export const METHODS = ['open_source_check', 'police_records_check', 'neighbourhood_inquiry', 'camera_review',
  'social_media_monitoring', 'observation'];
export const PRODUCTS = ['dreigingsmelding', 'IRD', 'DI', 'DA', 'RA'];
export const GRADED_PRODUCTS = ['DI', 'DA', 'RA'];
export const INDICATORS = ['pathway', 'fixation', 'identification', 'novel_aggression', 'energy_burst', 'leakage',
  'last_resort', 'directly_communicated_threat', 'history_of_violence', 'access_to_weapons'];
export const INDICATOR_VALUES = ['present', 'absent', 'unknown'];
export const SEARCH_KINDS = ['signal', 'case', 'person', 'actor'];
export const PHENOMENA = ['organised_crime', 'state_threat', 'terrorism_extremism', 'lone_actor', 'activism', 'other'];

// Roles that can be on a case team and therefore record signals (docs/DAF.md, "Signals").
export const SIGNAL_ROLES = ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care'];
// Roles that see case content at all (search, release requests).
export const CONTENT_ROLES = [...SIGNAL_ROLES, 'privacy_officer'];
// Who records acts of gathering, and who may see them (docs/AUTHORISATION.md).
export const GATHERING_ROLES = ['analyst', 'unit_lead'];
export const GATHERING_VIEW_ROLES = ['analyst', 'unit_lead', 'authority', 'privacy_officer'];

// Today as YYYY-MM-DD in the Netherlands, the server's calendar (src/util/clock.c).
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

export function isDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function dateEl(ymd) {
  return ymd ? h('time', { datetime: ymd }, formatDate(String(ymd).slice(0, 10))) : t('common.none');
}

function hidden(text) { return h('span', { class: 'rhc-visually-hidden' }, text); }

// "B2": the 4x4 grades of a signal (source reliability, then information).
export function gradeBadge(sourceGrade, infoGrade) {
  return [hidden(`${t('daf.grades')}: `),
    h('span', { class: 'utrecht-data-badge schild-badge--grade', 'data-badge': 'grade' }, `${sourceGrade || '?'}${infoGrade || '?'}`)];
}

export function handlingBadge(handling) {
  return [hidden(`${t('daf.handling')}: `),
    h('span', { class: ['utrecht-data-badge', 'schild-badge--handling', `schild-badge--${String(handling).toLowerCase()}`], 'data-badge': 'handling' }, handling || '?')];
}

export function compartmentBadge(compartment) {
  return [hidden(`${t('daf.compartment')}: `),
    h('span', { class: 'utrecht-data-badge schild-badge--compartment', 'data-badge': 'compartment' }, label('compartment', compartment))];
}

// The badges of a signal, a stub or a search hit, in one line.
export function signalBadges(s) {
  return h('p', { class: 'nl-paragraph schild-badges schild-badges--inline' },
    s.source_grade || s.info_grade ? gradeBadge(s.source_grade, s.info_grade) : null,
    s.handling ? handlingBadge(s.handling) : null,
    s.compartment ? compartmentBadge(s.compartment) : null,
    s.concreteness ? [hidden(`${t('daf.concreteness')}: `), h('span', { class: 'utrecht-data-badge schild-badge--concreteness', 'data-badge': 'concreteness' }, label('concreteness', s.concreteness))] : null);
}

// A search snippet: [{text, match}] becomes text nodes and <mark> elements, never parsed markup.
export function snippet(segments) {
  return h('span', { class: 'schild-snippet' },
    (segments || []).map((seg) => (seg && seg.match ? h('mark', { class: 'schild-mark' }, String(seg.text ?? '')) : String(seg?.text ?? ''))));
}

export function orgText(org) {
  if (!org) return t('common.none');
  if (typeof org === 'string') return org;
  return org.name || org.code || t('common.none');
}

export function userText(u) {
  if (!u) return t('common.none');
  return [u.username, u.org ? `(${typeof u.org === 'string' ? u.org : orgText(u.org)})` : null].filter(Boolean).join(' ');
}

export function subjectLink(s) {
  const text = s.label || `${label('subjectKind', s.kind)} ${s.id}`;
  return link(s.kind === 'actor' ? `#/actoren/${s.id}` : `#/personen/${s.id}`, text);
}

// Shows a failed write: field errors beside the fields (422), otherwise one alert that takes focus.
// special: {code: message} for problems the page explains in its own words.
export function showFailure({ err, form, prefix, summaryHost, special = {} }) {
  if (err.code && special[err.code]) {
    clear(summaryHost).append(alertBox('error', special[err.code], { role: 'alert', focusable: true, class: 'schild-error-summary' }));
    summaryHost.firstChild.focus();
    return;
  }
  if ((err.status === 422 || err.status === 400) && err.errors.length) {
    showErrors({ form, prefix, summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
    return;
  }
  clear(summaryHost).append(alertBox('error', problemMessage(err), { role: 'alert', focusable: true, class: 'schild-error-summary' }));
  summaryHost.firstChild.focus();
}

// A short notice that takes focus (the result of an action on part of a page).
export function notice(type, text, id) {
  return alertBox(type, text, { role: type === 'ok' ? 'status' : 'alert', focusable: true, class: 'schild-notice', id });
}

// The select options of a vocabulary: [['', choose], [value, label]...].
export function options(prefix, values, choose) {
  return [...(choose ? [['', choose]] : []), ...values.map((v) => [v, label(prefix, v)])];
}
