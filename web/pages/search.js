// Search over signals, cases, persons and actors (Dutch stemming on the server). The query and
// the filters live in the address (#/zoeken?q=…&kind=…), so a search can be bookmarked and the
// back button works. Matches in the snippets are <mark> elements built from the API's segments.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, clear, alertBox, formField, button } from '../dom.js';
import { showErrors, problemMessage } from '../forms.js';
import { pagination } from './lists.js';
import {
  SEARCH_KINDS, COMPARTMENTS, SOURCE_GRADES, INFO_GRADES, PHENOMENA, signalBadges, snippet, dateEl, options, isDate,
} from '../daf.js';

const PER_PAGE = 20;
const FILTERS = ['kind', 'compartment', 'source_grade', 'info_grade', 'phenomenon', 'from', 'to'];

function pageNumber(query) {
  const n = Number.parseInt(query.get('pagina') || '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function hitHref(hit) {
  switch (hit.kind) {
    case 'signal': return `#/zaken/${hit.case_id}?signaal=${hit.id}`;
    case 'case': return `#/zaken/${hit.id}`;
    case 'person': return `#/personen/${hit.id}`;
    case 'actor': return `#/actoren/${hit.id}`;
    default: return '#/zoeken';
  }
}

function hitTitle(hit) {
  if (hit.title) return hit.title;
  if (hit.kind === 'signal') return t('search.signalTitle', { reference: hit.case_reference || `#${hit.case_id}` });
  return `${label('searchKind', hit.kind)} ${hit.id}`;
}

function hitItem(hit) {
  return h('li', { class: 'schild-hit', 'data-kind': hit.kind },
    h('p', { class: 'nl-paragraph schild-hit__head' },
      h('span', { class: 'utrecht-data-badge schild-badge--kind' }, label('searchKind', hit.kind)), ' ',
      link(hitHref(hit), hitTitle(hit), { class: 'schild-hit__title' }),
      hit.date ? [' · ', dateEl(String(hit.date).slice(0, 10))] : null,
      hit.case_reference && hit.kind !== 'case' ? [' · ', t('search.inCase', { reference: hit.case_reference })] : null),
    hit.kind === 'signal' ? signalBadges(hit) : null,
    hit.snippet && hit.snippet.length ? h('p', { class: 'nl-paragraph schild-hit__snippet' }, snippet(hit.snippet)) : null);
}

export async function searchPage(ctx) {
  ctx.setTitle(t('search.title'));
  const q = (ctx.query.get('q') || '').trim();
  const page = pageNumber(ctx.query);
  const values = Object.fromEntries(FILTERS.map((k) => [k, ctx.query.get(k) || '']));

  const summaryHost = h('div', { class: 'schild-summary-host' });
  const qField = formField({ id: 'search-q', name: 'q', label: t('search.query'), description: t('search.queryHint'), value: q, maxlength: 200, autocomplete: 'off' });
  qField.control.setAttribute('type', 'search');
  const f = {
    kind: formField({ id: 'search-kind', name: 'kind', kind: 'select', label: t('search.kind'), value: values.kind, options: options('searchKind', SEARCH_KINDS, t('search.all')) }),
    compartment: formField({ id: 'search-compartment', name: 'compartment', kind: 'select', label: t('signal.compartment'), value: values.compartment, options: options('compartment', COMPARTMENTS, t('search.all')) }),
    source_grade: formField({ id: 'search-source_grade', name: 'source_grade', kind: 'select', label: t('signal.sourceGrade'), value: values.source_grade, options: options('sourceGrade', SOURCE_GRADES, t('search.all')) }),
    info_grade: formField({ id: 'search-info_grade', name: 'info_grade', kind: 'select', label: t('signal.infoGrade'), value: values.info_grade, options: options('infoGrade', INFO_GRADES, t('search.all')) }),
    phenomenon: formField({ id: 'search-phenomenon', name: 'phenomenon', kind: 'select', label: t('case.phenomenon'), value: values.phenomenon, options: options('phenomenon', PHENOMENA, t('search.all')) }),
    from: formField({ id: 'search-from', name: 'from', label: t('search.from'), description: t('search.dateHint'), value: values.from, maxlength: 10, inputmode: 'numeric', autocomplete: 'off', extraClass: 'schild-textbox--date' }),
    to: formField({ id: 'search-to', name: 'to', label: t('search.to'), description: t('search.dateHint'), value: values.to, maxlength: 10, inputmode: 'numeric', autocomplete: 'off', extraClass: 'schild-textbox--date' }),
  };
  const submit = button(t('search.submit'), { type: 'submit', id: 'search-submit' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--wide', role: 'search', id: 'search-form', novalidate: true, 'aria-label': t('search.title') },
    summaryHost,
    h('div', { class: 'schild-search-bar' }, qField.root, h('div', { class: 'schild-filter__action' }, submit)),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-group' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, t('search.filters')),
      h('div', { class: 'schild-filter-grid' }, Object.values(f).map((x) => x.root))));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    const qv = qField.control.value.trim();
    const items = [];
    if (!qv) items.push({ path: 'q', kind: 'required' });
    for (const k of ['from', 'to']) {
      const v = f[k].control.value.trim();
      if (v && !isDate(v)) items.push({ path: k, kind: 'date' });
    }
    if (items.length) { showErrors({ form, prefix: 'search', summaryHost, items }); return; }
    next.set('q', qv);
    for (const k of FILTERS) { const v = f[k].control.value.trim(); if (v) next.set(k, v); }
    ctx.navigate(`/zoeken?${next}`);
  });

  const parts = [heading(1, t('search.title'), { id: 'search-title' }), ctx.takeFlash(), para(t('search.intro')), form];
  const results = h('section', { class: 'schild-section', 'aria-labelledby': 'search-results-title', id: 'search-results' });
  if (!q) {
    clear(ctx.root).append(...parts.filter(Boolean));
    return;
  }
  const query = { q, page, per_page: PER_PAGE };
  for (const k of FILTERS) if (values[k]) query[k] = values[k];
  let data;
  try {
    data = await api.search(query);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if ((err.status === 422 || err.status === 400) && err.errors.length) {
      clear(ctx.root).append(...parts.filter(Boolean));
      showErrors({ form, prefix: 'search', summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
      return;
    }
    results.append(heading(2, t('search.results'), { id: 'search-results-title' }), alertBox('error', problemMessage(err), { role: 'alert' }));
    clear(ctx.root).append(...parts.filter(Boolean), results);
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  const total = Number(data.total ?? items.length);
  const capped = Boolean(data.total_capped);
  const totalText = capped ? `${total}+` : String(total);
  results.append(
    heading(2, t('search.results'), { id: 'search-results-title' }),
    h('p', { class: 'nl-paragraph schild-search-total', id: 'search-total', role: 'status' },
      capped ? t('search.totalCapped', { n: total }) : (total === 1 ? t('search.totalOne') : t('search.total', { n: total }))));
  if (!items.length) {
    results.append(alertBox('info', [para(t('search.empty', { q })), para(t('search.emptyHint'))], { class: 'schild-empty', id: 'search-empty' }));
  } else {
    results.append(h('ol', { class: 'schild-hits', id: 'search-hits', start: String((page - 1) * (data.per_page || PER_PAGE) + 1) }, items.map(hitItem)));
    results.append(pagination('/zoeken', ctx.query, data.page || page, data.per_page || PER_PAGE, total, capped ? totalText : null));
  }
  clear(ctx.root).append(...parts.filter(Boolean), results);
}
