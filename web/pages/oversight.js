// Oversight pages (docs/OVERSIGHT.md): the privacy officer's views (who read a case or person,
// disclosures, gathering past the threshold) and, shared with the inspector, the aggregated
// figures and the audit trail. Every page keeps its filters in the address (#/toezicht/…?…), so a
// view can be bookmarked and the back button works; tables page through the server's results.
import { t, label, has, dictionaries } from '../i18n.js';
import { loadOrgs, orgLabel } from '../orgs.js';
import { request } from '../api.js';
import { h, heading, para, link, clear, alertBox, formField, button, table, timeEl, orgName, dataSummary, formatDate } from '../dom.js';
import { showErrors, problemMessage } from '../forms.js';
import { pagination } from './lists.js';
import { isDate } from '../daf.js';

const PER_PAGE = 25;

export const OVERSIGHT_ROLES = ['privacy_officer'];
export const FIGURES_ROLES = ['privacy_officer', 'inspector'];

const get = (path, query) => request('GET', `/api/v1/oversight/${path}?${new URLSearchParams(query)}`);

// The oversight pages of a role, in menu order: [path, i18n key].
export function oversightPages(role) {
  if (role === 'privacy_officer') {
    return [
      ['/toezicht/noodtoegang', 'ov.nav.breakGlass'],
      ['/toezicht/raadplegingen', 'ov.nav.access'],
      ['/toezicht/verstrekkingen', 'ov.nav.disclosures'],
      ['/toezicht/verzameling', 'ov.nav.gathering'],
      ['/toezicht/cijfers', 'ov.nav.figures'],
      ['/toezicht/audittrail', 'ov.nav.audit'],
    ];
  }
  if (role === 'inspector') return [['/toezicht/cijfers', 'ov.nav.figures'], ['/toezicht/audittrail', 'ov.nav.audit']];
  return [];
}

// The row of links between the privacy officer's oversight pages (the inspector's two pages are
// in the main menu already).
export function oversightSubnav(ctx) {
  if (ctx.user.role !== 'privacy_officer') return null;
  return h('nav', { class: 'schild-subnav', 'aria-label': t('ov.subnav') },
    h('ul', { class: 'schild-subnav__list' },
      oversightPages(ctx.user.role).map(([path, key]) => h('li', { class: 'schild-subnav__item' },
        link(`#${path}`, t(key), { 'aria-current': path === ctx.path ? 'page' : null, class: 'schild-subnav__link' })))));
}

function pageNumber(query) {
  const n = Number.parseInt(query.get('pagina') || '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

// An AuditEntry names its user by username, organisation code and role (docs/OVERSIGHT.md).
function userOf(row) {
  return row.user && typeof row.user === 'object' ? row.user : row;
}

function who(row) {
  const u = userOf(row);
  return u.display_name || u.username || t('ov.anonymous');
}

function whoDetail(row) {
  const u = userOf(row);
  const parts = [u.role ? label('role', u.role) : null, u.org ? (typeof u.org === 'object' ? orgName(u.org) : orgLabel(u.org)) : null].filter(Boolean);
  return parts.join(', ');
}

function whoCell(row) {
  const detail = whoDetail(row);
  return [h('span', { class: 'schild-who' }, who(row)), detail ? [h('br'), h('span', { class: 'schild-muted' }, detail)] : null];
}

function objectText(row) {
  const type = row.object_type;
  if (!type) return t('common.none');
  const name = label('ovObject', type);
  return row.object_id ? `${name} ${row.object_id}` : name;
}

// The action's plain name when the dictionary knows it, and always its code (what the filter takes).
function actionCell(action) {
  if (!action) return t('common.none');
  const code = h('code', { class: 'schild-action-code' }, action);
  return has(`ovAction.${action}`) || `ovAction.${action}` in dictionaries.nl ? [t(`ovAction.${action}`), h('br'), code] : code;
}

function outcomeText(outcome) {
  return label('ovOutcome', outcome);
}

// A filter form whose values go into the address. fields: [{name, label, kind, options, hint,
// date, numeric, required}]. Returns {form, values, summaryHost}.
function filterForm(ctx, { id, fields, submitText }) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const values = Object.fromEntries(fields.map((f) => [f.name, ctx.query.get(f.name) || '']));
  const controls = {};
  const roots = fields.map((f) => {
    const ff = formField({
      id: `${id}-${f.name}`, name: f.name, label: f.label, kind: f.kind || 'text', value: values[f.name],
      options: f.options, description: f.hint || (f.date ? t('search.dateHint') : null), optional: !f.required && !f.options,
      maxlength: f.date ? 10 : 64, inputmode: f.date || f.numeric ? 'numeric' : null, autocomplete: 'off',
      extraClass: f.date ? 'schild-textbox--date' : null, spellcheck: 'false',
    });
    controls[f.name] = ff.control;
    return ff.root;
  });
  const submit = button(submitText || t('ov.apply'), { type: 'submit', id: `${id}-submit` }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--wide', role: 'search', id, novalidate: true, 'aria-label': t('ov.filters') },
    summaryHost,
    h('div', { class: 'schild-filter-grid' }, roots),
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    const items = [];
    for (const f of fields) {
      const v = controls[f.name].value.trim();
      if (f.required && !v) items.push({ path: f.name, text: f.requiredText || t('ov.required', { field: f.label.toLowerCase() }) });
      else if (f.date && v && !isDate(v)) items.push({ path: f.name, text: t('ov.dateInvalid', { field: f.label }) });
      else if (f.numeric && v && !/^\d+$/.test(v)) items.push({ path: f.name, text: t('ov.numberInvalid', { field: f.label }) });
      else if (f.pattern && v && !f.pattern.test(v)) items.push({ path: f.name, text: f.patternText });
      if (v) next.set(f.name, v);
    }
    const from = next.get('from');
    const to = next.get('to');
    if (from && to && isDate(from) && isDate(to) && to < from) items.push({ path: 'to', text: t('ov.toBeforeFrom') });
    if (items.length) { showErrors({ form, prefix: id, summaryHost, items }); return; }
    const qs = next.toString();
    ctx.navigate(qs ? `${ctx.path}?${qs}` : ctx.path);
  });
  return { form, values, summaryHost };
}

// The server's 400 for a query parameter, shown beside the field it names.
function queryErrors(err, form, prefix, summaryHost) {
  if (!((err.status === 400 || err.status === 422) && err.errors.length && form)) return false;
  showErrors({ form, prefix, summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
  return true;
}

// Fetches one page of rows and renders the table (or the empty state) into a results section.
async function resultsSection(ctx, { path, query, id, caption, columns, emptyText, form, summaryHost, prefix, extra }) {
  const page = pageNumber(ctx.query);
  const section = h('section', { class: 'schild-section', 'aria-labelledby': `${id}-title`, id: `${id}-results` },
    heading(2, t('ov.results'), { id: `${id}-title` }));
  let data;
  try {
    [data] = await Promise.all([get(path, { ...query, page, per_page: PER_PAGE }), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if ((err.status === 400 || err.status === 422) && err.errors.length && form) {
      return { section: null, after: () => queryErrors(err, form, prefix, summaryHost) };
    }
    section.append(alertBox('error', problemMessage(err), { role: 'alert', id: `${id}-error` }));
    return { section };
  }
  const items = data.items || [];
  const total = Number(data.total ?? items.length);
  section.append(h('p', { class: 'nl-paragraph', id: `${id}-total` }, total === 1 ? t('ov.totalOne') : t('ov.total', { n: total })));
  if (extra) section.append(...[extra(data)].flat().filter(Boolean));
  if (!items.length) {
    section.append(alertBox('info', emptyText, { class: 'schild-empty', id: `${id}-empty` }));
  } else {
    section.append(scrollableTable({ id, caption, captionHidden: true, columns, rows: items }));
    section.append(pagination(ctx.path, ctx.query, data.page || page, data.per_page || PER_PAGE, total));
  }
  return { section, data };
}

// A wide table scrolls sideways inside its container on a narrow screen; the container is then a
// labelled region that takes keyboard focus, so it can be scrolled without a mouse.
function scrollableTable(opts) {
  const container = table(opts);
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', opts.caption);
  container.setAttribute('tabindex', '0');
  return container;
}

function failure(ctx, parts, err) {
  clear(ctx.root).append(...parts.filter(Boolean), alertBox('error', problemMessage(err), { role: 'alert' }));
}

// The purpose (a break-glass reason, say) and the non-personal detail of an entry.
function purposeCell(r) {
  if (!r.purpose && !r.detail) return t('common.none');
  return [r.purpose || null, r.purpose && r.detail ? h('br') : null, r.detail ? h('span', { class: 'schild-muted' }, r.detail) : null];
}

const AUDIT_COLUMNS = () => [
  { title: t('ov.col.at'), class: 'schild-col-date', cell: (r) => timeEl(r.at) },
  { title: t('ov.col.who'), cell: whoCell },
  { title: t('ov.col.action'), cell: (r) => actionCell(r.action) },
  { title: t('ov.col.object'), cell: objectText },
  { title: t('ov.col.outcome'), cell: (r) => outcomeText(r.outcome) },
  { title: t('ov.col.purpose'), class: 'schild-col-summary', cell: purposeCell },
];

// ---------- overview ----------
export async function oversightIndexPage(ctx) {
  ctx.setTitle(t('ov.title'));
  clear(ctx.root).append(...[
    heading(1, t('ov.title')),
    ctx.takeFlash(),
    para(t('ov.intro')),
    h('ul', { class: 'utrecht-unordered-list schild-oversight-index', id: 'oversight-index' },
      oversightPages(ctx.user.role).map(([path, key]) => h('li', { class: 'utrecht-unordered-list__item' },
        link(`#${path}`, t(key)), ' – ', t(`${key}.text`)))),
  ].filter(Boolean));
}


// ---------- who read or changed a case or person ----------
export async function accessPage(ctx) {
  const title = t('ov.access.title');
  ctx.setTitle(title);
  const { form, values, summaryHost } = filterForm(ctx, {
    id: 'access-form',
    submitText: t('ov.access.submit'),
    fields: [
      { name: 'object_type', label: t('ov.access.objectType'), kind: 'select', options: ['case', 'person'].map((x) => [x, label('ovObject', x)]) },
      { name: 'object_id', label: t('ov.access.objectId'), hint: t('ov.access.objectIdHint'), required: true, requiredText: t('ov.access.objectIdMissing'), numeric: true },
      { name: 'from', label: t('ov.from'), date: true },
      { name: 'to', label: t('ov.to'), date: true },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.access.intro')), form];
  if (!values.object_id) {
    clear(ctx.root).append(...parts.filter(Boolean), alertBox('info', t('ov.access.start'), { class: 'schild-empty', id: 'access-start' }));
    return;
  }
  const query = { object_type: values.object_type === 'person' ? 'person' : 'case', object_id: values.object_id };
  if (values.from) query.from = values.from;
  if (values.to) query.to = values.to;
  const r = await resultsSection(ctx, {
    path: 'access', query, id: 'access-table', caption: title, form, summaryHost, prefix: 'access-form',
    columns: AUDIT_COLUMNS(),
    emptyText: t('ov.access.empty'),
    // For a person the trail of every case the person is in counts too.
    extra: (data) => (query.object_type === 'person' && data.case_ids && data.case_ids.length
      ? para(t('ov.access.personCases', { ids: data.case_ids.join(', ') })) : null),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}

// ---------- disclosures ----------
function disclosureWhat(d) {
  if (d.kind === 'release') return d.case_id ? t('ov.disclosures.release', { signal: d.signal_id, case: d.case_id }) : t('ov.disclosures.releaseNoCase', { signal: d.signal_id });
  return d.object_type ? `${label('ovObject', d.object_type)} ${d.object_id || ''}`.trim() : t('common.none');
}

function disclosureTo(d) {
  if (d.kind === 'release' && d.recipient) return whoCell({ user: d.recipient });
  return t('ov.disclosures.export');
}

function disclosureBy(d) {
  const by = d.kind === 'release' ? d.decided_by : d.by;
  return by ? whoCell({ user: by }) : t('common.none');
}

function disclosureNote(d) {
  if (d.kind === 'release') {
    return [d.reason ? [h('strong', {}, `${t('ov.disclosures.reason')}: `), d.reason] : null,
      d.reason && d.decision_note ? h('br') : null,
      d.decision_note ? [h('strong', {}, `${t('ov.disclosures.decisionNote')}: `), d.decision_note] : null];
  }
  return d.detail || t('common.none');
}

export async function disclosuresPage(ctx) {
  const title = t('ov.disclosures.title');
  ctx.setTitle(title);
  const { form, values, summaryHost } = filterForm(ctx, {
    id: 'disclosures-form',
    fields: [
      { name: 'from', label: t('ov.from'), date: true },
      { name: 'to', label: t('ov.to'), date: true },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.disclosures.intro')), form];
  const query = {};
  if (values.from) query.from = values.from;
  if (values.to) query.to = values.to;
  const r = await resultsSection(ctx, {
    path: 'disclosures', query, id: 'disclosures-table', caption: title, form, summaryHost, prefix: 'disclosures-form',
    columns: [
      { title: t('ov.col.at'), class: 'schild-col-date', cell: (d) => timeEl(d.at) },
      { title: t('ov.col.kind'), cell: (d) => label('ovDisclosure', d.kind) },
      { title: t('ov.col.what'), cell: disclosureWhat },
      { title: t('ov.col.to'), cell: disclosureTo },
      { title: t('ov.col.by'), cell: disclosureBy },
      { title: t('ov.col.purpose'), class: 'schild-col-summary', cell: disclosureNote },
    ],
    emptyText: t('ov.disclosures.empty'),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}

// ---------- gathering past the threshold ----------
function subjectText(subject) {
  if (!subject) return t('common.none');
  return `${label('ovObject', subject.kind)} ${subject.id}`;
}

export async function gatheringOversightPage(ctx) {
  const title = t('ov.gathering.title');
  ctx.setTitle(title);
  const page = pageNumber(ctx.query);
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.gathering.intro'))];
  let data;
  try {
    [data] = await Promise.all([get('gathering', { page, per_page: PER_PAGE }), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    failure(ctx, parts, err);
    return;
  }
  if (!ctx.isCurrent()) return;
  const past = data.past_threshold || { items: [], total: 0 };
  const refused = data.refused || { items: [], total: 0 };
  if (data.threshold !== undefined) parts.push(para(t('ov.gathering.threshold', { n: data.threshold })));
  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'gathering-past-title', id: 'gathering-past' },
    heading(2, t('ov.gathering.past'), { id: 'gathering-past-title' }),
    para(t('ov.gathering.pastIntro')),
    past.items.length ? scrollableTable({
      id: 'gathering-past-table', caption: t('ov.gathering.past'), captionHidden: true,
      columns: [
        { title: t('ov.col.subject'), cell: (x) => subjectText(x.act && x.act.subject) },
        { title: t('ov.col.act'), cell: (x) => [label('method', x.act.method), h('br'), h('span', { class: 'schild-muted' }, t('ov.gathering.days', { n: x.act.duration_days }))] },
        { title: t('ov.col.legalBasis'), cell: (x) => [x.act.legal_basis || t('common.none'), x.act.justification ? [h('br'), h('span', { class: 'schild-muted' }, x.act.justification)] : null] },
        { title: t('ov.col.recorded'), cell: (x) => [timeEl(x.act.recorded_at), h('br'), whoCell({ user: x.act.recorded_by || {} })] },
        { title: t('ov.col.order'), class: 'schild-col-summary', cell: (x) => (x.order ? [t('ov.gathering.orderUntil', { until: x.order.until || '' }), h('br'), h('span', { class: 'schild-muted' }, x.order.reasoning || x.order.scope || ''), h('br'), whoCell({ user: x.order.recorded_by || {} })] : t('common.none')) },
      ],
      rows: past.items,
    }) : alertBox('info', t('ov.gathering.pastEmpty'), { class: 'schild-empty', id: 'gathering-past-empty' })));
  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'gathering-refused-title', id: 'gathering-refused' },
    heading(2, t('ov.gathering.refused'), { id: 'gathering-refused-title' }),
    para(t('ov.gathering.refusedIntro')),
    refused.items.length ? scrollableTable({
      id: 'gathering-refused-table', caption: t('ov.gathering.refused'), captionHidden: true,
      columns: [
        { title: t('ov.col.subject'), cell: (x) => subjectText(x.subject) },
        { title: t('ov.col.at'), class: 'schild-col-date', cell: (x) => timeEl(x.at) },
        { title: t('ov.col.act'), cell: (x) => label('method', x.method) },
        { title: t('ov.col.total'), class: 'schild-col-number', cell: (x) => `${x.total ?? ''} / ${x.threshold ?? ''}` },
        { title: t('ov.col.who'), cell: (x) => whoCell({ user: x.by || {} }) },
      ],
      rows: refused.items,
    }) : alertBox('info', t('ov.gathering.refusedEmpty'), { class: 'schild-empty', id: 'gathering-refused-empty' })));
  const total = Math.max(Number(past.total || 0), Number(refused.total || 0));
  if (total > PER_PAGE) parts.push(pagination(ctx.path, ctx.query, data.page || page, data.per_page || PER_PAGE, total));
  clear(ctx.root).append(...parts.filter(Boolean));
}

// ---------- figures ----------
// Counts per status (every known status present) as a two-column table.
function countsTable(id, key, counts, labelPrefix) {
  const rows = Object.entries(counts || {});
  return h('section', { class: 'schild-section', 'aria-labelledby': `${id}-title` },
    heading(2, t(`ovFig.${key}`), { id: `${id}-title` }),
    table({
      id, caption: t(`ovFig.${key}`), captionHidden: true,
      columns: [
        { title: t('ov.fig.what'), cell: ([k]) => label(labelPrefix, k) },
        { title: t('ov.fig.count'), class: 'schild-col-number', cell: ([, v]) => String(v ?? 0) },
      ],
      rows,
    }));
}

export async function figuresPage(ctx) {
  const title = t('ov.figures.title');
  ctx.setTitle(title);
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.figures.intro'))];
  let f;
  try {
    f = await get('figures', {});
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    failure(ctx, parts, err);
    return;
  }
  if (!ctx.isCurrent()) return;
  const audit = f.audit || {};
  const intact = audit.entries !== undefined && audit.entries === audit.head_seq;
  const body = h('div', { id: 'figures' },
    h('section', { class: 'schild-section', 'aria-labelledby': 'fig-overview' },
      heading(2, t('ov.fig.overview'), { id: 'fig-overview' }),
      h('div', { id: 'figures-overview' }, dataSummary([
        [t('ovFig.today'), f.today ? formatDay(f.today) : t('common.none')],
        [t('ovFig.cases_total'), String(f.cases_total ?? 0)],
        [t('ovFig.decisions_in_force'), String(f.decisions_in_force ?? 0)],
        [t('ovFig.assessments_expired'), String(f.assessments_expired ?? 0)],
        [t('ovFig.gathering_past_threshold'), String(f.gathering_past_threshold ?? 0)],
        [t('ovFig.audit_entries'), String(audit.entries ?? 0)],
        [t('ovFig.audit_head'), [String(audit.head_seq ?? 0), ' ', h('span', { class: 'schild-muted', id: 'figures-audit-check' }, intact ? t('ovFig.audit_match') : t('ovFig.audit_mismatch'))]],
      ]))),
    h('section', { class: 'schild-section', 'aria-labelledby': 'figures-cases-table-title' },
      heading(2, t('ovFig.cases'), { id: 'figures-cases-table-title' }),
      (f.cases || []).length ? table({
        id: 'figures-cases-table', caption: t('ovFig.cases'), captionHidden: true,
        columns: [
          { title: t('ov.fig.status'), cell: (x) => label('status', x.status) },
          { title: t('ov.fig.domain'), cell: (x) => (x.domain ? label('domain', x.domain) : t('domain.none')) },
          { title: t('ov.fig.subject'), cell: (x) => label('ovSubject', x.subject) },
          { title: t('ov.fig.count'), class: 'schild-col-number', cell: (x) => String(x.count ?? 0) },
        ],
        rows: f.cases,
      }) : para(t('ov.fig.noCases'))),
    countsTable('figures-measures', 'measures', f.measures, 'mstatus'),
    countsTable('figures-assessments', 'assessments', f.assessments, 'astatus'),
    countsTable('figures-signals', 'signals', f.signals, 'compartment'),
    countsTable('figures-releases', 'release_requests', f.release_requests, 'releaseStatus'),
    countsTable('figures-break-glass', 'break_glass', f.break_glass, 'ovBreakGlass'));
  clear(ctx.root).append(...parts.filter(Boolean), body);
}

function formatDay(ymd) {
  return h('time', { datetime: ymd }, formatDate(ymd));
}

// ---------- the audit trail ----------
export async function auditPage(ctx) {
  const title = t('ov.audit.title');
  ctx.setTitle(title);
  const { form, values, summaryHost } = filterForm(ctx, {
    id: 'audit-form',
    fields: [
      { name: 'from', label: t('ov.from'), date: true },
      { name: 'to', label: t('ov.to'), date: true },
      { name: 'action', label: t('ov.audit.action'), hint: t('ov.audit.actionHint'), pattern: /^[a-z0-9._]{1,64}$/, patternText: t('ov.audit.actionInvalid') },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.audit.intro')), form];
  const query = {};
  for (const k of Object.keys(values)) if (values[k]) query[k] = values[k];
  const r = await resultsSection(ctx, {
    path: 'audit', query, id: 'audit-table', caption: title, form, summaryHost, prefix: 'audit-form',
    columns: [
      { title: t('ov.col.seq'), class: 'schild-col-number', cell: (e) => String(e.seq ?? '') },
      ...AUDIT_COLUMNS(),
      { title: t('ov.col.hash'), class: 'schild-col-hash', cell: (e) => (e.hash ? h('code', { class: 'schild-hash', title: e.hash }, `${e.hash.slice(0, 12)}…`) : t('common.none')) },
    ],
    emptyText: Object.keys(query).length ? t('ov.audit.emptyFiltered') : t('ov.audit.empty'),
    extra: (data) => (data.head ? para(t('ov.audit.head', { seq: data.head.seq }), ' ', h('code', { class: 'schild-hash', id: 'audit-head' }, data.head.hash || '')) : null),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}
