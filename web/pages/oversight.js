// Oversight pages (docs/OVERSIGHT.md): the privacy officer's views (who read a case or person,
// disclosures, gathering past the threshold) and, shared with the inspector, the aggregated
// figures and the audit trail. Every page keeps its filters in the address (#/toezicht/…?…), so a
// view can be bookmarked and the back button works; tables page through the server's results.
import { t, label, has } from '../i18n.js';
import { request } from '../api.js';
import { h, heading, para, link, clear, alertBox, formField, button, table, timeEl, orgName } from '../dom.js';
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

function who(row) {
  const u = row.user && typeof row.user === 'object' ? row.user : row;
  const name = u.display_name || u.username || (typeof row.user === 'string' ? row.user : '');
  return name || t('common.none');
}

function whoDetail(row) {
  const u = row.user && typeof row.user === 'object' ? row.user : row;
  const parts = [u.role ? label('role', u.role) : null, u.org ? (typeof u.org === 'object' ? orgName(u.org) : u.org) : null].filter(Boolean);
  return parts.join(', ') || t('common.none');
}

function objectText(row) {
  const type = row.object_type;
  if (!type) return t('common.none');
  const name = label('ovObject', type);
  const id = row.object_reference || row.object_id;
  const text = id ? `${name} ${id}` : name;
  if (type === 'case' && row.object_id) return link(`#/zaken/${row.object_id}`, text);
  if (type === 'person' && row.object_id) return link(`#/personen/${row.object_id}`, text);
  return text;
}

function actionText(action) {
  return has(`ovAction.${action}`) ? t(`ovAction.${action}`) : action || t('common.none');
}

function outcomeText(outcome) {
  return label('ovOutcome', outcome);
}

// A filter form whose values go into the address. fields: [{name, label, kind, options, hint,
// date, required}]. Returns {form, values}.
function filterForm(ctx, { id, fields, submitText, requireAny = false }) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const values = Object.fromEntries(fields.map((f) => [f.name, ctx.query.get(f.name) || '']));
  const controls = {};
  const roots = fields.map((f) => {
    const ff = formField({
      id: `${id}-${f.name}`, name: f.name, label: f.label, kind: f.kind || 'text', value: values[f.name],
      options: f.options, description: f.hint || (f.date ? t('search.dateHint') : null), optional: !f.required && !f.options,
      maxlength: f.date ? 10 : 200, inputmode: f.date || f.numeric ? 'numeric' : null, autocomplete: 'off',
      extraClass: f.date ? 'schild-textbox--date' : null,
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
      if (f.required && !v) items.push({ path: f.name, text: t('ov.required', { field: f.label }) });
      else if (f.date && v && !isDate(v)) items.push({ path: f.name, text: t('ov.dateInvalid', { field: f.label }) });
      else if (f.numeric && v && !/^\d+$/.test(v)) items.push({ path: f.name, text: t('ov.numberInvalid', { field: f.label }) });
      if (v) next.set(f.name, v);
    }
    if (requireAny && ![...next.keys()].length) items.push({ path: fields[0].name, text: t('ov.requireAny') });
    if (items.length) { showErrors({ form, prefix: id, summaryHost, items }); return; }
    const qs = next.toString();
    ctx.navigate(qs ? `${ctx.path}?${qs}` : ctx.path);
  });
  return { form, values, summaryHost };
}

// Fetches one page of rows and renders the table (or the empty state) into a results section.
async function resultsSection(ctx, { path, query, id, caption, columns, emptyText, form, summaryHost, prefix }) {
  const page = pageNumber(ctx.query);
  const section = h('section', { class: 'schild-section', 'aria-labelledby': `${id}-title`, id: `${id}-results` },
    heading(2, t('ov.results'), { id: `${id}-title` }));
  let data;
  try {
    data = await get(path, { ...query, page, per_page: PER_PAGE });
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if ((err.status === 422 || err.status === 400) && err.errors.length && form) {
      return { section: null, after: () => showErrors({ form, prefix, summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) }) };
    }
    section.append(alertBox('error', err.status === 404 ? t('ov.notFound') : problemMessage(err), { role: 'alert', id: `${id}-error` }));
    return { section };
  }
  const items = Array.isArray(data) ? data : (data.items || []);
  const total = Array.isArray(data) ? items.length : Number(data.total ?? items.length);
  section.append(h('p', { class: 'nl-paragraph', id: `${id}-total`, role: 'status' }, total === 1 ? t('ov.totalOne') : t('ov.total', { n: total })));
  if (!items.length) {
    section.append(alertBox('info', emptyText, { class: 'schild-empty', id: `${id}-empty` }));
  } else {
    section.append(table({ id, caption, captionHidden: true, columns, rows: items }));
    if (!Array.isArray(data)) section.append(pagination(ctx.path, ctx.query, data.page || page, data.per_page || PER_PAGE, total));
  }
  return { section, data };
}

function failure(ctx, parts, err) {
  clear(ctx.root).append(...parts.filter(Boolean), alertBox('error', problemMessage(err), { role: 'alert' }));
}

const AUDIT_COLUMNS = () => [
  { title: t('ov.col.at'), class: 'schild-col-date', cell: (r) => timeEl(r.at) },
  { title: t('ov.col.who'), cell: (r) => [h('span', { class: 'schild-who' }, who(r)), h('br'), h('span', { class: 'schild-muted' }, whoDetail(r))] },
  { title: t('ov.col.action'), cell: (r) => actionText(r.action) },
  { title: t('ov.col.object'), cell: objectText },
  { title: t('ov.col.outcome'), cell: (r) => outcomeText(r.outcome) },
  { title: t('ov.col.purpose'), class: 'schild-col-summary', cell: (r) => r.purpose || r.detail || t('common.none') },
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

// ---------- who read a case or person ----------
export async function accessPage(ctx) {
  const title = t('ov.access.title');
  ctx.setTitle(title);
  const { form, values, summaryHost } = filterForm(ctx, {
    id: 'access-form',
    submitText: t('ov.access.submit'),
    fields: [
      { name: 'object_type', label: t('ov.access.objectType'), kind: 'select', options: ['case', 'person', 'actor'].map((x) => [x, label('ovObject', x)]) },
      { name: 'object_id', label: t('ov.access.objectId'), hint: t('ov.access.objectIdHint'), required: true, numeric: true },
      { name: 'from', label: t('ov.from'), date: true },
      { name: 'to', label: t('ov.to'), date: true },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.access.intro')), form];
  if (!values.object_id) {
    clear(ctx.root).append(...parts.filter(Boolean), alertBox('info', t('ov.access.start'), { class: 'schild-empty', id: 'access-start' }));
    return;
  }
  const query = { object_type: values.object_type || 'case', object_id: values.object_id };
  if (values.from) query.from = values.from;
  if (values.to) query.to = values.to;
  const r = await resultsSection(ctx, {
    path: 'access', query, id: 'access-table', caption: title, form, summaryHost, prefix: 'access-form',
    columns: AUDIT_COLUMNS(),
    emptyText: t('ov.access.empty'),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}

// ---------- disclosures ----------
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
      { title: t('ov.col.at'), class: 'schild-col-date', cell: (d) => timeEl(d.at || d.decided_at || d.created_at) },
      { title: t('ov.col.kind'), cell: (d) => label('ovDisclosure', d.kind || d.action) },
      { title: t('ov.col.case'), cell: (d) => (d.case_id ? link(`#/zaken/${d.case_id}`, d.case_reference || `#${d.case_id}`) : t('common.none')) },
      { title: t('ov.col.to'), cell: (d) => orgName(d.to_org || d.recipient || d.org) },
      { title: t('ov.col.who'), cell: (d) => (d.by || d.user ? who({ user: d.by || d.user }) : t('common.none')) },
      { title: t('ov.col.purpose'), class: 'schild-col-summary', cell: (d) => d.reason || d.purpose || d.detail || t('common.none') },
    ],
    emptyText: t('ov.disclosures.empty'),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}

// ---------- gathering past the threshold ----------
function subjectCell(g) {
  const kind = g.subject_kind || g.kind || (g.subject && g.subject.kind);
  const id = g.subject_id || (g.subject && g.subject.id) || g.id;
  const name = g.subject_name || g.name || (g.subject && g.subject.name) || `#${id}`;
  const href = kind === 'person' ? `#/personen/${id}` : kind === 'actor' ? `#/actoren/${id}` : null;
  return [h('span', { class: 'utrecht-data-badge schild-badge--kind' }, label('ovObject', kind)), ' ', href ? link(href, name) : name];
}

export async function gatheringOversightPage(ctx) {
  const title = t('ov.gathering.title');
  ctx.setTitle(title);
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.gathering.intro'))];
  const r = await resultsSection(ctx, {
    path: 'gathering', query: {}, id: 'gathering-table', caption: title,
    columns: [
      { title: t('ov.col.subject'), cell: subjectCell },
      { title: t('ov.col.days'), class: 'schild-col-number', cell: (g) => String(g.total_days ?? g.days ?? g.score ?? t('common.none')) },
      { title: t('ov.col.threshold'), class: 'schild-col-number', cell: (g) => String(g.threshold ?? t('common.none')) },
      { title: t('ov.col.acts'), class: 'schild-col-number', cell: (g) => String(g.acts ?? g.count ?? (Array.isArray(g.items) ? g.items.length : t('common.none'))) },
      { title: t('ov.col.last'), class: 'schild-col-date', cell: (g) => timeEl(g.last_at || g.updated_at || g.at) },
    ],
    emptyText: t('ov.gathering.empty'),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
}

// ---------- figures ----------
function figureLabel(key) {
  return has(`ovFig.${key}`) ? t(`ovFig.${key}`) : key.replace(/_/g, ' ');
}

// Numbers become a key/value list; objects of numbers a table (one row per key); lists of rows a
// table of their keys. The server decides what is counted; the page only lays it out.
function figureBlock(key, value, depth = 2) {
  const titleId = `fig-${key}`;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.every(([, v]) => typeof v === 'number' || typeof v === 'string' || v === null)) {
      return h('section', { class: 'schild-section', 'aria-labelledby': titleId },
        heading(depth, figureLabel(key), { id: titleId }),
        table({
          id: `figures-${key}`, caption: figureLabel(key), captionHidden: true,
          columns: [
            { title: t('ov.fig.what'), cell: ([k]) => figureLabel(k) },
            { title: t('ov.fig.count'), class: 'schild-col-number', cell: ([, v]) => (v === null ? t('common.none') : String(v)) },
          ],
          rows: entries,
        }));
    }
    return h('section', { class: 'schild-section', 'aria-labelledby': titleId },
      heading(depth, figureLabel(key), { id: titleId }),
      entries.map(([k, v]) => figureBlock(`${k}`, v, Math.min(depth + 1, 4))));
  }
  if (Array.isArray(value)) {
    const cols = [...new Set(value.flatMap((row) => (row && typeof row === 'object' ? Object.keys(row) : [])))];
    return h('section', { class: 'schild-section', 'aria-labelledby': titleId },
      heading(depth, figureLabel(key), { id: titleId }),
      value.length ? table({
        id: `figures-${key}`, caption: figureLabel(key), captionHidden: true,
        columns: cols.map((c) => ({ title: figureLabel(c), cell: (row) => (row[c] === null || row[c] === undefined ? t('common.none') : (typeof row[c] === 'string' && c === 'role' ? label('role', row[c]) : String(row[c]))) })),
        rows: value,
      }) : para(t('ov.fig.none')));
  }
  return null;
}

export async function figuresPage(ctx) {
  const title = t('ov.figures.title');
  ctx.setTitle(title);
  const { form, values } = filterForm(ctx, {
    id: 'figures-form',
    fields: [
      { name: 'from', label: t('ov.from'), date: true },
      { name: 'to', label: t('ov.to'), date: true },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.figures.intro')), form];
  const query = {};
  if (values.from) query.from = values.from;
  if (values.to) query.to = values.to;
  let data;
  try {
    data = await get('figures', query);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    failure(ctx, parts, err);
    return;
  }
  if (!ctx.isCurrent()) return;
  const scalars = Object.entries(data || {}).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
  const blocks = Object.entries(data || {}).filter(([, v]) => v && typeof v === 'object').map(([k, v]) => figureBlock(k, v));
  const body = h('div', { id: 'figures' },
    scalars.length ? h('section', { class: 'schild-section', 'aria-labelledby': 'fig-overview' },
      heading(2, t('ov.fig.overview'), { id: 'fig-overview' }),
      h('dl', { class: 'rhc-data-summary rhc-data-summary--row schild-data-summary', id: 'figures-overview' },
        scalars.map(([k, v]) => h('div', { class: 'rhc-data-summary__item' },
          h('dt', { class: 'rhc-data-summary__item-key' }, figureLabel(k)),
          h('dd', { class: 'rhc-data-summary__item-value' }, /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? timeEl(v) : String(v)))))) : null,
    blocks,
    !scalars.length && !blocks.filter(Boolean).length ? alertBox('info', t('ov.fig.none'), { class: 'schild-empty' }) : null);
  clear(ctx.root).append(...parts.filter(Boolean), body);
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
      { name: 'action', label: t('ov.audit.action'), hint: t('ov.audit.actionHint') },
      { name: 'username', label: t('ov.audit.username') },
      { name: 'object_type', label: t('ov.access.objectType'), kind: 'select', options: [['', t('ov.all')], ...['case', 'person', 'actor', 'user', 'signal', 'decision'].map((x) => [x, label('ovObject', x)])] },
      { name: 'object_id', label: t('ov.audit.objectId'), numeric: true },
    ],
  });
  const parts = [oversightSubnav(ctx), heading(1, title), ctx.takeFlash(), para(t('ov.audit.intro')), form];
  const query = {};
  for (const k of Object.keys(values)) if (values[k]) query[k] = values[k];
  const r = await resultsSection(ctx, {
    path: 'audit', query, id: 'audit-table', caption: title, form, summaryHost, prefix: 'audit-form',
    columns: [{ title: t('ov.col.seq'), class: 'schild-col-number', cell: (e) => String(e.seq ?? '') }, ...AUDIT_COLUMNS()],
    emptyText: Object.keys(query).length ? t('ov.audit.emptyFiltered') : t('ov.audit.empty'),
  });
  if (!ctx.isCurrent()) return;
  clear(ctx.root).append(...parts.filter(Boolean), r.section);
  r.after?.();
}
