// Break-glass (noodtoegang, docs/OVERSIGHT.md "Break-glass"): the form on a case the user cannot
// see, the banner every page shows while a grant lasts, and the privacy officer's review queue.
// A grant is short and every use is logged and reviewed afterwards; the UI says so before, during
// and after.
import { t, label } from '../i18n.js';
import { request } from '../api.js';
import {
  h, heading, para, link, clear, alertBox, timeEl, formField, radioGroup, button, orgName,
} from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { pagination } from './lists.js';
import { loadOrgs, orgLabel } from '../orgs.js';

// Roles that work on cases and may open one in an emergency (the server has the last word: a
// refusal is explained). The privacy officer reviews uses; the inspector and admin see no cases.
export const BREAK_GLASS_ROLES = ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care'];

const PER_PAGE = 25;

export const breakGlassApi = {
  open: (caseId, reason) => request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/break-glass`, { reason }),
  list: (query) => request('GET', `/api/v1/oversight/break-glass?${new URLSearchParams(query)}`),
  review: (id, body) => request('POST', `/api/v1/oversight/break-glass/${encodeURIComponent(id)}/review`, body),
};

// Grants still running at this moment.
export function activeGrants(grants, now = Date.now()) {
  return (grants || []).filter((g) => g && (!g.expires_at || new Date(g.expires_at).getTime() > now));
}

// The banner of the page chrome: one line per running grant, naming the case and the end time.
export function breakGlassBanner(grants) {
  const live = activeGrants(grants);
  if (!live.length) return null;
  const items = live.map((g) => h('li', { class: 'schild-breakglass-banner__item' },
    t('bg.bannerCase'), ' ',
    link(`#/zaken/${g.case_id}`, g.case_reference || `#${g.case_id}`, { class: 'schild-breakglass-banner__case' }),
    ' ', t('bg.bannerUntil'), ' ', timeEl(g.expires_at), '.'));
  return h('div', { class: 'schild-container' },
    alertBox('warning', [
      h('ul', { class: 'utrecht-unordered-list schild-breakglass-banner__list' }, items),
      para(t('bg.bannerLogged')),
    ], { title: t('bg.bannerTitle'), titleId: 'break-glass-banner-title', labelledby: 'break-glass-banner-title', id: 'break-glass-banner', class: 'schild-breakglass-banner' }));
}

// The section on the "case not found" page. onOpened() runs after a grant was given.
export function breakGlassSection(ctx, caseId, onOpened) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const reason = formField({
    id: 'bg-reason', name: 'reason', kind: 'textarea', label: t('bg.reason'),
    description: t('bg.reasonHint'), rows: 4, maxlength: 2000,
  });
  const submit = button(t('bg.submit'), { type: 'submit', id: 'bg-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'bg-form', novalidate: true, 'aria-labelledby': 'sec-bg' },
    summaryHost, reason.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const text = reason.control.value.trim();
    if (text.length < 10) { showErrors({ form, prefix: 'bg', summaryHost, items: [{ path: 'reason', text: text ? t('bg.reasonShort') : t('bg.reasonMissing') }] }); return; }
    submit.disabled = true;
    try {
      await breakGlassApi.open(caseId, text);
      ctx.setFlash('warning', t('bg.opened'));
      await onOpened();
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.status === 422 && err.errors.length) {
        showErrors({ form, prefix: 'bg', summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
        return;
      }
      let text2;
      if (err.status === 404) text2 = t('bg.noSuchCase');
      else if (err.status === 403) text2 = t('bg.notAllowed');
      else if (err.status === 409) text2 = t('bg.conflict');
      else text2 = problemMessage(err);
      clear(summaryHost).append(alertBox('error', text2, { role: 'alert', focusable: true, class: 'schild-error-summary' }));
      summaryHost.firstChild.focus();
    }
  });

  return h('section', { class: 'schild-section schild-action-panel schild-breakglass', 'aria-labelledby': 'sec-bg' },
    heading(2, t('bg.title'), { id: 'sec-bg' }),
    para(t('bg.intro')),
    alertBox('warning', [para(t('bg.warning')), para(t('bg.warningReview'))], { id: 'bg-warning' }),
    form);
}

// ---------- the privacy officer's review queue ----------
function who(u) {
  if (!u) return t('common.none');
  if (typeof u === 'string') return u;
  const org = u.org ? (typeof u.org === 'object' ? orgName(u.org) : orgLabel(u.org)) : null;
  return [u.display_name || u.username, u.role ? `(${label('role', u.role)}${org ? `, ${org}` : ''})` : (org ? `(${org})` : null)].filter(Boolean).join(' ');
}

// review.outcome: pending | justified | unjustified (docs/OVERSIGHT.md, "Review queue").
function outcomeOf(g) {
  return (g.review && g.review.outcome) || 'pending';
}

function reviewState(g) {
  const outcome = outcomeOf(g);
  if (outcome === 'pending') return h('span', { class: 'utrecht-data-badge schild-badge--awaiting' }, t('bg.stateOpen'));
  const justified = outcome === 'justified';
  return h('span', { class: ['utrecht-data-badge', justified ? 'schild-badge--justified' : 'schild-badge--unjustified'] },
    justified ? t('bg.stateJustified') : t('bg.stateUnjustified'));
}

function isReviewed(g) {
  return outcomeOf(g) !== 'pending';
}

function reviewForm(ctx, g) {
  const p = `bgr-${g.id}`;
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const verdict = radioGroup({
    id: `${p}-justified`, name: `${p}-justified`, legend: t('bg.verdict'),
    options: [['yes', t('bg.justified')], ['no', t('bg.unjustified')]],
  });
  const note = formField({ id: `${p}-note`, name: 'note', kind: 'textarea', label: t('bg.note'), description: t('bg.noteHint'), rows: 3, maxlength: 2000 });
  const submit = button(t('bg.reviewSubmit'), { type: 'submit', id: `${p}-submit` }, 'primary');
  const form = h('form', { class: 'schild-form schild-breakglass-review', id: `${p}-form`, novalidate: true, 'aria-label': t('bg.reviewFormLabel', { reference: g.case_reference || `#${g.case_id}` }) },
    summaryHost, verdict, note.root, h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const chosen = form.querySelector(`input[name="${p}-justified"]:checked`)?.value || '';
    const text = note.control.value.trim();
    const items = [];
    if (!chosen) items.push({ path: 'justified', text: t('bg.verdictRequired') });
    if (!text) items.push({ path: 'note', text: t('bg.noteRequired') });
    if (items.length) { showErrors({ form, prefix: p, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      await breakGlassApi.review(g.id, { justified: chosen === 'yes', note: text, version: g.version });
      ctx.setFlash('ok', t('bg.reviewed', { reference: g.case_reference || `#${g.case_id}` }));
      ctx.navigate(ctx.path + (ctx.query.toString() ? `?${ctx.query}` : ''));
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.status === 422 && err.errors.length) {
        showErrors({ form, prefix: p, summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
        return;
      }
      const text2 = err.status === 409 ? t('bg.reviewConflict') : err.status === 404 ? t('bg.reviewGone') : problemMessage(err);
      clear(summaryHost).append(alertBox('error', text2, { role: 'alert', focusable: true, class: 'schild-error-summary' }));
      summaryHost.firstChild.focus();
    }
  });
  return form;
}

function grantCard(ctx, g) {
  const ref = g.case_reference || `#${g.case_id}`;
  const r = g.review || {};
  const reviewed = isReviewed(g);
  return h('li', { class: 'schild-breakglass-item', id: `bg-item-${g.id}` },
    h('article', { class: 'schild-card', 'aria-labelledby': `bg-item-${g.id}-title` },
      heading(2, t('bg.itemTitle', { reference: ref }), { id: `bg-item-${g.id}-title`, class: 'schild-card__title' }),
      h('p', { class: 'nl-paragraph' }, reviewState(g)),
      h('dl', { class: 'rhc-data-summary rhc-data-summary--row schild-data-summary' },
        [
          [t('bg.colUser'), who(g.user)],
          [t('bg.colCase'), ref],
          [t('bg.colStarted'), timeEl(g.started_at)],
          [t('bg.colExpires'), [timeEl(g.expires_at), g.active ? ` (${t('bg.stillActive')})` : null]],
          [t('bg.colReason'), h('span', { class: 'schild-multiline bg-reason' }, g.reason || '')],
          reviewed ? [t('bg.colReviewer'), who(r.by)] : null,
          reviewed ? [t('bg.colReviewedAt'), timeEl(r.at)] : null,
          reviewed ? [t('bg.colNote'), h('span', { class: 'schild-multiline' }, r.note || t('common.none'))] : null,
        ].filter(Boolean).map(([k, v]) => h('div', { class: 'rhc-data-summary__item' },
          h('dt', { class: 'rhc-data-summary__item-key' }, k),
          h('dd', { class: 'rhc-data-summary__item-value' }, v)))),
      reviewed ? null : reviewForm(ctx, g)));
}

function pageNumber(query) {
  const n = Number.parseInt(query.get('pagina') || '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

export async function breakGlassReviewPage(ctx, { subnav } = {}) {
  const title = t('bg.queueTitle');
  ctx.setTitle(title);
  const page = pageNumber(ctx.query);
  const status = ['pending', 'reviewed', 'all'].includes(ctx.query.get('status')) ? ctx.query.get('status') : 'pending';
  const query = { status, page, per_page: PER_PAGE };

  const filter = formField({
    id: 'bg-filter-status', name: 'status', kind: 'select', label: t('bg.filterStatus'), value: status,
    options: [['pending', t('bg.filterOpen')], ['reviewed', t('bg.filterReviewed')], ['all', t('bg.filterAll')]],
  });
  const filterForm = h('form', { class: 'schild-filter', role: 'search', 'aria-label': t('bg.filter') },
    filter.root,
    h('div', { class: 'schild-filter__action' }, button(t('cases.filterApply'), { type: 'submit', id: 'bg-filter-apply' }, 'secondary')));
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = filter.control.value;
    ctx.navigate(v === 'pending' ? ctx.path : `${ctx.path}?status=${encodeURIComponent(v)}`);
  });

  let data;
  try {
    [data] = await Promise.all([breakGlassApi.list(query), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(...[subnav, heading(1, title), alertBox('error', problemMessage(err), { role: 'alert' })].filter(Boolean));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  const parts = [subnav, heading(1, title), ctx.takeFlash(), para(t('bg.queueIntro')), filterForm];
  if (!items.length) {
    parts.push(alertBox('info', status === 'pending' ? t('bg.queueEmptyOpen') : t('bg.queueEmpty'), { class: 'schild-empty', id: 'bg-queue-empty' }));
  } else {
    parts.push(h('ul', { class: 'schild-breakglass-list', id: 'bg-queue' }, items.map((g) => grantCard(ctx, g))));
    parts.push(pagination(ctx.path, ctx.query, data.page || page, data.per_page || PER_PAGE, data.total ?? items.length));
  }
  clear(ctx.root).append(...parts.filter(Boolean));
}
