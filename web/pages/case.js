// The case page: data, persons, team, timeline; the triage form for triage officers and the
// information form for a referrer whose case awaits information.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import {
  h, heading, para, link, table, clear, alertBox, timeEl, formatDate, personName, orgName,
  statusBadge, urgentBadge, awaitingBadge, dataSummary, formField, radioGroup, button, formatDateTime,
} from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs, orgLabel } from '../orgs.js';
import { informationSection } from './information.js';
import { assessmentsSection } from './assessment.js';
import { decisionsSection } from './decision.js';
import { flagBadges } from '../measures.js';
import { BREAK_GLASS_ROLES, breakGlassSection } from './breakglass.js';

const OUTCOMES = ['national', 'local', 'no_measures', 'more_information'];
const DISTRICTS = ['amsterdam', 'den-haag', 'gelderland', 'limburg', 'midden-nederland', 'noord-holland',
  'noord-nederland', 'oost-brabant', 'overijssel', 'rotterdam', 'zeeland-west-brabant'];

function actorText(actor) {
  if (!actor) return '';
  if (typeof actor === 'string') return actor;
  const org = actor.org && typeof actor.org === 'object' ? orgName(actor.org) : orgLabel(actor.org);
  return [actor.display_name || actor.username, org ? `(${org})` : null].filter(Boolean).join(' ');
}

export function timeline(events, { caseLinks = false, emptyText }) {
  if (!events || !events.length) return para(emptyText);
  return h('ol', { class: 'schild-timeline' },
    events.map((ev) => h('li', { class: 'schild-timeline__item' },
      h('p', { class: 'nl-paragraph schild-timeline__head' },
        timeEl(ev.at), ' — ',
        h('strong', { class: 'schild-timeline__event' }, label('event', ev.event)),
        caseLinks && ev.case_id ? [' · ', link(`#/zaken/${ev.case_id}`, ev.case_reference || `#${ev.case_id}`)] : null,
        ev.actor ? h('span', { class: 'schild-timeline__actor' }, ` ${t('case.by', { actor: actorText(ev.actor) })}`) : null),
      ev.text ? h('p', { class: 'nl-paragraph schild-timeline__text schild-multiline' }, ev.text) : null)));
}

// Not found, or not visible: the same answer. Roles that work on cases may break the glass here.
function notFound(ctx) {
  ctx.setTitle(t('case.notFound'));
  const id = ctx.params[0];
  const glass = id && BREAK_GLASS_ROLES.includes(ctx.user.role)
    ? breakGlassSection(ctx, id, async () => { await ctx.refreshSession?.(); ctx.navigate(`/zaken/${id}`); }) : null;
  clear(ctx.root).append(...[heading(1, t('case.notFound')), alertBox('warning', t('case.notFoundText')),
    para(link('#/zaken', t('nav.cases'))), glass].filter(Boolean));
}

export async function casePage(ctx) {
  const id = ctx.params[0];
  let c;
  try {
    [c] = await Promise.all([api.getCase(id), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    if (err.status === 404) { notFound(ctx); return; }
    clear(ctx.root).append(heading(1, t('case.notFound')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  show(ctx, c, { flash: ctx.takeFlash() });
}

// Renders the case. opts: flash (node), notice {type, text} (focused), drafts {triage, info}.
function show(ctx, c, opts = {}) {
  const title = t('case.title', { reference: c.reference || `#${c.id}` });
  ctx.setTitle(title);
  const user = ctx.user;
  const parts = [];
  parts.push(h('div', { class: 'schild-case-head' },
    heading(1, title, { id: 'case-title' }),
    h('p', { class: 'nl-paragraph schild-badges' },
      h('span', { class: 'rhc-visually-hidden' }, `${t('case.status')}: `),
      statusBadge(c.status), c.urgent ? [' ', urgentBadge()] : null, c.awaiting_information ? [' ', awaitingBadge()] : null,
      c.flags && c.flags.length ? [' ', h('span', { id: 'case-flags' }, flagBadges(c.flags))] : null)));
  let noticeEl = null;
  if (opts.notice) {
    noticeEl = alertBox(opts.notice.type, opts.notice.text, { role: opts.notice.type === 'ok' ? 'status' : 'alert', focusable: true, class: 'schild-notice', id: 'case-notice' });
    parts.push(noticeEl);
  }
  if (opts.flash) parts.push(opts.flash);
  if (c.break_glass) {
    parts.push(alertBox('warning', t('bg.caseNotice', { end: formatDateTime(c.break_glass.expires_at) }), { id: 'case-break-glass' }));
  }
  if (user.role === 'privacy_officer') {
    parts.push(para(link(`#/toezicht/raadplegingen?object_type=case&object_id=${c.id}`, t('ov.access.forCase'), { id: 'case-access-log' })));
  }
  if (c.urgent) parts.push(alertBox('warning', t('case.urgentAlert')));
  if (c.awaiting_information) {
    parts.push(alertBox('info', [
      para(t('case.awaiting')),
      c.information_request ? h('p', { class: 'nl-paragraph' }, h('strong', {}, `${t('case.question')}: `), h('span', { class: 'schild-multiline', id: 'information-request' }, c.information_request)) : null,
    ]));
  }

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-details' },
    heading(2, t('case.details'), { id: 'sec-details' }),
    dataSummary([
      [t('case.status'), h('span', { id: 'case-status' }, label('status', c.status))],
      [t('case.domain'), h('span', { id: 'case-domain' }, c.domain ? label('domain', c.domain) : t('domain.none'))],
      [t('case.authority'), h('span', { id: 'case-authority' }, c.authority ? (c.authority.name || c.authority.org || c.authority.code || t('common.none')) : t('domain.none'))],
      [t('case.phenomenon'), label('phenomenon', c.phenomenon)],
      c.object ? [t('objects.object'), link(`#/objecten/${c.object.id}`, c.object.name || `#${c.object.id}`, { id: 'case-object' })] : null,
      c.service ? [t('objects.service'), link(`#/diensten/${c.service.id}`, c.service.name || `#${c.service.id}`, { id: 'case-service' })] : null,
      [t('case.urgent'), c.urgent ? t('common.yes') : t('common.no')],
      [t('case.referringOrg'), orgName(c.referring_org)],
      [t('case.created'), timeEl(c.created_at)],
      [t('case.updated'), timeEl(c.updated_at)],
      [t('case.summary'), h('span', { id: 'case-summary' }, c.summary || ''), { multiline: true }],
      [t('case.sourceDetails'), c.source_details ? h('span', { id: 'case-source' }, c.source_details) : '', { multiline: true }],
    ])));

  if (c.triage) {
    const tr = c.triage;
    parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-triage' },
      heading(2, t('case.triage'), { id: 'sec-triage' }),
      dataSummary([
        [t('case.triageOutcome'), label('outcome', tr.outcome)],
        tr.district ? [t('case.triageDistrict'), label('district', tr.district)] : null,
        [t('case.triageReasoning'), tr.reasoning || '', { multiline: true }],
        [t('case.triageAt'), timeEl(tr.at)],
        [t('case.triageBy'), actorText(tr.by)],
      ])));
  }

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-persons' },
    heading(2, t('case.persons'), { id: 'sec-persons' }),
    c.persons && c.persons.length ? table({
      id: 'persons-table', caption: t('case.persons'), captionHidden: true,
      columns: [
        { title: t('col.name'), cell: (p) => link(`#/personen/${p.id}`, personName(p) || `#${p.id}`) },
        { title: t('col.dob'), cell: (p) => (p.date_of_birth ? h('time', { datetime: p.date_of_birth }, formatDate(p.date_of_birth)) : t('common.none')) },
        { title: t('col.function'), cell: (p) => p.function || t('common.none') },
      ],
      rows: c.persons,
    }) : para(t('case.noPersons'))));

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-team' },
    heading(2, t('case.team'), { id: 'sec-team' }),
    c.team && c.team.length ? table({
      id: 'team-table', caption: t('case.team'), captionHidden: true,
      columns: [
        { title: t('col.org'), cell: (m) => m.name || m.org || t('common.none') },
        { title: t('col.membership'), cell: (m) => label('membership', m.membership) },
      ],
      rows: c.team,
    }) : para(t('case.noTeam'))));

  // threat information and assessments (docs/DAF.md), loaded on their own after the case
  parts.push(informationSection(ctx, c, { focusSignal: opts.notice ? null : ctx.query.get('signaal') }));
  parts.push(assessmentsSection(ctx, c));
  parts.push(decisionsSection(ctx, c));

  if (user.role === 'triage' && c.status === 'referred') parts.push(triageForm(ctx, c, opts.drafts?.triage));
  if (user.role === 'referrer' && c.awaiting_information) parts.push(infoForm(ctx, c, opts.drafts?.info));

  parts.push(h('section', { class: 'schild-section', 'aria-labelledby': 'sec-timeline' },
    heading(2, t('case.timeline'), { id: 'sec-timeline' }),
    h('div', { id: 'case-timeline' }, timeline(c.timeline, { emptyText: t('case.noTimeline') }))));

  clear(ctx.root).append(...parts.filter(Boolean));
  ctx.focusTarget = noticeEl;
  return noticeEl;
}

// Reloads the case after a conflict and shows it with a notice, keeping the user's input.
async function reloadWithNotice(ctx, id, notice, drafts) {
  let fresh;
  try { fresh = await api.getCase(id); } catch (err) {
    if (err.status === 404) { notFound(ctx); return; }
    throw err;
  }
  const el = show(ctx, fresh, { notice, drafts });
  el?.focus();
}

function triageForm(ctx, c, draft = {}) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const outcome = radioGroup({
    id: 'triage-outcome', name: 'outcome', legend: t('triage.outcome'),
    options: OUTCOMES.map((o) => [o, label('outcome', o)]), value: draft.outcome || '',
  });
  const district = formField({
    id: 'triage-district', name: 'district', kind: 'select', label: t('triage.district'),
    description: t('triage.districtHint'), value: draft.district || '',
    options: [['', t('triage.districtChoose')], ...DISTRICTS.map((d) => [d, label('district', d)])],
  });
  const reasoning = formField({
    id: 'triage-reasoning', name: 'reasoning', kind: 'textarea', label: t('triage.reasoning'),
    description: t('triage.reasoningHint'), value: draft.reasoning || '', rows: 6, maxlength: 4000,
  });
  const version = h('input', { type: 'hidden', name: 'version', value: String(c.version) });
  const submit = button(t('triage.submit'), { type: 'submit', id: 'triage-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'triage-form', novalidate: true, 'aria-labelledby': 'sec-triage-form' },
    summaryHost, outcome, district.root, reasoning.root, version,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  const chosen = () => form.querySelector('input[name="outcome"]:checked')?.value || '';
  const syncDistrict = () => { district.root.hidden = chosen() !== 'local'; };
  syncDistrict();
  outcome.addEventListener('change', syncDistrict);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = { outcome: chosen(), reasoning: reasoning.control.value.trim(), version: Number(version.value) };
    if (body.outcome === 'local') body.district = district.control.value;
    const items = [];
    if (!body.outcome) items.push({ path: 'outcome', kind: 'required' });
    if (body.outcome === 'local' && !body.district) items.push({ path: 'district', kind: 'required' });
    if (!body.reasoning) items.push({ path: 'reasoning', kind: 'required' });
    if (items.length) { showErrors({ form, prefix: 'triage', summaryHost, items }); return; }
    const draftNow = { outcome: body.outcome, district: district.control.value, reasoning: reasoning.control.value };
    submit.disabled = true;
    try {
      const updated = await api.triage(c.id, body);
      const el = show(ctx, updated, { notice: { type: 'ok', text: t('triage.done') } });
      el?.focus();
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'version_conflict') {
        await reloadWithNotice(ctx, c.id, { type: 'warning', text: t('triage.conflict') }, { triage: draftNow });
      } else if (err.code === 'invalid_transition') {
        await reloadWithNotice(ctx, c.id, { type: 'warning', text: t('triage.invalidTransition') }, {});
      } else if (err.status === 422 || err.code === 'unknown_field') {
        const errs = err.errors.length ? err.errors : [{ field: 'reasoning', message: err.problem.detail }];
        showErrors({ form, prefix: 'triage', summaryHost, items: errs.map((x) => ({ path: x.field, message: x.message })) });
      } else {
        clear(summaryHost).append(alertBox('error', problemMessage(err), { role: 'alert', focusable: true, class: 'schild-error-summary' }));
        summaryHost.firstChild.focus();
      }
    }
  });

  return h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-triage-form' },
    heading(2, t('triage.title'), { id: 'sec-triage-form' }),
    para(t('triage.intro')),
    form);
}

function infoForm(ctx, c, draft = {}) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const text = formField({ id: 'info-text', name: 'text', kind: 'textarea', label: t('info.text'), value: draft.text || '', rows: 6, maxlength: 4000 });
  const submit = button(t('info.submit'), { type: 'submit', id: 'info-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'info-form', novalidate: true, 'aria-labelledby': 'sec-info-form' },
    summaryHost, text.root, h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const value = text.control.value.trim();
    if (!value) { showErrors({ form, prefix: 'info', summaryHost, items: [{ path: 'text', kind: 'required' }] }); return; }
    submit.disabled = true;
    try {
      const updated = await api.supplyInformation(c.id, { text: value, version: c.version });
      const el = show(ctx, updated, { notice: { type: 'ok', text: t('info.done') } });
      el?.focus();
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'version_conflict') {
        await reloadWithNotice(ctx, c.id, { type: 'warning', text: t('info.conflict') }, { info: { text: text.control.value } });
      } else if (err.status === 422) {
        const errs = err.errors.length ? err.errors : [{ field: 'text', message: err.problem.detail }];
        showErrors({ form, prefix: 'info', summaryHost, items: errs.map((x) => ({ path: x.field, message: x.message })) });
      } else {
        clear(summaryHost).append(alertBox('error', problemMessage(err), { role: 'alert', focusable: true, class: 'schild-error-summary' }));
        summaryHost.firstChild.focus();
      }
    }
  });
  return h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-info-form' },
    heading(2, t('info.title'), { id: 'sec-info-form' }),
    para(t('info.intro')),
    form);
}
