// Transferring a case to the other domain (#/zaken/{id}/overdragen) and ending protection
// (#/zaken/{id}/beeindigen), docs/DECISIONS.md "Transfers" and "Ending".
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, clear, alertBox, formField, radioGroup, button } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { loadOrgs } from '../orgs.js';
import { today, isDate, showFailure } from '../daf.js';
import { dapi, loadCatalogue, addDays, flagBadges } from '../measures.js';

const DISTRICTS = ['amsterdam', 'den-haag', 'gelderland', 'limburg', 'midden-nederland', 'noord-holland',
  'noord-nederland', 'oost-brabant', 'overijssel', 'rotterdam', 'zeeland-west-brabant'];

async function loadCase(ctx, titleKey) {
  try {
    const [c] = await Promise.all([api.getCase(ctx.params[0]), loadOrgs()]);
    return c;
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    ctx.setTitle(t(titleKey));
    clear(ctx.root).append(heading(1, t(titleKey)),
      alertBox(err.status === 404 ? 'warning' : 'error', err.status === 404 ? t('case.notFoundText') : problemMessage(err), { role: 'alert' }));
    return null;
  }
}

function pageHead(c, title, id) {
  return [
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, link(`#/zaken/${c.id}`, t('case.title', { reference: c.reference || `#${c.id}` }))),
    heading(1, title, { id }),
    flagBadges(c.flags) ? h('p', { class: 'nl-paragraph schild-badges' }, flagBadges(c.flags)) : null,
  ];
}

function failAlert(summaryHost, text) {
  clear(summaryHost).append(alertBox('error', text, { role: 'alert', focusable: true, class: 'schild-error-summary' }));
  summaryHost.firstChild.focus();
}

export async function transferPage(ctx) {
  const c = await loadCase(ctx, 'transfer.title');
  if (!c || !ctx.isCurrent()) return;
  const title = t('transfer.titleFor', { reference: c.reference || `#${c.id}` });
  ctx.setTitle(title);
  const prefix = 'transfer';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const other = c.domain === 'national' ? 'local' : 'national';
  const to = radioGroup({
    id: 'transfer-to', name: 'to', legend: t('transfer.to'), value: other,
    options: ['national', 'local'].map((x) => [x, `${label('domain', x)}${x === c.domain ? ` (${t('transfer.current')})` : ''}`]),
  });
  const districtOpts = [['', t('triage.districtChoose')], ...DISTRICTS.map((x) => [x, label('district', x)])];
  const district = formField({ id: 'transfer-district', name: 'district', kind: 'select', label: t('triage.district'), options: districtOpts });
  const reasoning = formField({ id: 'transfer-reasoning', name: 'reasoning', kind: 'textarea', label: t('transfer.reasoning'), description: t('transfer.reasoningHint'), rows: 5, maxlength: 4000 });
  const authDistrict = formField({ id: 'transfer-authority_district', name: 'authority_district', kind: 'select', label: t('transfer.authorityDistrict'), description: t('transfer.authorityDistrictHint'), optional: true, options: districtOpts });
  const advice = formField({ id: 'transfer-nctv_advice', name: 'nctv_advice', kind: 'textarea', label: t('transfer.nctvAdvice'), description: t('transfer.nctvAdviceHint'), optional: true, rows: 3, maxlength: 4000 });
  const submit = button(t('transfer.submit'), { type: 'submit', id: 'transfer-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'transfer-form', novalidate: true, 'aria-labelledby': 'transfer-title' },
    summaryHost, to, district.root, reasoning.root,
    h('details', { class: 'schild-details', id: 'transfer-conflict' },
      h('summary', {}, t('transfer.conflictSummary')),
      authDistrict.root, advice.root),
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  const chosen = () => to.querySelector('input:checked')?.value || '';
  const sync = () => { district.root.hidden = chosen() !== 'local'; authDistrict.root.hidden = chosen() !== 'local'; };
  to.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = { to: chosen(), reasoning: reasoning.control.value.trim(), version: c.version };
    if (body.to === 'local') body.district = district.control.value;
    if (body.to === 'local' && authDistrict.control.value) body.authority_district = authDistrict.control.value;
    if (advice.control.value.trim()) body.nctv_advice = advice.control.value.trim();
    const items = [];
    if (!body.to) items.push({ path: 'to', kind: 'choose' });
    if (body.to === 'local' && !body.district) items.push({ path: 'district', kind: 'required' });
    if (!body.reasoning) items.push({ path: 'reasoning', kind: 'required' });
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      await dapi.transfer(c.id, body);
      ctx.setFlash('ok', t('transfer.done', { domain: label('domain', body.to) }));
      ctx.navigate(`/zaken/${c.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'authority_conflict') {
        form.querySelector('#transfer-conflict').open = true;
        failAlert(summaryHost, t('transfer.err.authority_conflict'));
        return;
      }
      if (err.code === 'version_conflict') {
        const fresh = await api.getCase(c.id).catch(() => null);
        if (fresh) c.version = fresh.version;
      }
      showFailure({
        err, form, prefix, summaryHost,
        special: { invalid_transition: t('transfer.err.invalid_transition'), version_conflict: t('transfer.err.version_conflict') },
      });
    }
  });

  clear(ctx.root).append(...[...pageHead(c, title, 'transfer-title'), ctx.takeFlash(),
    para(t('transfer.intro', { domain: c.domain ? label('domain', c.domain) : t('domain.none') })),
    h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'transfer-title' }, form)].filter(Boolean));
}

export async function endPage(ctx) {
  const c = await loadCase(ctx, 'end.title');
  if (!c || !ctx.isCurrent()) return;
  let cat = null;
  try { cat = await loadCatalogue(); } catch { cat = null; }
  if (!ctx.isCurrent()) return;
  const title = t('end.titleFor', { reference: c.reference || `#${c.id}` });
  ctx.setTitle(title);
  const prefix = 'end';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const days = cat?.aftercare_days ?? 30;
  const reasoning = formField({ id: 'end-reasoning', name: 'reasoning', kind: 'textarea', label: t('end.reasoning'), description: t('end.reasoningHint'), rows: 5, maxlength: 4000 });
  const aftercare = formField({ id: 'end-aftercare_date', name: 'aftercare_date', label: t('end.aftercare'), description: t('end.aftercareHint', { days }), value: addDays(today(), days), extraClass: 'schild-textbox--date', inputmode: 'numeric' });
  const submit = button(t('end.submit'), { type: 'submit', id: 'end-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'end-form', novalidate: true, 'aria-labelledby': 'end-title' },
    summaryHost, alertBox('warning', t('end.warning')), reasoning.root, aftercare.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = { reasoning: reasoning.control.value.trim(), aftercare_date: aftercare.control.value.trim(), version: c.version };
    const items = [];
    if (!body.reasoning) items.push({ path: 'reasoning', kind: 'required' });
    if (!body.aftercare_date) delete body.aftercare_date;
    else if (!isDate(body.aftercare_date)) items.push({ path: 'aftercare_date', kind: 'date' });
    else if (body.aftercare_date < today()) items.push({ path: 'aftercare_date', text: t('end.err.past') });
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      await dapi.end(c.id, body);
      ctx.setFlash('ok', t('end.done'));
      ctx.navigate(`/zaken/${c.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showFailure({
        err, form, prefix, summaryHost,
        special: { invalid_transition: t('end.err.invalid_transition'), version_conflict: t('decision.err.version_conflict') },
      });
    }
  });
  clear(ctx.root).append(...[...pageHead(c, title, 'end-title'), ctx.takeFlash(), para(t('end.intro')),
    h('section', { class: 'schild-section schild-action-panel', 'aria-labelledby': 'end-title' }, form)].filter(Boolean));
}
