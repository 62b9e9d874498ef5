// Decisions (docs/DECISIONS.md): the "Besluiten en maatregelen" section of the case page and the
// authority's decision form, shown beside the final assessment it rests on. The form checks what
// it can while the authority types (the package of the established resistance level, the
// deviation from the proposal) and explains the API's refusals in plain words.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import {
  h, heading, para, link, table, clear, alertBox, formField, radioGroup, button, timeEl, dataSummary,
} from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs, orgList, orgLabel } from '../orgs.js';
import { today, isDate, dateEl, showFailure, notice } from '../daf.js';
import {
  dapi, loadCatalogue, measureLabel, packageOf, addDays, flagBadges, measureStatusBadge, letterHref,
} from '../measures.js';

const GRADED = ['DI', 'DA', 'RA'];
const URGENT_PRODUCTS = ['dreigingsmelding', 'IRD'];
const THREAT = [1, 2, 3, 4, 5];
const RESISTANCE = [1, 2, 3, 4];
const DECIDABLE = ['assessment', 'decision', 'protection'];

// The case's authority is the viewer's organisation and the viewer has the role to decide.
export function isCaseAuthority(user, c) {
  const org = user?.org && (user.org.code || user.org);
  return user?.role === 'authority' && c.authority && (c.authority.code || c.authority.org) === org;
}

function newestFinal(items, products) {
  return (items || []).filter((a) => a.status === 'final' && !a.expired && products.includes(a.product))
    .sort((a, b) => b.id - a.id)[0] || null;
}

function decidedBy(d) {
  if (!d.decided_by) return t('common.none');
  return [d.decided_by.username, d.decided_by.org ? `(${orgLabel(d.decided_by.org)})` : null].filter(Boolean).join(' ');
}

function dstatusBadge(status) {
  return h('span', { class: ['utrecht-data-badge', 'schild-dstatus', `schild-dstatus--${status}`], 'data-dstatus': status }, label('dstatus', status));
}

function levelsText(d) {
  return [d.threat_level ? t('decision.threatN', { n: d.threat_level }) : null,
    d.resistance_level ? t('decision.resistanceN', { n: d.resistance_level }) : null].filter(Boolean).join(', ') || t('common.none');
}

export function measuresTable(measures, { id, withCase = false }) {
  return table({
    id, caption: t('decision.measures'), captionHidden: true,
    columns: [
      { title: t('decision.measureType'), cell: (m) => h('span', { 'data-measure-type': m.type }, measureLabel(m)) },
      withCase ? { title: t('col.reference'), cell: (m) => link(`#/zaken/${m.case_id}`, m.case_reference || `#${m.case_id}`) } : null,
      { title: t('decision.executor'), cell: (m) => m.executor_org_name || orgLabel(m.executor_org) },
      { title: t('decision.period'), cell: (m) => [dateEl(m.start), ' – ', m.end ? dateEl(m.end) : t('decision.untilFurther')] },
      { title: t('col.status'), cell: (m) => measureStatusBadge(m.status) },
      { title: t('decision.note'), cell: (m) => m.note || t('common.none') },
    ].filter(Boolean),
    rows: measures,
  });
}

// ---------- the section on the case page ----------
export function decisionsSection(ctx, c) {
  const body = h('div', { id: 'decisions-body' }, h('p', { class: 'nl-paragraph schild-loading', role: 'status' }, t('app.loading')));
  const section = h('section', { class: 'schild-section', 'aria-labelledby': 'sec-decisions', id: 'case-decisions' },
    heading(2, t('decision.section'), { id: 'sec-decisions' }), body);
  (async () => {
    let list;
    let measures;
    try {
      [list, measures] = await Promise.all([dapi.listDecisions(c.id), dapi.caseMeasures(c.id), loadCatalogue().catch(() => null)]);
    } catch (err) {
      if (!ctx.isCurrent() || err.status === 401) return;
      if (err.status === 403 || err.status === 404) { section.remove(); return; }
      clear(body).append(alertBox('error', problemMessage(err), { role: 'alert' }));
      return;
    }
    if (!ctx.isCurrent() || !body.isConnected) return;
    const decisions = list.items || [];
    const allMeasures = measures.items || [];
    const inForce = decisions.find((d) => d.status === 'in_force');
    const parts = [];
    if (inForce) {
      parts.push(heading(3, t('decision.inForce'), { id: 'decision-in-force-title' }),
        h('div', { id: 'decision-in-force' }, dataSummary([
          [t('decision.decidedAt'), timeEl(inForce.decided_at)],
          [t('decision.decidedBy'), decidedBy(inForce)],
          [t('decision.basis'), [label('dbasis', inForce.basis), inForce.provisional ? [' ', h('span', { class: 'utrecht-data-badge schild-badge--flag' }, t('decision.provisional'))] : null]],
          inForce.confirm_by ? [t('decision.confirmBy'), dateEl(inForce.confirm_by)] : null,
          [t('decision.levels'), levelsText(inForce)],
          [t('decision.reviewDate'), dateEl(inForce.review_date)],
          [t('decision.letter'), h('a', { class: 'nl-link', href: letterHref(inForce.id), id: 'decision-letter', target: '_blank', rel: 'noopener' }, t('decision.letterLink'))],
        ])));
    } else {
      parts.push(para(t('decision.noneInForce')));
    }
    parts.push(heading(3, t('decision.measures'), { id: 'case-measures-title' }),
      allMeasures.length ? measuresTable(allMeasures, { id: 'case-measures' }) : para(t('decision.noMeasures')));
    if (decisions.length) {
      parts.push(heading(3, t('decision.history'), { id: 'decision-history-title' }),
        table({
          id: 'decision-history', caption: t('decision.history'), captionHidden: true,
          columns: [
            { title: t('decision.number'), cell: (d) => t('decision.numberN', { id: d.id }) },
            { title: t('decision.decidedAt'), cell: (d) => timeEl(d.decided_at) },
            { title: t('col.status'), cell: (d) => dstatusBadge(d.status) },
            { title: t('decision.basis'), cell: (d) => label('dbasis', d.basis) },
            { title: t('decision.levels'), cell: (d) => levelsText(d) },
            { title: t('decision.letter'), cell: (d) => h('a', { class: 'nl-link', href: letterHref(d.id), target: '_blank', rel: 'noopener' }, t('decision.letterFor', { id: d.id })) },
          ],
          rows: decisions,
        }));
    }
    const actions = [];
    if (isCaseAuthority(ctx.user, c) && DECIDABLE.includes(c.status)) actions.push(link(`#/zaken/${c.id}/besluit`, t('decision.new'), { id: 'decision-new' }));
    if ((isCaseAuthority(ctx.user, c) || ctx.user.role === 'triage') && DECIDABLE.includes(c.status)) actions.push(link(`#/zaken/${c.id}/overdragen`, t('transfer.link'), { id: 'transfer-link' }));
    if (isCaseAuthority(ctx.user, c) && ['decision', 'protection'].includes(c.status)) actions.push(link(`#/zaken/${c.id}/beeindigen`, t('end.link'), { id: 'end-link' }));
    if (actions.length) parts.push(h('ul', { class: 'schild-plain-list schild-case-actions' }, actions.map((a) => h('li', {}, a))));
    clear(body).append(...parts);
  })();
  return section;
}

// ---------- the decision form: #/zaken/{id}/besluit ----------
const drafts = new Map();

function emptyMeasure(info, start) {
  return { type: info?.type || '', executor_org: info?.typical_executor || '', start, end: '', details: '' };
}

export async function decisionPage(ctx) {
  const id = ctx.params[0];
  let c;
  let assessments;
  let cat;
  let decisions;
  try {
    [c, assessments, cat, decisions] = await Promise.all([api.getCase(id), api.listAssessments(id).catch(() => ({ items: [] })),
      loadCatalogue(), dapi.listDecisions(id).catch(() => ({ items: [] })), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    ctx.setTitle(t('decision.title'));
    clear(ctx.root).append(heading(1, t('decision.title')),
      alertBox(err.status === 404 ? 'warning' : 'error', err.status === 404 ? t('case.notFoundText') : problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  let previous = null;
  const inForce = (decisions.items || []).find((d) => d.status === 'in_force');
  if (inForce) previous = await dapi.getDecision(inForce.id).catch(() => null);
  if (!ctx.isCurrent()) return;
  const key = `c${c.id}`;
  if (!drafts.has(key)) drafts.set(key, draftFor(c, cat, assessments.items, previous));
  renderForm(ctx, { c, cat, assessments: assessments.items || [], d: drafts.get(key), key });
}

function draftFor(c, cat, assessments, previous) {
  const final = newestFinal(assessments, GRADED);
  const start = today();
  const d = {
    urgent: false,
    measures: previous ? (previous.measures || []).filter((m) => m.status !== 'ended').map((m) => ({
      type: m.type, executor_org: m.executor_org, start: m.start < addDays(start, -30) ? start : m.start, end: m.end || '', details: m.details || '', object_id: m.object_id,
    })) : [],
    threat_level: final?.threat_level ? String(final.threat_level) : '',
    resistance_level: final?.resistance_level ? String(final.resistance_level) : '',
    deviation_reasoning: '', proportionality: '', heard: '', tbp_view: '', tbp_not_heard_reason: '', tbp_refusal: '',
    legal_basis: '', review_date: addDays(start, cat.review_days_default || 90), below_package_reason: '', contact_person: '',
  };
  if (!d.measures.length) d.measures.push(emptyMeasure(null, start));
  return d;
}

function executorOptions() {
  const execs = orgList().filter((o) => o.kind === 'police' || o.kind === 'kmar');
  return [['', t('decision.chooseExecutor')], ...execs.map((o) => [o.code, o.name])];
}

function assessmentPanel(final, urgentBasis) {
  if (!final && !urgentBasis) {
    return alertBox('warning', t('decision.noAssessment'), { id: 'decision-no-assessment', title: t('decision.assessmentPanel'), headingLevel: 2 });
  }
  const a = final || urgentBasis;
  return h('aside', { class: 'schild-decision-basis', 'aria-labelledby': 'decision-basis-title', id: 'decision-basis' },
    heading(2, final ? t('decision.assessmentPanel') : t('decision.urgentPanel'), { id: 'decision-basis-title' }),
    final ? null : para(t('decision.urgentOnly')),
    dataSummary([
      [t('assessment.product'), link(`#/beoordelingen/${a.id}`, `${label('product', a.product)} #${a.id}`)],
      [t('assessment.threat_level'), h('span', { id: 'decision-proposed-threat' }, a.threat_level ? t('assessment.level', { n: a.threat_level }) : t('common.none'))],
      [t('assessment.resistance_level'), h('span', { id: 'decision-proposed-resistance' }, a.resistance_level ? t('assessment.resistance', { n: a.resistance_level }) : t('common.none'))],
      [t('assessment.validUntil'), dateEl(a.valid_until)],
      [t('assessment.reasoning'), a.reasoning || '', { multiline: true }],
      [t('assessment.measures'), (a.recommended_measures || []).join(', ')],
    ]));
}

function renderForm(ctx, { c, cat, assessments, d, key, noticeOpt }) {
  const title = t('decision.titleFor', { reference: c.reference || `#${c.id}` });
  ctx.setTitle(title);
  const prefix = 'decision';
  const final = newestFinal(assessments, GRADED);
  const urgentBasis = final ? null : newestFinal(assessments, URGENT_PRODUCTS);
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const subject = c.subject || 'persons';
  const allowed = (cat.measures || []).filter((m) => subject === 'persons' || !m.person_oriented);
  const typeOptions = [['', t('decision.chooseType')], ...allowed.map((m) => [m.type, measureLabel(m)])];
  const execOptions = executorOptions();

  const urgent = formField({ id: 'decision-urgent', name: 'urgent', kind: 'checkbox', label: t('decision.urgent'), description: t('decision.urgentHint', { days: cat.urgent_confirm_days ?? 14 }), value: d.urgent });
  urgent.control.addEventListener('change', () => { d.urgent = urgent.control.checked; });

  // measures, one fieldset per row; ids follow the API's paths (measures[0].type)
  const rowsHost = h('div', { id: 'decision-measures-rows' });
  const measuresFs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-group', id: 'decision-measures', 'data-field': 'decision-measures',
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('decision.measures')),
  h('div', { class: 'utrecht-form-field-description' }, t('decision.measuresHint')),
  h('p', { class: 'utrecht-form-field-error-message', id: 'decision-measures-error', hidden: true }),
  rowsHost);
  const addBtn = button(t('decision.addMeasure'), { id: 'decision-add-measure' }, 'secondary');
  measuresFs.append(h('div', { class: 'utrecht-button-group' }, addBtn));

  // levels: adopted from the assessment; a deviation needs its reasoning
  const levelSelect = (field, values, text) => formField({
    id: `decision-${field}`, name: field, kind: 'select', label: t(`decision.${field}`), value: d[field],
    options: [['', t('decision.chooseLevel')], ...values.map((v) => [String(v), text(v)])],
  });
  const threat = levelSelect('threat_level', THREAT, (n) => t('assessment.level', { n }));
  const resistance = levelSelect('resistance_level', RESISTANCE, (n) => t('assessment.resistance', { n }));
  const deviation = formField({ id: 'decision-deviation_reasoning', name: 'deviation_reasoning', kind: 'textarea', label: t('decision.deviation'), description: t('decision.deviationHint'), value: d.deviation_reasoning, rows: 4, maxlength: 4000 });
  const proposal = final || urgentBasis;
  const deviates = () => Boolean(proposal) && ((proposal.threat_level && d.threat_level && Number(d.threat_level) !== proposal.threat_level)
    || (proposal.resistance_level && d.resistance_level && Number(d.resistance_level) !== proposal.resistance_level));
  const syncDeviation = () => { deviation.root.hidden = !deviates(); };

  // the package of the established resistance level, checked live against the measures
  const packageHost = h('div', { id: 'decision-package', 'aria-live': 'polite' });
  const belowReason = formField({ id: 'decision-below_package_reason', name: 'below_package_reason', kind: 'textarea', label: t('decision.belowReason'), description: t('decision.belowReasonHint'), value: d.below_package_reason, rows: 3, maxlength: 4000 });
  const missingTypes = () => {
    if (!d.resistance_level) return [];
    const chosen = new Set(d.measures.map((m) => m.type).filter(Boolean));
    return packageOf(subject, d.resistance_level).filter((x) => !chosen.has(x));
  };
  const syncPackage = () => {
    const missing = missingTypes();
    belowReason.root.hidden = missing.length === 0;
    const pkg = d.resistance_level ? packageOf(subject, d.resistance_level) : [];
    if (!d.resistance_level || !pkg.length) { clear(packageHost); return; }
    if (!missing.length) {
      clear(packageHost).append(alertBox('ok', t('decision.packageComplete', { n: d.resistance_level }), { id: 'decision-package-ok' }));
      return;
    }
    clear(packageHost).append(alertBox('warning', [
      para(t('decision.belowPackage', { n: d.resistance_level })),
      h('ul', { class: 'schild-plain-list', id: 'decision-missing' }, missing.map((x) => h('li', { 'data-missing': x },
        measureLabel(x), ' ',
        button([t('decision.add'), h('span', { class: 'rhc-visually-hidden' }, `: ${measureLabel(x)}`)], { class: 'schild-small', 'data-add': x, on: { click: () => addMeasure(x) } }, 'subtle')))),
      para(t('decision.belowPackageAsk')),
    ], { id: 'decision-package-warning', title: t('decision.packageTitle'), headingLevel: 3 }));
  };

  function renderRows() {
    clear(rowsHost).append(...d.measures.map((m, i) => measureRow(m, i)));
  }
  function measureRow(m, i) {
    const p = `decision-measures-${i}`;
    const type = formField({ id: `${p}-type`, name: `measures[${i}].type`, kind: 'select', label: t('decision.measureType'), value: m.type, options: typeOptions });
    const exec = formField({ id: `${p}-executor_org`, name: `measures[${i}].executor_org`, kind: 'select', label: t('decision.executor'), value: m.executor_org, options: execOptions });
    const start = formField({ id: `${p}-start`, name: `measures[${i}].start`, label: t('decision.start'), description: t('decision.dateHint'), value: m.start, extraClass: 'schild-textbox--date', inputmode: 'numeric' });
    const end = formField({ id: `${p}-end`, name: `measures[${i}].end`, label: t('decision.end'), optional: true, description: t('decision.endHint'), value: m.end, extraClass: 'schild-textbox--date', inputmode: 'numeric' });
    const details = formField({ id: `${p}-details`, name: `measures[${i}].details`, kind: 'textarea', label: t('decision.details'), optional: true, value: m.details, rows: 2, maxlength: 2000 });
    type.control.addEventListener('change', () => {
      m.type = type.control.value;
      const info = allowed.find((x) => x.type === m.type);
      if (info?.typical_executor && !exec.control.value) { exec.control.value = info.typical_executor; m.executor_org = info.typical_executor; }
      syncPackage();
    });
    exec.control.addEventListener('change', () => { m.executor_org = exec.control.value; });
    start.control.addEventListener('input', () => { m.start = start.control.value; });
    end.control.addEventListener('input', () => { m.end = end.control.value; });
    details.control.addEventListener('input', () => { m.details = details.control.value; });
    const remove = button(t('decision.removeMeasure', { n: i + 1 }), { id: `${p}-remove`, on: { click: () => { d.measures.splice(i, 1); renderRows(); syncPackage(); addBtn.focus(); } } }, 'subtle');
    return h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-person schild-measure-row', id: p, 'data-field': p },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, t('decision.measureN', { n: i + 1 })),
      h('p', { class: 'utrecht-form-field-error-message', id: `${p}-error`, hidden: true }),
      h('div', { class: 'schild-person__grid' }, type.root, exec.root, start.root, end.root),
      details.root,
      m.object_id ? para(t('decision.forObject', { id: m.object_id })) : null,
      h('div', { class: 'utrecht-button-group' }, remove));
  }
  function addMeasure(type) {
    const info = allowed.find((x) => x.type === type) || null;
    d.measures.push(emptyMeasure(info, today()));
    renderRows();
    syncPackage();
    document.getElementById(`decision-measures-${d.measures.length - 1}-${type ? 'executor_org' : 'type'}`)?.focus();
  }
  addBtn.addEventListener('click', () => addMeasure(''));

  threat.control.addEventListener('change', () => { d.threat_level = threat.control.value; syncDeviation(); });
  resistance.control.addEventListener('change', () => { d.resistance_level = resistance.control.value; syncDeviation(); syncPackage(); });

  const text = (field, rows, opts = {}) => {
    const f = formField({ id: `decision-${field}`, name: field, kind: 'textarea', label: t(`decision.${field}`), description: opts.hint ? t(`decision.${field}Hint`) : null, optional: opts.optional, value: d[field], rows, maxlength: opts.max || 4000 });
    f.control.addEventListener('input', () => { d[field] = f.control.value; });
    return f;
  };
  deviation.control.addEventListener('input', () => { d.deviation_reasoning = deviation.control.value; });
  belowReason.control.addEventListener('input', () => { d.below_package_reason = belowReason.control.value; });
  const proportionality = text('proportionality', 6, { hint: true });
  const heard = radioGroup({
    id: 'decision-heard', name: 'heard', legend: t('decision.heard'), value: d.heard,
    options: [['yes', t('decision.heardYes')], ['no', t('decision.heardNo')]],
  });
  const tbpView = text('tbp_view', 4);
  const notHeard = text('tbp_not_heard_reason', 3);
  const syncHeard = () => { tbpView.root.hidden = d.heard !== 'yes'; notHeard.root.hidden = d.heard !== 'no'; };
  heard.addEventListener('change', () => { d.heard = heard.querySelector('input:checked')?.value || ''; syncHeard(); });
  const refusal = text('tbp_refusal', 3, { optional: true, hint: true });
  const legal = formField({ id: 'decision-legal_basis', name: 'legal_basis', label: t('decision.legal_basis'), description: t('decision.legal_basisHint'), value: d.legal_basis, maxlength: 500 });
  legal.control.addEventListener('input', () => { d.legal_basis = legal.control.value; });
  const review = formField({ id: 'decision-review_date', name: 'review_date', label: t('decision.review_date'), description: t('decision.review_dateHint', { days: cat.review_days_default ?? 90 }), value: d.review_date, extraClass: 'schild-textbox--date', inputmode: 'numeric' });
  review.control.addEventListener('input', () => { d.review_date = review.control.value; });
  const contact = formField({ id: 'decision-contact_person', name: 'contact_person', label: t('decision.contact_person'), description: t('decision.contact_personHint'), optional: true, value: d.contact_person, autocomplete: 'off', spellcheck: 'false' });
  contact.control.addEventListener('input', () => { d.contact_person = contact.control.value; });

  const submit = button(t('decision.submit'), { type: 'submit', id: 'decision-submit' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--wide', id: 'decision-form', novalidate: true, 'aria-labelledby': 'decision-title' },
    summaryHost,
    urgent.root,
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-group' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('decision.levelsLegend')),
      para(proposal ? t('decision.levelsAdopted') : t('decision.levelsOwn')),
      h('div', { class: 'schild-form-row' }, threat.root, resistance.root),
      deviation.root),
    measuresFs,
    packageHost,
    belowReason.root,
    proportionality.root,
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-group' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('decision.tbpLegend')),
      heard, tbpView.root, notHeard.root, refusal.root),
    legal.root,
    h('div', { class: 'schild-form-row' }, review.root, contact.root),
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  renderRows();
  syncDeviation();
  syncPackage();
  syncHeard();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = bodyOf(d, proposal, subject);
    body.version = c.version;
    const items = localCheck(d, body, missingTypes(), proposal);
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const made = await dapi.decide(c.id, body);
      drafts.delete(key);
      ctx.setFlash('ok', t('decision.done', { n: (made.measures || []).length }));
      ctx.navigate(`/zaken/${c.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'version_conflict') {
        const fresh = await api.getCase(c.id).catch(() => null);
        if (fresh) c.version = fresh.version;
      }
      if (err.code === 'below_package') {
        const missing = err.problem.missing || missingTypes();
        belowReason.root.hidden = false;
        showErrors({ form, prefix, summaryHost, items: [{ path: 'below_package_reason', text: t('decision.err.below_package', { missing: missing.map(measureLabel).join(', ') }) }] });
        return;
      }
      showFailure({
        err, form, prefix, summaryHost,
        special: {
          no_valid_assessment: t('decision.err.no_valid_assessment'),
          exclusivity: t('decision.err.exclusivity'),
          invalid_transition: t('decision.err.invalid_transition'),
          version_conflict: t('decision.err.version_conflict'),
        },
      });
    }
  });

  const noticeEl = noticeOpt ? notice(noticeOpt.type, noticeOpt.text, 'decision-notice') : null;
  clear(ctx.root).append(...[
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, link(`#/zaken/${c.id}`, t('case.title', { reference: c.reference || `#${c.id}` }))),
    heading(1, title, { id: 'decision-title' }),
    flagBadges(c.flags) ? h('p', { class: 'nl-paragraph schild-badges' }, flagBadges(c.flags)) : null,
    noticeEl,
    para(t('decision.intro')),
    h('div', { class: 'schild-decision-layout' },
      h('div', { class: 'schild-decision-layout__form' }, form),
      assessmentPanel(final, urgentBasis)),
  ].filter(Boolean));
}

function bodyOf(d, proposal, subject) {
  const body = {
    urgent: Boolean(d.urgent),
    measures: d.measures.map((m) => {
      const x = { type: m.type, executor_org: m.executor_org, start: m.start.trim() };
      if (m.end.trim()) x.end = m.end.trim();
      if (m.details.trim()) x.details = m.details.trim();
      if (m.object_id) x.object_id = m.object_id;
      return x;
    }),
    proportionality: d.proportionality.trim(),
    legal_basis: d.legal_basis.trim(),
    review_date: d.review_date.trim(),
  };
  if (d.threat_level) body.threat_level = Number(d.threat_level);
  if (d.resistance_level) body.resistance_level = Number(d.resistance_level);
  const deviates = proposal && ((proposal.threat_level && body.threat_level && body.threat_level !== proposal.threat_level)
    || (proposal.resistance_level && body.resistance_level && body.resistance_level !== proposal.resistance_level));
  if (deviates && d.deviation_reasoning.trim()) body.deviation_reasoning = d.deviation_reasoning.trim();
  if (d.heard === 'yes') body.tbp_view = d.tbp_view.trim();
  if (d.heard === 'no') body.tbp_not_heard_reason = d.tbp_not_heard_reason.trim();
  if (d.tbp_refusal.trim()) body.tbp_refusal = d.tbp_refusal.trim();
  if (d.below_package_reason.trim() && d.resistance_level && packageOf(subject, d.resistance_level).some((x) => !d.measures.some((m) => m.type === x))) {
    body.below_package_reason = d.below_package_reason.trim();
  }
  if (d.contact_person.trim()) body.contact_person = d.contact_person.trim();
  return body;
}

// What the form can tell before asking the server (the server checks everything again).
function localCheck(d, body, missing, proposal) {
  const items = [];
  body.measures.forEach((m, i) => {
    if (!m.type) items.push({ path: `measures[${i}].type`, kind: 'choose' });
    if (!m.executor_org) items.push({ path: `measures[${i}].executor_org`, kind: 'choose' });
    if (!m.start) items.push({ path: `measures[${i}].start`, kind: 'required' });
    else if (!isDate(m.start)) items.push({ path: `measures[${i}].start`, kind: 'date' });
    if (m.end && !isDate(m.end)) items.push({ path: `measures[${i}].end`, kind: 'date' });
    else if (m.end && isDate(m.start) && m.end < m.start) items.push({ path: `measures[${i}].end`, text: t('decision.err.endBeforeStart') });
  });
  if (!d.resistance_level && !proposal?.resistance_level) items.push({ path: 'resistance_level', kind: 'required' });
  const deviates = proposal && ((proposal.threat_level && body.threat_level && body.threat_level !== proposal.threat_level)
    || (proposal.resistance_level && body.resistance_level && body.resistance_level !== proposal.resistance_level));
  if (deviates && !d.deviation_reasoning.trim()) items.push({ path: 'deviation_reasoning', kind: 'required' });
  if (missing.length && !d.below_package_reason.trim()) {
    items.push({ path: 'below_package_reason', text: t('decision.err.below_package', { missing: missing.map(measureLabel).join(', ') }) });
  }
  if (!body.proportionality) items.push({ path: 'proportionality', kind: 'required' });
  if (!d.heard) items.push({ path: 'heard', kind: 'choose' });
  else if (d.heard === 'yes' && !body.tbp_view) items.push({ path: 'tbp_view', kind: 'required' });
  else if (d.heard === 'no' && !body.tbp_not_heard_reason) items.push({ path: 'tbp_not_heard_reason', kind: 'required' });
  if (!body.legal_basis) items.push({ path: 'legal_basis', kind: 'required' });
  if (!body.review_date) items.push({ path: 'review_date', kind: 'required' });
  else if (!isDate(body.review_date)) items.push({ path: 'review_date', kind: 'date' });
  else if (body.review_date <= today()) items.push({ path: 'review_date', text: t('decision.err.reviewPast') });
  return items;
}
