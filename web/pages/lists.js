// The triage queue and the list of visible cases.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import {
  h, heading, para, link, table, clear, alertBox, timeEl, personName, orgName,
  statusBadge, urgentBadge, awaitingBadge, formField, button,
} from '../dom.js';
import { problemMessage } from '../forms.js';
import { flagBadges } from '../measures.js';

const PER_PAGE = 25;
const STATUSES = ['referred', 'assessment', 'decision', 'protection', 'closed'];
const NO_CONTENT_ROLES = ['admin', 'inspector'];

function pageNumber(query) {
  const n = Number.parseInt(query.get('pagina') || '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function shorten(text, max = 160) {
  const s = String(text || '');
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

function personsText(persons) {
  return (persons || []).map(personName).join(', ') || t('common.none');
}

// totalLabel: how to write the total when it is not a plain number (search: "200+").
export function pagination(basePath, query, page, perPage, total, totalLabel = null) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const status = para(t('page.of', { page, pages, total: totalLabel ?? total }));
  status.classList.add('schild-page-status');
  if (pages <= 1) return status;
  const href = (n) => {
    const q = new URLSearchParams(query);
    if (n === 1) q.delete('pagina'); else q.set('pagina', String(n));
    const qs = q.toString();
    return `#${basePath}${qs ? `?${qs}` : ''}`;
  };
  const nums = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...nums].sort((a, b) => a - b);
  const items = [];
  if (page > 1) items.push(h('li', {}, h('a', { class: 'ams-pagination__link nl-link', href: href(page - 1), rel: 'prev' }, t('page.prev'))));
  let prev = 0;
  for (const n of sorted) {
    if (n - prev > 1) items.push(h('li', { 'aria-hidden': 'true' }, h('span', { class: 'ams-pagination__link' }, '…')));
    items.push(h('li', {}, h('a', {
      class: 'ams-pagination__link nl-link', href: href(n),
      'aria-current': n === page ? 'page' : null, 'aria-label': t('page.nr', { n }),
    }, String(n))));
    prev = n;
  }
  if (page < pages) items.push(h('li', {}, h('a', { class: 'ams-pagination__link nl-link', href: href(page + 1), rel: 'next' }, t('page.next'))));
  return h('div', { class: 'schild-pagination' },
    status,
    h('nav', { class: 'ams-pagination', 'aria-label': t('page.nav') },
      h('ol', { class: 'ams-pagination__list' }, items)));
}

function refCell(c) {
  return link(`#/zaken/${c.id}`, c.reference || `#${c.id}`, { class: 'schild-ref' });
}

export async function queuePage(ctx) {
  ctx.setTitle(t('queue.title'));
  const page = pageNumber(ctx.query);
  let data;
  try {
    data = await api.listCases({ status: 'referred', sort: 'triage', page, per_page: PER_PAGE });
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, t('queue.title')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  const parts = [heading(1, t('queue.title')), ctx.takeFlash(), para(t('queue.intro'))];
  if (!items.length) {
    parts.push(alertBox('info', t(page > 1 ? 'cases.empty' : 'queue.empty'), { class: 'schild-empty' }));
    if (page > 1) parts.push(para(link('#/wachtrij', t('page.nr', { n: 1 }))));
  } else {
    parts.push(table({
      id: 'queue-table',
      caption: t('queue.caption'),
      captionHidden: true,
      columns: [
        { title: t('col.reference'), cell: (c) => [refCell(c), c.urgent ? [h('br'), urgentBadge()] : null] },
        { title: t('col.received'), class: 'schild-col-date', cell: (c) => timeEl(c.created_at) },
        { title: t('col.phenomenon'), cell: (c) => label('phenomenon', c.phenomenon) },
        { title: t('col.referringOrg'), cell: (c) => orgName(c.referring_org) },
        { title: t('col.persons'), cell: (c) => personsText(c.persons) },
        { title: t('col.summary'), class: 'schild-col-summary', cell: (c) => [shorten(c.summary, 140), c.awaiting_information ? [' ', awaitingBadge()] : null] },
      ],
      rows: items,
    }));
    parts.push(pagination('/wachtrij', ctx.query, data.page || page, data.per_page || PER_PAGE, data.total ?? items.length));
  }
  clear(ctx.root).append(...parts.filter(Boolean));
}

export async function casesPage(ctx) {
  const isReferrer = ctx.user.role === 'referrer';
  const title = isReferrer ? t('cases.titleReferrer') : t('cases.title');
  ctx.setTitle(title);
  const page = pageNumber(ctx.query);
  const status = STATUSES.includes(ctx.query.get('status')) ? ctx.query.get('status') : '';
  const query = { sort: 'newest', page, per_page: PER_PAGE };
  if (status) query.status = status;

  const filter = formField({
    id: 'filter-status', name: 'status', kind: 'select', label: t('cases.filterStatus'), value: status,
    options: [['', t('cases.filterAll')], ...STATUSES.map((s) => [s, label('status', s)])],
  });
  const filterForm = h('form', { class: 'schild-filter', role: 'search', 'aria-label': t('cases.filter') },
    filter.root,
    h('div', { class: 'schild-filter__action' }, button(t('cases.filterApply'), { type: 'submit', id: 'filter-apply' }, 'secondary')));
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = filter.control.value;
    ctx.navigate(v ? `/zaken?status=${encodeURIComponent(v)}` : '/zaken');
  });

  if (NO_CONTENT_ROLES.includes(ctx.user.role)) {
    // The server refuses case lists to these roles (403): say so plainly, without asking.
    clear(ctx.root).append(...[heading(1, title), ctx.takeFlash(), alertBox('info', t('cases.noContentRole'), { class: 'schild-empty' })].filter(Boolean));
    return;
  }
  let data;
  try {
    data = await api.listCases(query);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, title), alertBox(err.status === 403 ? 'info' : 'error', err.status === 403 ? t('cases.noContentRole') : problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  const parts = [heading(1, title), ctx.takeFlash(), para(isReferrer ? t('cases.introReferrer') : t('cases.intro')), filterForm];
  if (!items.length) {
    parts.push(alertBox('info', status ? t('cases.emptyFiltered', { status: label('status', status) }) : t('cases.empty'), { class: 'schild-empty' }));
  } else {
    parts.push(table({
      id: 'cases-table',
      caption: status ? `${t('cases.caption')}: ${label('status', status)}` : t('cases.caption'),
      captionHidden: true,
      columns: [
        { title: t('col.reference'), cell: refCell },
        { title: t('col.status'), cell: (c) => [statusBadge(c.status), c.urgent ? [' ', urgentBadge()] : null, c.awaiting_information ? [' ', awaitingBadge()] : null, c.flags && c.flags.length ? [' ', flagBadges(c.flags)] : null] },
        { title: t('col.domain'), cell: (c) => (c.domain ? label('domain', c.domain) : t('domain.none')) },
        { title: t('col.persons'), cell: (c) => personsText(c.persons) },
        { title: t('col.summary'), class: 'schild-col-summary', cell: (c) => shorten(c.summary, 120) },
        { title: t('col.referringOrg'), cell: (c) => orgName(c.referring_org) },
        { title: t('col.updated'), class: 'schild-col-date', cell: (c) => timeEl(c.updated_at || c.created_at) },
      ],
      rows: items,
    }));
    parts.push(pagination('/zaken', ctx.query, data.page || page, data.per_page || PER_PAGE, data.total ?? items.length));
  }
  clear(ctx.root).append(...parts.filter(Boolean));
}
