// Threat assessments: the list on the case page, the editor for analysts (draft, save, submit)
// and the review screen with the diff against the case's current final assessment, where a
// second analyst approves or rejects (four eyes: the author cannot approve their own).
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import {
  h, heading, para, link, table, clear, alertBox, formField, radioGroup, button, timeEl, dataSummary,
} from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs } from '../orgs.js';
import {
  PRODUCTS, GRADED_PRODUCTS, INDICATORS, INDICATOR_VALUES, CONCRETENESS, showFailure, notice, options,
  dateEl, orgText, userText, subjectLink,
} from '../daf.js';
import { newestFirst } from './information.js';

const STEPS = [1, 2, 3, 4, 5];
const RESISTANCE = [1, 2, 3, 4];
const NUMBER_FIELDS = ['seriousness', 'likelihood', 'intent', 'capability', 'threat_level', 'resistance_level'];

// ---------- small formatters ----------
function statusBadgeA(status) {
  return h('span', { class: ['utrecht-data-badge', 'schild-astatus', `schild-astatus--${status}`], 'data-status': status }, label('astatus', status));
}

function stepText(field, v) {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (field === 'seriousness') return `${v} – ${label('ernst', v)}`;
  if (field === 'likelihood') return `${v} – ${label('waarschijnlijkheid', v)}`;
  return String(v);
}

// One value of an assessment field as plain text (the diff shows before and after this way).
export function fieldValueText(field, v) {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (/^indicators\./.test(field || '')) return label('indicatorValue', v);
  switch (field) {
    case 'product': return label('product', v);
    case 'seriousness': case 'likelihood': return stepText(field, v);
    case 'concreteness': return label('concreteness', v);
    case 'status': return label('astatus', v);
    case 'indicators':
      if (typeof v !== 'object') return String(v);
      return Object.entries(v).map(([k, x]) => `${label('indicator', k)}: ${label('indicatorValue', x)}`).join('; ') || t('common.none');
    case 'signals': return Array.isArray(v) && v.length ? v.map((id) => t('assessment.signalRef', { id })).join(', ') : t('common.none');
    case 'actors': return Array.isArray(v) && v.length ? v.map((id) => t('assessment.actorRef', { id })).join(', ') : t('common.none');
    default:
      if (Array.isArray(v)) return v.length ? v.join(', ') : t('common.none');
      if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
      if (typeof v === 'object') return JSON.stringify(v);
      return String(v);
  }
}

// The API diffs indicators key by key ("indicators.fixation").
function fieldLabel(field) {
  const m = /^indicators\.(\w+)$/.exec(field || '');
  if (m) return `${t('afield.indicators')}: ${label('indicator', m[1])}`;
  return label('afield', field);
}

// ---------- the list on the case page ----------
export function assessmentsSection(ctx, c) {
  const body = h('div', { id: 'assessments-body' }, h('p', { class: 'nl-paragraph schild-loading', role: 'status' }, t('app.loading')));
  const section = h('section', { class: 'schild-section', 'aria-labelledby': 'sec-assessments', id: 'case-assessments' },
    heading(2, t('assessment.section'), { id: 'sec-assessments' }), body);
  (async () => {
    let data;
    try { data = await api.listAssessments(c.id); } catch (err) {
      if (!ctx.isCurrent() || err.status === 401) return;
      // roles that may not see assessments simply do not get the section
      if (err.status === 403 || err.status === 404) { section.remove(); return; }
      clear(body).append(alertBox('error', problemMessage(err), { role: 'alert' }));
      return;
    }
    if (!ctx.isCurrent() || !body.isConnected) return;
    const items = data.items || [];
    clear(body).append(...[
      items.length ? table({
        id: 'assessments-table', caption: t('assessment.section'), captionHidden: true,
        columns: [
          { title: t('assessment.product'), cell: (a) => link(`#/beoordelingen/${a.id}`, `${label('product', a.product)} #${a.id}`) },
          { title: t('col.status'), cell: (a) => [statusBadgeA(a.status), a.expired ? [' ', h('span', { class: 'utrecht-data-badge schild-badge--urgent' }, t('assessment.expired'))] : null] },
          { title: t('assessment.threatLevel'), cell: (a) => (a.threat_level ? String(a.threat_level) : t('common.none')) },
          { title: t('assessment.author'), cell: (a) => userText(a.author) },
          { title: t('assessment.validUntil'), cell: (a) => dateEl(a.valid_until) },
        ],
        rows: items,
      }) : para(t('assessment.none')),
      ctx.user.role === 'analyst' ? para(link(`#/zaken/${c.id}/dreigingsbeoordeling`, t('assessment.new'), { id: 'assessment-new' })) : null,
    ].filter(Boolean));
  })();
  return section;
}

// ---------- the editor ----------
const drafts = new Map();

function draftFromAssessment(a) {
  const d = {
    product: a?.product || '', concreteness: a?.concreteness || '', reasoning: a?.reasoning || '', vulnerabilities: a?.vulnerabilities || '',
    indicators: {}, signals: new Set(a?.signals || []), actors: new Set(a?.actors || []),
    measures: (a?.recommended_measures || []).join('\n'),
  };
  for (const k of NUMBER_FIELDS) d[k] = a && a[k] !== null && a[k] !== undefined ? String(a[k]) : '';
  // the proposal is kept only when the author gave one of their own
  if (a && a.threat_level_derived !== false) d.threat_level = '';
  for (const k of INDICATORS) d.indicators[k] = a?.indicators?.[k] || 'unknown';
  return d;
}

function notFound(ctx, text) {
  ctx.setTitle(t('assessment.notFound'));
  clear(ctx.root).append(heading(1, t('assessment.notFound')), alertBox('warning', text || t('errors.notFound')), para(link('#/zaken', t('nav.cases'))));
}

// #/zaken/{id}/dreigingsbeoordeling (new) and #/beoordelingen/{id}/bewerken (a draft).
export async function assessmentNewPage(ctx) { return editorPage(ctx, { caseId: ctx.params[0] }); }
export async function assessmentEditPage(ctx) { return editorPage(ctx, { assessmentId: ctx.params[0] }); }

async function editorPage(ctx, { caseId, assessmentId }) {
  let a = null;
  let c;
  let info;
  let settings;
  try {
    if (assessmentId) { a = await api.getAssessment(assessmentId); caseId = a.case_id; }
    [c, info, , settings] = await Promise.all([api.getCase(caseId), api.listSignals(caseId), loadOrgs(), api.dafSettings()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if (err.status === 404) { notFound(ctx); return; }
    ctx.setTitle(t('assessment.editTitle'));
    clear(ctx.root).append(heading(1, t('assessment.editTitle')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const key = a ? `a${a.id}` : `c${c.id}`;
  if (!drafts.has(key)) drafts.set(key, draftFromAssessment(a));
  renderEditor(ctx, { a, c, info, settings, d: drafts.get(key), key, flash: ctx.takeFlash() });
}

function renderEditor(ctx, { a, c, info, settings, d, key, flash, noticeOpt }) {
  const title = a ? t('assessment.editTitleN', { id: a.id }) : t('assessment.newTitle');
  ctx.setTitle(title);
  const prefix = 'assessment';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const editable = !a || ['draft', 'rejected'].includes(a.status);

  const product = formField({ id: 'assessment-product', name: 'product', kind: 'select', label: t('assessment.product'), description: t('assessment.productHint'), value: d.product, options: options('product', PRODUCTS, t('signal.choose')) });
  const stepGroup = (field, vocab) => radioGroup({
    id: `assessment-${field}`, name: field, legend: t(`assessment.${field}`), description: t(`assessment.${field}Hint`),
    options: [['', t('assessment.notGraded')], ...STEPS.map((s) => [String(s), `${s} – ${label(vocab, s)}`])], value: d[field],
  });
  const seriousness = stepGroup('seriousness', 'ernst');
  const likelihood = stepGroup('likelihood', 'waarschijnlijkheid');
  const numSelect = (field, values, choose, optLabel = (v) => String(v)) => formField({
    id: `assessment-${field}`, name: field, kind: 'select', label: t(`assessment.${field}`), description: t(`assessment.${field}Hint`), value: d[field],
    options: [['', choose], ...values.map((v) => [String(v), optLabel(v)])],
  });
  const intent = numSelect('intent', STEPS, t('assessment.notGraded'));
  const capability = numSelect('capability', STEPS, t('assessment.notGraded'));
  const threat = numSelect('threat_level', STEPS, t('assessment.byMatrix'), (v) => t('assessment.level', { n: v }));
  const resistance = numSelect('resistance_level', RESISTANCE, t('assessment.notGraded'), (v) => t('assessment.resistance', { n: v }));
  const concreteness = radioGroup({ id: 'assessment-concreteness', name: 'concreteness', legend: t('assessment.concreteness'), options: options('concreteness', CONCRETENESS), value: d.concreteness });
  const reasoning = formField({ id: 'assessment-reasoning', name: 'reasoning', kind: 'textarea', label: t('assessment.reasoning'), description: t('assessment.reasoningHint'), value: d.reasoning, rows: 8, maxlength: 4000 });
  const vulnerabilities = formField({ id: 'assessment-vulnerabilities', name: 'vulnerabilities', kind: 'textarea', label: t('assessment.vulnerabilities'), optional: true, value: d.vulnerabilities, rows: 4, maxlength: 4000 });
  const measures = formField({ id: 'assessment-recommended_measures', name: 'recommended_measures', kind: 'textarea', label: t('assessment.measures'), description: t('assessment.measuresHint'), optional: true, value: d.measures, rows: 3 });

  const watch = (ctl, k) => ctl.addEventListener(ctl.tagName === 'SELECT' ? 'change' : 'input', () => { d[k] = ctl.value; });
  watch(product.control, 'product');
  for (const [ff, k] of [[intent, 'intent'], [capability, 'capability'], [threat, 'threat_level'], [resistance, 'resistance_level']]) watch(ff.control, k);
  watch(reasoning.control, 'reasoning');
  watch(vulnerabilities.control, 'vulnerabilities');
  watch(measures.control, 'measures');
  for (const [fs, k] of [[seriousness, 'seriousness'], [likelihood, 'likelihood'], [concreteness, 'concreteness']]) {
    fs.addEventListener('change', () => { d[k] = fs.querySelector('input:checked')?.value || ''; });
  }

  // The level the configured matrix gives for the chosen steps, updated while the analyst
  // chooses; a proposed level that departs from it is flagged (the reasoning must explain it).
  const matrix = h('div', { class: 'schild-matrix', id: 'assessment-matrix', 'aria-live': 'polite' });
  const showMatrix = () => {
    const level = settings && d.seriousness && d.likelihood ? settings.threat_matrix[d.seriousness - 1]?.[d.likelihood - 1] : null;
    clear(matrix).append(
      level ? para(h('strong', {}, `${t('assessment.matrixLevel')}: `), h('span', { id: 'assessment-matrix-level' }, t('assessment.level', { n: level })))
        : para(t('assessment.matrixAfterSave')),
      level && d.threat_level && Number(d.threat_level) !== level ? alertBox('warning', t('assessment.differsFromMatrix', { level: d.threat_level, matrix: level })) : '');
  };
  showMatrix();
  for (const fs of [seriousness, likelihood]) fs.addEventListener('change', showMatrix);
  threat.control.addEventListener('change', showMatrix);

  const indicatorsFs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced schild-indicators',
    id: 'assessment-indicators', 'data-field': 'assessment-indicators', 'aria-describedby': 'assessment-indicators-desc',
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('assessment.indicators')),
  h('div', { class: 'utrecht-form-field-description', id: 'assessment-indicators-desc' }, t('assessment.indicatorsHint')),
  h('p', { class: 'utrecht-form-field-error-message', id: 'assessment-indicators-error', hidden: true }),
  h('div', { class: 'schild-indicator-grid' }, INDICATORS.map((k) => {
    const g = radioGroup({ id: `assessment-indicator-${k}`, name: `indicator-${k}`, legend: label('indicator', k), options: options('indicatorValue', INDICATOR_VALUES), value: d.indicators[k] });
    g.classList.add('schild-indicator');
    g.addEventListener('change', () => { d.indicators[k] = g.querySelector('input:checked')?.value || 'unknown'; });
    return g;
  })));

  const readable = (info.items || []).filter((s) => !s.restricted).sort(newestFirst);
  const checklist = (id, legendText, hint, rows, selected, text) => h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced',
    id, 'data-field': id,
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, legendText, h('span', { class: 'schild-optional' }, ` ${t('common.optional')}`)),
  hint ? h('div', { class: 'utrecht-form-field-description' }, hint) : null,
  h('p', { class: 'utrecht-form-field-error-message', id: `${id}-error`, hidden: true }),
  rows.length ? h('div', { class: 'schild-checklist' }, rows.map((r) => {
    const box = formField({ id: `${id}-${r.id}`, name: id, kind: 'checkbox', label: text(r), value: selected.has(r.id) });
    box.control.addEventListener('change', () => { if (box.control.checked) selected.add(r.id); else selected.delete(r.id); });
    return box.root;
  })) : para(t('assessment.nothingToChoose')));
  const signalsFs = checklist('assessment-signals', t('assessment.signals'), t('assessment.signalsHint'), readable, d.signals,
    (s) => `${s.received_at} · ${orgText(s.source_org)} · ${s.source_grade}${s.info_grade} ${s.handling} · ${String(s.text || '').slice(0, 90)}${String(s.text || '').length > 90 ? '…' : ''}`);
  const actorsFs = checklist('assessment-actors', t('assessment.actors'), null, info.actors || [], d.actors, (x) => `${x.name} (${label('actorKind', x.kind)})`);

  const save = button(t('assessment.save'), { type: 'submit', id: 'assessment-save' }, 'secondary');
  const submitBtn = button(t('assessment.saveSubmit'), { id: 'assessment-submit' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--wide', id: 'assessment-form', novalidate: true, 'aria-labelledby': 'assessment-title' },
    summaryHost,
    product.root,
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-group' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('assessment.grading')),
      para(t('assessment.gradingHint')),
      seriousness, likelihood,
      h('div', { class: 'schild-form-row' }, intent.root, capability.root),
      concreteness,
      h('div', { class: 'schild-form-row' }, threat.root, resistance.root),
      matrix),
    reasoning.root, vulnerabilities.root,
    indicatorsFs, signalsFs, actorsFs, measures.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, save, submitBtn));

  const collect = () => {
    const body = {
      product: product.control.value, reasoning: reasoning.control.value.trim(),
      concreteness: concreteness.querySelector('input:checked')?.value || undefined,
      vulnerabilities: vulnerabilities.control.value.trim(),
      indicators: { ...d.indicators },
      signals: [...d.signals], actors: [...d.actors],
      recommended_measures: measures.control.value.split(/[\n,]/).map((x) => x.trim()).filter(Boolean),
    };
    const nums = {
      seriousness: seriousness.querySelector('input:checked')?.value || '', likelihood: likelihood.querySelector('input:checked')?.value || '',
      intent: intent.control.value, capability: capability.control.value, threat_level: threat.control.value, resistance_level: resistance.control.value,
    };
    for (const [k, v] of Object.entries(nums)) if (v) body[k] = Number(v);
    if (!body.concreteness) delete body.concreteness;
    return body;
  };
  const check = (body) => {
    const items = [];
    if (!body.product) items.push({ path: 'product', kind: 'required' });
    if (GRADED_PRODUCTS.includes(body.product)) {
      if (!body.seriousness) items.push({ path: 'seriousness', kind: 'required' });
      if (!body.likelihood) items.push({ path: 'likelihood', kind: 'required' });
    }
    if (!body.reasoning) items.push({ path: 'reasoning', kind: 'required' });
    return items;
  };

  // Saves the draft; answers the saved assessment, or null when it failed (errors shown).
  const saveDraft = async () => {
    clearErrors(form, summaryHost);
    const body = collect();
    const items = check(body);
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return null; }
    try {
      if (!a) return await api.createAssessment(c.id, body);
      return await api.updateAssessment(a.id, { ...body, version: a.version });
    } catch (err) {
      if (err.status === 401) return null;
      const special = { version_conflict: t('assessment.conflict'), invalid_transition: t('assessment.notEditable') };
      // creating: the product is not one this organisation may author; editing: not the author
      if (err.status === 403) special[err.code] = a ? t('assessment.notEditable') : t('assessment.productNotAllowed');
      showFailure({ err, form, prefix, summaryHost, special });
      return null;
    }
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true; submitBtn.disabled = true;
    const saved = await saveDraft();
    save.disabled = false; submitBtn.disabled = false;
    if (!saved) return;
    drafts.delete(key);
    if (!a) {
      drafts.set(`a${saved.id}`, draftFromAssessment(saved));
      ctx.setFlash('ok', t('assessment.saved'));
      ctx.navigate(`/beoordelingen/${saved.id}/bewerken`);
      return;
    }
    drafts.set(key, draftFromAssessment(saved));
    renderEditor(ctx, { a: saved, c, info, d: drafts.get(key), key, noticeOpt: { type: 'ok', text: t('assessment.saved') } });
  });

  submitBtn.addEventListener('click', async () => {
    save.disabled = true; submitBtn.disabled = true;
    const saved = await saveDraft();
    if (!saved) { save.disabled = false; submitBtn.disabled = false; return; }
    try {
      await api.assessmentAction(saved.id, 'submit', { version: saved.version });
      drafts.delete(key);
      drafts.delete(`a${saved.id}`);
      ctx.setFlash('ok', t('assessment.submitted'));
      ctx.navigate(`/beoordelingen/${saved.id}`);
    } catch (err) {
      save.disabled = false; submitBtn.disabled = false;
      if (err.status === 401) return;
      drafts.set(`a${saved.id}`, draftFromAssessment(saved));
      if (!a) { ctx.setFlash('warning', problemMessage(err)); ctx.navigate(`/beoordelingen/${saved.id}/bewerken`); return; }
      showFailure({ err, form, prefix, summaryHost });
    }
  });

  const noticeEl = noticeOpt ? notice(noticeOpt.type, noticeOpt.text, 'assessment-notice') : null;
  clear(ctx.root).append(...[
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, link(`#/zaken/${c.id}`, t('case.title', { reference: c.reference || `#${c.id}` }))),
    heading(1, title, { id: 'assessment-title' }),
    a ? h('p', { class: 'nl-paragraph schild-badges' }, statusBadgeA(a.status)) : null,
    flash, noticeEl,
    a && a.status === 'rejected' && a.review_comment ? alertBox('warning', [para(h('strong', {}, `${t('assessment.rejectedBy', { who: a.reviewer?.username || '' })}: `)), h('p', { class: 'nl-paragraph schild-multiline', id: 'assessment-review-comment' }, a.review_comment)]) : null,
    editable ? para(t('assessment.editIntro')) : alertBox('info', t('assessment.notEditable')),
    editable ? form : para(link(`#/beoordelingen/${a.id}`, t('assessment.toReview'))),
    a ? para(link(`#/beoordelingen/${a.id}`, t('assessment.toReview'), { id: 'assessment-view' })) : null,
  ].filter(Boolean));
  if (noticeEl) noticeEl.focus();
}

// ---------- the review screen ----------
export async function assessmentPage(ctx) {
  let a;
  try {
    [a] = await Promise.all([api.getAssessment(ctx.params[0]), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if (err.status === 404 || err.status === 403) { notFound(ctx); return; }
    ctx.setTitle(t('assessment.notFound'));
    clear(ctx.root).append(heading(1, t('assessment.viewTitle', { product: '', id: ctx.params[0] })), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  renderReview(ctx, a, { flash: ctx.takeFlash() });
}

function diffTable(a) {
  const diff = a.diff || [];
  if (!a.diff_against) return [para(t('assessment.diffNoPrevious'))];
  const intro = para(t('assessment.diffAgainst', { id: a.diff_against }), ' ', link(`#/beoordelingen/${a.diff_against}`, t('assessment.viewPrevious')));
  if (!diff.length) return [intro, para(t('assessment.diffNone'))];
  return [intro, table({
    id: 'assessment-diff', caption: t('assessment.diff'), captionHidden: true,
    columns: [
      { title: t('assessment.diffField'), cell: (x) => fieldLabel(x.field) },
      { title: t('assessment.diffBefore'), class: 'schild-diff-before', cell: (x) => h('span', { class: 'schild-multiline' }, fieldValueText(x.field, x.before)) },
      { title: t('assessment.diffAfter'), class: 'schild-diff-after', cell: (x) => h('span', { class: 'schild-multiline' }, fieldValueText(x.field, x.after)) },
    ],
    rows: diff,
  })];
}

function renderReview(ctx, a, opts = {}) {
  const title = t('assessment.viewTitle', { product: label('product', a.product), id: a.id });
  ctx.setTitle(title);
  const user = ctx.user;
  const isAuthor = a.author && a.author.username === user.username;
  const parts = [
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, link(`#/zaken/${a.case_id}`, t('case.title', { reference: a.case_reference || `#${a.case_id}` }))),
    heading(1, title, { id: 'assessment-title' }),
    h('p', { class: 'nl-paragraph schild-badges' }, h('span', { class: 'rhc-visually-hidden' }, `${t('col.status')}: `), statusBadgeA(a.status),
      a.expired ? [' ', h('span', { class: 'utrecht-data-badge schild-badge--urgent' }, t('assessment.expired'))] : null),
  ];
  let noticeEl = null;
  if (opts.notice) { noticeEl = notice(opts.notice.type, opts.notice.text, 'assessment-notice'); parts.push(noticeEl); }
  if (opts.flash) parts.push(opts.flash);
  if (a.status === 'rejected' && a.review_comment) {
    parts.push(alertBox('warning', [para(h('strong', {}, `${t('assessment.rejectedBy', { who: a.reviewer?.username || '' })}:`)), h('p', { class: 'nl-paragraph schild-multiline', id: 'assessment-review-comment' }, a.review_comment)]));
  }
  if (a.status === 'submitted' && isAuthor) parts.push(alertBox('info', t('assessment.ownNoApprove'), { id: 'review-own' }));
  if (a.threat_level_derived === false) {
    parts.push(alertBox('warning', t('assessment.differsFromMatrix', { level: a.threat_level, matrix: a.matrix_threat_level ?? t('common.none') }), { id: 'assessment-differs' }));
  }

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-assessment' },
    heading(2, t('assessment.content'), { id: 'sec-assessment' }),
    dataSummary([
      [t('assessment.product'), label('product', a.product)],
      [t('col.status'), h('span', { id: 'assessment-status' }, label('astatus', a.status))],
      [t('assessment.seriousness'), stepText('seriousness', a.seriousness)],
      [t('assessment.likelihood'), stepText('likelihood', a.likelihood)],
      [t('assessment.intent'), a.intent ?? ''],
      [t('assessment.capability'), a.capability ?? ''],
      [t('assessment.concreteness'), a.concreteness ? label('concreteness', a.concreteness) : ''],
      [t('assessment.threat_level'), h('span', { id: 'assessment-threat-level' }, a.threat_level ? t('assessment.level', { n: a.threat_level }) : t('common.none'))],
      [t('assessment.matrixLevel'), a.matrix_threat_level ? t('assessment.level', { n: a.matrix_threat_level }) : ''],
      [t('assessment.resistance_level'), a.resistance_level ? t('assessment.resistance', { n: a.resistance_level }) : ''],
      [t('assessment.reasoning'), a.reasoning || '', { multiline: true }],
      [t('assessment.vulnerabilities'), a.vulnerabilities || '', { multiline: true }],
      [t('assessment.signals'), a.signals && a.signals.length ? a.signals.map((id, i) => [i ? ', ' : '', link(`#/zaken/${a.case_id}?signaal=${id}`, t('assessment.signalRef', { id }))]) : ''],
      [t('assessment.actors'), a.actors && a.actors.length ? a.actors.map((id, i) => [i ? ', ' : '', subjectLink({ kind: 'actor', id, label: t('assessment.actorRef', { id }) })]) : ''],
      [t('assessment.measures'), (a.recommended_measures || []).join(', ')],
      [t('assessment.author'), userText(a.author)],
      [t('assessment.createdAt'), timeEl(a.created_at)],
      [t('assessment.submittedAt'), a.submitted_at ? timeEl(a.submitted_at) : ''],
      [t('assessment.reviewer'), a.reviewer ? a.reviewer.username : ''],
      [t('assessment.reviewedAt'), a.reviewed_at ? timeEl(a.reviewed_at) : ''],
      [t('assessment.validUntil'), a.valid_until ? h('span', { id: 'assessment-valid-until' }, dateEl(a.valid_until)) : ''],
    ])));

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-indicators' },
    heading(2, t('assessment.indicators'), { id: 'sec-indicators' }),
    para(t('assessment.template', { template: a.indicator_template || 'warning-behaviour-v1' })),
    table({
      id: 'assessment-indicator-table', caption: t('assessment.indicators'), captionHidden: true,
      columns: [
        { title: t('assessment.indicator'), cell: (k) => label('indicator', k) },
        { title: t('assessment.indicatorValue'), cell: (k) => label('indicatorValue', (a.indicators || {})[k] || 'unknown') },
      ],
      rows: INDICATORS,
    })));

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-diff' },
    heading(2, t('assessment.diff'), { id: 'sec-diff' }), ...diffTable(a)));

  if (a.status === 'submitted' && !isAuthor && user.role === 'analyst') parts.push(reviewForm(ctx, a));
  if (isAuthor && ['draft', 'rejected'].includes(a.status)) {
    parts.push(h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-author' },
      heading(2, t('assessment.authorActions'), { id: 'sec-author' }),
      para(link(`#/beoordelingen/${a.id}/bewerken`, t('assessment.edit'), { id: 'assessment-edit' })),
      submitPanel(ctx, a)));
  }
  clear(ctx.root).append(...parts.filter(Boolean));
  if (noticeEl) noticeEl.focus();
}

async function reloadReview(ctx, id, noticeOpt) {
  let fresh;
  try { fresh = await api.getAssessment(id); } catch (err) {
    if (err.status === 401) return;
    if (err.status === 404) { notFound(ctx); return; }
    clear(ctx.root).append(alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  renderReview(ctx, fresh, { notice: noticeOpt });
}

function submitPanel(ctx, a) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const submit = button(t('assessment.submit'), { id: 'assessment-submit-now' }, 'primary');
  submit.addEventListener('click', async () => {
    submit.disabled = true;
    try {
      await api.assessmentAction(a.id, 'submit', { version: a.version });
      await reloadReview(ctx, a.id, { type: 'ok', text: t('assessment.submitted') });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showFailure({ err, form: summaryHost, prefix: 'assessment', summaryHost, special: { version_conflict: t('assessment.conflict'), invalid_transition: t('assessment.notEditable') } });
    }
  });
  return h('div', {}, summaryHost, h('div', { class: 'utrecht-button-group' }, submit));
}

function reviewForm(ctx, a) {
  const prefix = 'review';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const comment = formField({ id: 'review-comment', name: 'comment', kind: 'textarea', label: t('assessment.reviewComment'), description: t('assessment.reviewCommentHint'), rows: 4, maxlength: 4000 });
  const approve = button(t('assessment.approve'), { type: 'submit', id: 'review-approve' }, 'primary');
  const reject = button(t('assessment.reject'), { id: 'review-reject' }, 'secondary');
  const form = h('form', { class: 'schild-form', id: 'review-form', novalidate: true, 'aria-labelledby': 'sec-review' },
    summaryHost, comment.root, h('div', { class: 'utrecht-button-group schild-actions' }, approve, reject));
  const special = {
    version_conflict: t('assessment.conflict'),
    invalid_transition: t('assessment.reviewGone'),
  };
  const act = async (action) => {
    clearErrors(form, summaryHost);
    const text = comment.control.value.trim();
    if (action === 'reject' && !text) { showErrors({ form, prefix, summaryHost, items: [{ path: 'comment', kind: 'required' }] }); return; }
    approve.disabled = true; reject.disabled = true;
    try {
      const body = { version: a.version };
      if (text) body.comment = text;
      const done = await api.assessmentAction(a.id, action, body);
      await reloadReview(ctx, a.id, {
        type: 'ok',
        text: action === 'approve' ? t('assessment.approved') : t('assessment.rejected'),
      });
    } catch (err) {
      approve.disabled = false; reject.disabled = false;
      if (err.status === 401) return;
      if (err.status === 403) { showFailure({ err, form, prefix, summaryHost, special: { [err.code]: t('assessment.cannotApprove') } }); return; }
      showFailure({ err, form, prefix, summaryHost, special });
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); act('approve'); });
  reject.addEventListener('click', () => act('reject'));
  return h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-review' },
    heading(2, t('assessment.review'), { id: 'sec-review' }),
    para(t('assessment.reviewIntro')),
    form);
}
