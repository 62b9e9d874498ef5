// Objects and services (docs/DECISIONS.md "Objects and services"): the list with the register
// forms (#/objecten), an object's page (#/objecten/{id}) and a service's (#/diensten/{id}), each
// linking to the case it belongs to.
import { t, label } from '../i18n.js';
import { h, heading, para, link, table, clear, alertBox, formField, button, timeEl, dataSummary } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs, orgList, orgLabel } from '../orgs.js';
import { isDate, dateEl, showFailure } from '../daf.js';
import { dapi } from '../measures.js';

export const OBJECT_ROLES = ['referrer', 'triage', 'authority'];
const KINDS = ['residence', 'office', 'embassy', 'court', 'government_building', 'other'];

function caseLink(x) {
  if (!x.case_id) return t('common.none');
  return link(`#/zaken/${x.case_id}`, x.case_reference || t('objects.caseN', { id: x.case_id }), { class: 'schild-object-case' });
}

function whereText(x) {
  if (x.national_list) return t('objects.nationalList');
  return x.municipality ? orgLabel(x.municipality) : t('common.none');
}

export async function objectsPage(ctx) {
  ctx.setTitle(t('objects.title'));
  let objects;
  let services;
  try {
    [objects, services] = await Promise.all([dapi.listObjects(), dapi.listServices(), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, t('objects.title')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const os = objects.items || [];
  const ss = services.items || [];
  const canRegister = OBJECT_ROLES.includes(ctx.user.role);
  clear(ctx.root).append(...[
    heading(1, t('objects.title'), { id: 'objects-title' }),
    ctx.takeFlash(),
    para(t('objects.intro')),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-objects' },
      heading(2, t('objects.objects'), { id: 'sec-objects' }),
      os.length ? table({
        id: 'objects-table', caption: t('objects.objects'), captionHidden: true,
        columns: [
          { title: t('objects.name'), cell: (o) => link(`#/objecten/${o.id}`, o.name || `#${o.id}`) },
          { title: t('objects.kind'), cell: (o) => label('okind', o.kind) },
          { title: t('objects.address'), cell: (o) => o.address || t('common.none') },
          { title: t('objects.where'), cell: whereText },
          { title: t('objects.case'), cell: caseLink },
        ],
        rows: os,
      }) : para(t('objects.noObjects'))),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-services' },
      heading(2, t('objects.services'), { id: 'sec-services' }),
      ss.length ? table({
        id: 'services-table', caption: t('objects.services'), captionHidden: true,
        columns: [
          { title: t('objects.name'), cell: (s) => link(`#/diensten/${s.id}`, s.name || `#${s.id}`) },
          { title: t('objects.venue'), cell: (s) => s.venue || t('common.none') },
          { title: t('objects.period'), cell: (s) => [dateEl(s.starts_on), ' – ', dateEl(s.ends_on)] },
          { title: t('objects.where'), cell: whereText },
          { title: t('objects.case'), cell: caseLink },
        ],
        rows: ss,
      }) : para(t('objects.noServices'))),
    canRegister ? objectForm(ctx) : null,
    canRegister ? serviceForm(ctx) : null,
  ].filter(Boolean));
}

function whereFields(prefix) {
  const municipalities = orgList().filter((o) => o.kind === 'municipality');
  const national = formField({ id: `${prefix}-national_list`, name: 'national_list', kind: 'checkbox', label: t('objects.onNationalList'), description: t('objects.nationalListHint') });
  const municipality = formField({
    id: `${prefix}-municipality`, name: 'municipality', kind: 'select', label: t('objects.municipality'), description: t('objects.municipalityHint'),
    options: [['', t('objects.chooseMunicipality')], ...municipalities.map((o) => [o.code, o.name])],
  });
  const sync = () => { municipality.root.hidden = national.control.checked; };
  national.control.addEventListener('change', sync);
  return { national, municipality, sync };
}

function fail(err, form, prefix, summaryHost) {
  showFailure({ err, form, prefix, summaryHost, special: { forbidden: t('errors.forbidden') } });
}

function objectForm(ctx) {
  const prefix = 'object';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const kind = formField({ id: 'object-kind', name: 'kind', kind: 'select', label: t('objects.kind'), options: [['', t('objects.chooseKind')], ...KINDS.map((k) => [k, label('okind', k)])] });
  const name = formField({ id: 'object-name', name: 'name', label: t('objects.name'), maxlength: 200 });
  const address = formField({ id: 'object-address', name: 'address', label: t('objects.address'), maxlength: 500 });
  const where = whereFields(prefix);
  const person = formField({ id: 'object-person_id', name: 'person_id', label: t('objects.personId'), description: t('objects.personIdHint'), optional: true, inputmode: 'numeric', extraClass: 'schild-textbox--date' });
  const summary = formField({ id: 'object-summary', name: 'summary', kind: 'textarea', label: t('objects.summary'), rows: 3, maxlength: 2000 });
  const submit = button(t('objects.registerObject'), { type: 'submit', id: 'object-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'object-form', novalidate: true, 'aria-labelledby': 'sec-object-form' },
    summaryHost, kind.root, name.root, address.root, where.national.root, where.municipality.root, person.root, summary.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  // a residence or office of a protected person belongs to the person's case: no place needed
  const sync = () => {
    const linked = person.control.value.trim() !== '';
    where.national.root.hidden = linked;
    where.municipality.root.hidden = linked || where.national.control.checked;
  };
  person.control.addEventListener('input', sync);
  where.national.control.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = { kind: kind.control.value, name: name.control.value.trim(), address: address.control.value.trim(), summary: summary.control.value.trim() };
    const pid = person.control.value.trim();
    const items = [];
    if (pid) {
      if (!/^\d+$/.test(pid)) items.push({ path: 'person_id', kind: 'invalid' });
      body.person_id = Number(pid);
    } else if (where.national.control.checked) body.national_list = true;
    else body.municipality = where.municipality.control.value;
    if (!body.kind) items.push({ path: 'kind', kind: 'required' });
    if (!body.name) items.push({ path: 'name', kind: 'required' });
    if (!body.address) items.push({ path: 'address', kind: 'required' });
    if (!pid && !body.national_list && !body.municipality) items.push({ path: 'municipality', kind: 'choose' });
    if (!body.summary) delete body.summary;
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const made = await dapi.createObject(body);
      ctx.setFlash('ok', t('objects.objectDone'));
      ctx.navigate(`/objecten/${made.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      fail(err, form, prefix, summaryHost);
    }
  });
  return h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-object-form' },
    heading(2, t('objects.registerObject'), { id: 'sec-object-form' }), para(t('objects.objectIntro')), form);
}

function serviceForm(ctx) {
  const prefix = 'service';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const name = formField({ id: 'service-name', name: 'name', label: t('objects.serviceName'), maxlength: 200 });
  const venue = formField({ id: 'service-venue', name: 'venue', label: t('objects.venue'), maxlength: 500 });
  const starts = formField({ id: 'service-starts_on', name: 'starts_on', label: t('objects.startsOn'), description: t('decision.dateHint'), extraClass: 'schild-textbox--date', inputmode: 'numeric' });
  const ends = formField({ id: 'service-ends_on', name: 'ends_on', label: t('objects.endsOn'), description: t('decision.dateHint'), extraClass: 'schild-textbox--date', inputmode: 'numeric' });
  const where = whereFields(prefix);
  where.sync();
  const summary = formField({ id: 'service-summary', name: 'summary', kind: 'textarea', label: t('objects.summary'), rows: 3, maxlength: 2000 });
  const submit = button(t('objects.registerService'), { type: 'submit', id: 'service-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'service-form', novalidate: true, 'aria-labelledby': 'sec-service-form' },
    summaryHost, name.root, venue.root, h('div', { class: 'schild-form-row' }, starts.root, ends.root),
    where.national.root, where.municipality.root, summary.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = {
      name: name.control.value.trim(), venue: venue.control.value.trim(),
      starts_on: starts.control.value.trim(), ends_on: ends.control.value.trim(), summary: summary.control.value.trim(),
    };
    if (where.national.control.checked) body.national_list = true;
    else body.municipality = where.municipality.control.value;
    const items = [];
    if (!body.name) items.push({ path: 'name', kind: 'required' });
    if (!body.venue) items.push({ path: 'venue', kind: 'required' });
    for (const f of ['starts_on', 'ends_on']) {
      if (!body[f]) items.push({ path: f, kind: 'required' });
      else if (!isDate(body[f])) items.push({ path: f, kind: 'date' });
    }
    if (!body.national_list && !body.municipality) items.push({ path: 'municipality', kind: 'choose' });
    if (!body.summary) delete body.summary;
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const made = await dapi.createService(body);
      ctx.setFlash('ok', t('objects.serviceDone'));
      ctx.navigate(`/diensten/${made.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      fail(err, form, prefix, summaryHost);
    }
  });
  return h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'sec-service-form' },
    heading(2, t('objects.registerService'), { id: 'sec-service-form' }), para(t('objects.serviceIntro')), form);
}

async function detailPage(ctx, { get, titleKey, rows }) {
  let x;
  try {
    [x] = await Promise.all([get(ctx.params[0]), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    ctx.setTitle(t(titleKey));
    clear(ctx.root).append(heading(1, t(titleKey)),
      alertBox(err.status === 404 ? 'warning' : 'error', err.status === 404 ? t('errors.notFound') : problemMessage(err), { role: 'alert' }),
      para(link('#/objecten', t('nav.objects'))));
    return;
  }
  if (!ctx.isCurrent()) return;
  const name = x.name || `#${x.id}`;
  ctx.setTitle(name);
  clear(ctx.root).append(...[
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, t(titleKey)),
    heading(1, name, { id: 'object-title' }),
    ctx.takeFlash(),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-object' },
      heading(2, t('objects.details'), { id: 'sec-object' }),
      dataSummary(rows(x))),
    para(link('#/objecten', t('objects.backToList'))),
  ].filter(Boolean));
}

export function objectPage(ctx) {
  return detailPage(ctx, {
    get: dapi.getObject,
    titleKey: 'objects.object',
    rows: (o) => [
      [t('objects.kind'), label('okind', o.kind)],
      [t('objects.address'), o.address || ''],
      [t('objects.where'), whereText(o)],
      o.person_id ? [t('objects.person'), link(`#/personen/${o.person_id}`, t('objects.personN', { id: o.person_id }))] : null,
      [t('objects.case'), h('span', { id: 'object-case' }, caseLink(o))],
      o.summary ? [t('objects.summary'), o.summary, { multiline: true }] : null,
      [t('objects.created'), o.created_at ? timeEl(o.created_at) : ''],
    ],
  });
}

export function servicePage(ctx) {
  return detailPage(ctx, {
    get: dapi.getService,
    titleKey: 'objects.service',
    rows: (s) => [
      [t('objects.venue'), s.venue || ''],
      [t('objects.period'), [dateEl(s.starts_on), ' – ', dateEl(s.ends_on)]],
      [t('objects.where'), whereText(s)],
      [t('objects.case'), h('span', { id: 'object-case' }, caseLink(s))],
      s.summary ? [t('objects.summary'), s.summary, { multiline: true }] : null,
      [t('objects.created'), s.created_at ? timeEl(s.created_at) : ''],
    ],
  });
}
