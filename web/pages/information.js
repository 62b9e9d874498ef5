// The case's threat information ("Informatie"): its signals newest first, stubs of what the user
// may not read (with a request for release), the linked actors, notifications about actors, and
// the form to record a signal. The section loads on its own so that the case shows at once.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import {
  h, append, heading, para, clear, alertBox, formField, radioGroup, button, link,
} from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs, orgList, orgLabel } from '../orgs.js';
import {
  SOURCE_GRADES, INFO_GRADES, HANDLINGS, COMPARTMENTS, CONCRETENESS, ACTOR_KINDS, SIGNAL_ROLES,
  signalBadges, subjectLink, orgText, userText, dateEl, showFailure, notice, options, today, isDate,
} from '../daf.js';

// What was typed in the signal form, per case, so that a language switch or a reload of the
// section after recording an actor does not lose it.
const drafts = new Map();

function emptyDraft(user) {
  return {
    received_at: today(), source_org: user.org?.code || '', source_grade: '', info_grade: '', handling: 'H0',
    handling_note: '', compartment: '', concreteness: '', text: '', persons: new Set(), actors: new Set(), extraActors: [],
  };
}

function draftFor(caseId, user) {
  if (!drafts.has(caseId)) drafts.set(caseId, emptyDraft(user));
  return drafts.get(caseId);
}

// Newest first: by date received, then by the order of recording (the id).
function newestFirst(a, b) {
  const d = String(b.received_at || '').localeCompare(String(a.received_at || ''));
  return d !== 0 ? d : Number(b.id) - Number(a.id);
}

// The section element; its content arrives when the signals are loaded. opts.focusSignal: id of
// a signal to bring into view (a search hit links to it).
export function informationSection(ctx, c, opts = {}) {
  const body = h('div', { id: 'information-body' }, h('p', { class: 'nl-paragraph schild-loading', role: 'status' }, t('app.loading')));
  const section = h('section', { class: 'schild-section', 'aria-labelledby': 'sec-information', id: 'case-information' },
    heading(2, t('info.section'), { id: 'sec-information' }), body);
  loadInformation(ctx, c, body, { focusSignal: opts.focusSignal });
  return section;
}

async function loadInformation(ctx, c, body, opts = {}) {
  let data;
  try {
    [data] = await Promise.all([api.listSignals(c.id), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) return;
    clear(body).append(alertBox(err.status === 403 ? 'info' : 'error', err.status === 403 ? t('info.noAccess') : problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent() || !body.isConnected) return;
  renderInformation(ctx, c, body, data, opts);
}

function renderInformation(ctx, c, body, data, opts) {
  const items = [...(data.items || [])].sort(newestFirst);
  const restricted = Number(data.restricted ?? items.filter((s) => s.restricted).length);
  const parts = [];
  let noticeEl = null;
  if (opts.notice) { noticeEl = notice(opts.notice.type, opts.notice.text, 'information-notice'); parts.push(noticeEl); }
  if (restricted > 0) {
    parts.push(alertBox('warning', [
      h('p', { class: 'nl-paragraph schild-restricted-count', id: 'information-restricted' },
        h('strong', {}, restricted === 1 ? t('info.restrictedOne') : t('info.restrictedMany', { n: restricted }))),
      para(t('info.restrictedHint')),
    ]));
  }

  parts.push(heading(3, t('info.signals'), { id: 'sec-signals' }));
  if (!items.length) parts.push(para(t('info.noSignals')));
  else {
    parts.push(h('ol', { class: 'schild-signals', id: 'signal-list', 'aria-labelledby': 'sec-signals' },
      items.map((s) => (s.restricted ? stubItem(ctx, c, body, s) : signalItem(s)))));
  }

  const actors = data.actors || [];
  parts.push(heading(3, t('info.actors'), { id: 'sec-actors' }));
  parts.push(actors.length ? h('ul', { class: 'utrecht-unordered-list schild-plain-list', id: 'case-actors' },
    actors.map((a) => h('li', { class: 'utrecht-unordered-list__item' },
      link(`#/actoren/${a.id}`, a.name || `#${a.id}`), ` (${label('actorKind', a.kind)})`)))
    : para(t('info.noActors')));

  const notes = data.notifications || [];
  parts.push(heading(3, t('info.notifications'), { id: 'sec-notifications' }));
  parts.push(notes.length ? h('ul', { class: 'utrecht-unordered-list schild-plain-list', id: 'case-notifications' },
    notes.map((n) => h('li', { class: 'utrecht-unordered-list__item schild-notification' },
      t('info.notificationPre'), ' ',
      n.actor ? link(`#/actoren/${n.actor.id}`, n.actor.name || `#${n.actor.id}`) : t('common.none'),
      h('span', { class: 'schild-muted' }, ` — ${t('info.notificationMeta', { org: orgText(n.source_org && typeof n.source_org === 'object' ? n.source_org : orgLabel(n.source_org)) })} `, dateEl(n.received_at)))))
    : para(t('info.noNotifications')));

  if (SIGNAL_ROLES.includes(ctx.user.role) && c.status !== 'closed') parts.push(signalForm(ctx, c, body, actors));

  clear(body).append(...parts);
  if (noticeEl) noticeEl.focus();
  else if (opts.focusSignal) {
    const el = document.getElementById(`signal-${opts.focusSignal}`);
    if (el) { el.setAttribute('tabindex', '-1'); el.classList.add('schild-signal--target'); el.focus(); el.scrollIntoView({ block: 'center' }); }
  }
}

async function reload(ctx, c, body, opts) {
  let data;
  try { data = await api.listSignals(c.id); } catch (err) {
    if (err.status === 401) return;
    clear(body).append(alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!body.isConnected) return;
  renderInformation(ctx, c, body, data, opts);
}

function signalItem(s) {
  return h('li', { class: 'schild-signal', id: `signal-${s.id}`, 'data-signal': String(s.id) },
    h('p', { class: 'nl-paragraph schild-signal__head' },
      h('strong', {}, dateEl(s.received_at)), ' · ', orgText(s.source_org),
      s.recorded_by ? h('span', { class: 'schild-muted' }, ` · ${t('info.recordedBy', { who: userText(s.recorded_by) })}`) : null),
    signalBadges(s),
    s.handling === 'H3' && s.handling_note ? para(h('strong', {}, `${t('info.handlingNote')}: `), s.handling_note) : null,
    h('p', { class: 'nl-paragraph schild-multiline schild-signal__text' }, s.text || ''),
    s.subjects && s.subjects.length ? para(h('strong', {}, `${t('info.subjects')}: `),
      s.subjects.map((sub, i) => [i ? ', ' : '', subjectLink(sub)])) : null);
}

function stubItem(ctx, c, body, s) {
  const host = h('div', { class: 'schild-release' });
  const rel = s.release;
  const canAsk = !rel || rel.status === 'refused';
  const formHost = h('div', {});
  const askButton = canAsk ? button(t('release.ask'), {
    id: `release-ask-${s.id}`, 'aria-expanded': 'false', 'aria-controls': `release-form-${s.id}`,
    on: { click: () => toggleReleaseForm(ctx, c, body, s, askButton, formHost) },
  }) : null;
  append(host, [
    rel ? para(h('strong', {}, `${t('release.yourRequest')}: `), h('span', { class: 'schild-release-status', id: `release-status-${s.id}` }, label('releaseStatus', rel.status))) : null,
    askButton ? h('div', { class: 'utrecht-button-group' }, askButton) : null,
    formHost]);
  return h('li', { class: 'schild-signal schild-signal--restricted', id: `signal-${s.id}`, 'data-signal': String(s.id), 'data-restricted': 'true' },
    h('p', { class: 'nl-paragraph schild-signal__restricted' }, h('strong', {}, t('info.stub'))),
    h('p', { class: 'nl-paragraph schild-signal__head' },
      t('info.stubOriginator'), ': ', h('strong', {}, orgText(s.source_org)), ' · ', t('info.stubReceived'), ': ', dateEl(s.received_at)),
    signalBadges(s),
    host);
}

function toggleReleaseForm(ctx, c, body, s, askButton, formHost) {
  if (formHost.firstChild) {
    clear(formHost);
    askButton.setAttribute('aria-expanded', 'false');
    return;
  }
  askButton.setAttribute('aria-expanded', 'true');
  const prefix = `release-${s.id}`;
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const reason = formField({ id: `${prefix}-reason`, name: 'reason', kind: 'textarea', label: t('release.reason'), description: t('release.reasonHint'), rows: 3, maxlength: 2000 });
  const submit = button(t('release.send'), { type: 'submit', id: `${prefix}-submit` }, 'primary');
  const form = h('form', { class: 'schild-form', id: `release-form-${s.id}`, novalidate: true, 'aria-label': t('release.formLabel') },
    summaryHost, reason.root, h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const text = reason.control.value.trim();
    if (!text) { showErrors({ form, prefix, summaryHost, items: [{ path: 'reason', kind: 'required' }] }); return; }
    submit.disabled = true;
    try {
      await api.requestRelease(s.id, text);
      await reload(ctx, c, body, { notice: { type: 'ok', text: t('release.sent', { org: orgText(s.source_org) }) } });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'invalid_transition') {
        await reload(ctx, c, body, { notice: { type: 'warning', text: t('release.notNeeded') } });
        return;
      }
      showFailure({ err, form, prefix, summaryHost });
    }
  });
  formHost.append(form);
  reason.control.focus();
}

// ---------- the form to record a signal ----------
function signalForm(ctx, c, body, caseActors) {
  const user = ctx.user;
  const d = draftFor(c.id, user);
  const prefix = 'signal';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const orgs = orgList();
  const f = {
    received_at: formField({ id: 'signal-received_at', name: 'received_at', label: t('signal.receivedAt'), description: t('signal.receivedAtHint'), value: d.received_at, maxlength: 10, autocomplete: 'off', inputmode: 'numeric', extraClass: 'schild-textbox--date' }),
    source_org: formField({ id: 'signal-source_org', name: 'source_org', kind: 'select', label: t('signal.sourceOrg'), description: t('signal.sourceOrgHint'), value: d.source_org,
      options: [['', t('signal.chooseOrg')], ...orgs.map((o) => [o.code, o.name || o.code])] }),
    source_grade: formField({ id: 'signal-source_grade', name: 'source_grade', kind: 'select', label: t('signal.sourceGrade'), value: d.source_grade, options: options('sourceGrade', SOURCE_GRADES, t('signal.choose')) }),
    info_grade: formField({ id: 'signal-info_grade', name: 'info_grade', kind: 'select', label: t('signal.infoGrade'), value: d.info_grade, options: options('infoGrade', INFO_GRADES, t('signal.choose')) }),
    handling: formField({ id: 'signal-handling', name: 'handling', kind: 'select', label: t('signal.handling'), value: d.handling, options: options('handling', HANDLINGS) }),
    handling_note: formField({ id: 'signal-handling_note', name: 'handling_note', label: t('signal.handlingNote'), description: t('signal.handlingNoteHint'), value: d.handling_note, maxlength: 500 }),
    compartment: formField({ id: 'signal-compartment', name: 'compartment', kind: 'select', label: t('signal.compartment'), description: t('signal.compartmentHint'), value: d.compartment, options: options('compartment', COMPARTMENTS, t('signal.choose')) }),
    text: formField({ id: 'signal-text', name: 'text', kind: 'textarea', label: t('signal.text'), description: t('signal.textHint'), value: d.text, rows: 6, maxlength: 4000 }),
  };
  const concreteness = radioGroup({ id: 'signal-concreteness', name: 'concreteness', legend: t('signal.concreteness'), options: options('concreteness', CONCRETENESS), value: d.concreteness });
  for (const k of Object.keys(f)) {
    const ctl = f[k].control;
    ctl.addEventListener(ctl.tagName === 'SELECT' ? 'change' : 'input', () => { d[k] = ctl.value; });
  }
  concreteness.addEventListener('change', () => { d.concreteness = concreteness.querySelector('input:checked')?.value || ''; });
  const syncNote = () => { f.handling_note.root.hidden = f.handling.control.value !== 'H3'; };
  f.handling.control.addEventListener('change', syncNote);
  syncNote();

  // subjects: the case's persons and actors (linked ones, found ones, new ones)
  const allActors = () => {
    const seen = new Map();
    for (const a of [...caseActors, ...d.extraActors]) if (!seen.has(a.id)) seen.set(a.id, a);
    return [...seen.values()];
  };
  const actorBoxes = h('div', { class: 'schild-checklist', id: 'signal-actor-list' });
  const renderActorBoxes = () => {
    const list = allActors();
    clear(actorBoxes).append(...(list.length ? list.map((a) => subjectBox('actor', a.id, `${a.name} (${label('actorKind', a.kind)})`, d.actors))
      : [para(t('signal.noActorsYet'))]));
  };
  renderActorBoxes();
  const persons = c.persons || [];
  const subjectsFs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced',
    id: 'signal-subjects', 'data-field': 'signal-subjects', 'aria-describedby': 'signal-subjects-desc',
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, t('signal.subjects'), h('span', { class: 'schild-optional' }, ` ${t('common.optional')}`)),
  h('div', { class: 'utrecht-form-field-description', id: 'signal-subjects-desc' }, t('signal.subjectsHint')),
  h('p', { class: 'utrecht-form-field-error-message', id: 'signal-subjects-error', hidden: true }),
  h('p', { class: 'nl-paragraph schild-sublabel' }, t('signal.subjectPersons')),
  h('div', { class: 'schild-checklist', id: 'signal-person-list' },
    persons.length ? persons.map((p) => subjectBox('person', p.id, [p.given_names, p.surname_prefix, p.surname].filter(Boolean).join(' '), d.persons)) : para(t('case.noPersons'))),
  h('p', { class: 'nl-paragraph schild-sublabel' }, t('signal.subjectActors')),
  actorBoxes,
  actorPanel(ctx, d, () => { renderActorBoxes(); }));

  const submit = button(t('signal.submit'), { type: 'submit', id: 'signal-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'signal-form', novalidate: true, 'aria-labelledby': 'sec-signal-form' },
    summaryHost,
    f.received_at.root, f.source_org.root,
    h('div', { class: 'schild-form-row' }, f.source_grade.root, f.info_grade.root),
    f.handling.root, f.handling_note.root, f.compartment.root, concreteness, f.text.root, subjectsFs,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const v = (k) => f[k].control.value.trim();
    const bodyJson = {
      received_at: v('received_at'), source_org: v('source_org'), source_grade: v('source_grade'), info_grade: v('info_grade'),
      handling: v('handling'), compartment: v('compartment'),
      concreteness: concreteness.querySelector('input:checked')?.value || '', text: v('text'),
      subjects: [...[...d.persons].map((id) => ({ kind: 'person', id })), ...[...d.actors].map((id) => ({ kind: 'actor', id }))],
    };
    if (bodyJson.handling === 'H3') bodyJson.handling_note = v('handling_note');
    const items = [];
    if (!bodyJson.received_at) items.push({ path: 'received_at', kind: 'required' });
    else if (!isDate(bodyJson.received_at)) items.push({ path: 'received_at', kind: 'date' });
    for (const k of ['source_org', 'source_grade', 'info_grade', 'handling', 'compartment', 'concreteness', 'text']) {
      if (!bodyJson[k]) items.push({ path: k, kind: 'required' });
    }
    if (bodyJson.handling === 'H3' && !bodyJson.handling_note) items.push({ path: 'handling_note', kind: 'required' });
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const created = await api.createSignal(c.id, bodyJson);
      drafts.delete(c.id);
      await reload(ctx, c, body, { notice: { type: 'ok', text: t('signal.done', { grade: `${created.source_grade}${created.info_grade}` }) } });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.status === 422 && err.errors.length) {
        // "nobody files into a compartment they could not read themselves": say it that way
        showErrors({
          form, prefix, summaryHost,
          items: err.errors.map((x) => ({ path: x.field, message: x.message, text: x.field === 'compartment' && /read|lezen|compartment/i.test(x.message || '') ? t('signal.compartmentNotReadable') : undefined })),
        });
        return;
      }
      showFailure({ err, form, prefix, summaryHost, special: { invalid_transition: t('signal.caseClosed') } });
    }
  });

  return h('section', { class: 'schild-action-panel schild-subsection', 'aria-labelledby': 'sec-signal-form' },
    heading(3, t('signal.title'), { id: 'sec-signal-form' }),
    para(t('signal.intro')),
    form);
}

function subjectBox(kind, id, text, selected) {
  const box = formField({ id: `signal-subject-${kind}-${id}`, name: `subject-${kind}`, kind: 'checkbox', label: text, value: selected.has(id) });
  box.control.addEventListener('change', () => { if (box.control.checked) selected.add(id); else selected.delete(id); });
  return box.root;
}

// Finding an existing actor (analysts may list them) or recording a new one, then naming it.
function actorPanel(ctx, d, onChange) {
  const prefix = 'signal-actor';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const status = h('p', { class: 'rhc-visually-hidden', role: 'status', id: 'signal-actor-status' });
  const parts = [];
  const addActor = (a) => {
    if (!d.extraActors.some((x) => x.id === a.id)) d.extraActors.push(a);
    d.actors.add(a.id);
    onChange();
    status.textContent = t('signal.actorAdded', { name: a.name });
    document.getElementById(`signal-subject-actor-${a.id}`)?.focus();
  };
  if (ctx.user.role === 'analyst') {
    const q = formField({ id: 'signal-actor-q', name: 'q', label: t('signal.findActor'), optional: true, maxlength: 200, autocomplete: 'off' });
    const results = h('div', { id: 'signal-actor-results' });
    const find = button(t('signal.findActorButton'), { id: 'signal-actor-find' });
    const run = async () => {
      clear(results);
      try {
        const data = await api.listActors({ q: q.control.value.trim(), page: 1 });
        const items = data.items || [];
        results.append(items.length ? h('ul', { class: 'utrecht-unordered-list schild-plain-list' },
          items.map((a) => h('li', { class: 'utrecht-unordered-list__item' }, `${a.name} (${label('actorKind', a.kind)}) `,
            button(t('signal.addActor'), { class: 'schild-small', 'aria-label': t('signal.addActorNamed', { name: a.name }), on: { click: () => addActor(a) } }, 'subtle'))))
          : para(t('signal.noActorsFound')));
        status.textContent = t('signal.actorsFound', { n: items.length });
      } catch (err) {
        if (err.status === 401) return;
        results.append(alertBox('error', problemMessage(err), { role: 'alert' }));
      }
    };
    find.addEventListener('click', run);
    q.control.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); run(); } });
    parts.push(h('div', { class: 'schild-actor-find' }, q.root, h('div', { class: 'utrecht-button-group' }, find), results));
  }
  const kind = formField({ id: 'signal-actor-kind', name: 'kind', kind: 'select', label: t('actor.kind'), options: options('actorKind', ACTOR_KINDS), value: 'person' });
  const name = formField({ id: 'signal-actor-name', name: 'name', label: t('actor.name'), maxlength: 200, autocomplete: 'off' });
  const description = formField({ id: 'signal-actor-description', name: 'description', kind: 'textarea', label: t('actor.description'), optional: true, rows: 3, maxlength: 2000 });
  const create = button(t('signal.createActor'), { id: 'signal-actor-create' });
  const group = h('div', { class: 'schild-actor-new', role: 'group', 'aria-labelledby': 'signal-actor-new-title' },
    h('p', { class: 'nl-paragraph schild-sublabel', id: 'signal-actor-new-title' }, t('signal.newActor')),
    summaryHost, kind.root, name.root, description.root, h('div', { class: 'utrecht-button-group' }, create));
  name.control.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); create.click(); } });
  create.addEventListener('click', async () => {
    clearErrors(group, summaryHost);
    const bodyJson = { kind: kind.control.value, name: name.control.value.trim(), description: description.control.value.trim() };
    if (!bodyJson.name) { showErrors({ form: group, prefix, summaryHost, items: [{ path: 'name', kind: 'required' }] }); return; }
    create.disabled = true;
    try {
      const a = await api.createActor(bodyJson);
      name.control.value = '';
      description.control.value = '';
      addActor(a);
    } catch (err) {
      if (err.status === 401) return;
      showFailure({ err, form: group, prefix, summaryHost });
    } finally {
      create.disabled = false;
    }
  });
  parts.push(group);
  return h('div', { class: 'schild-actor-panel' }, ...parts, status);
}

export { newestFirst };
