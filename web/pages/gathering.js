// Information gathering about one subject (a person or an actor): the acts, the prosecutor's
// orders, the running intrusion total against the threshold of "geringe inbreuk" (a meter), the
// form to record an act (analysts, unit leads) and, for authority users of an OM organisation,
// the form to record an order. A refused act (409 intrusion_threshold) is explained plainly.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, table, clear, alertBox, formField, button, timeEl } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';
import { orgKind } from '../orgs.js';
import { METHODS, GATHERING_ROLES, GATHERING_VIEW_ROLES, showFailure, notice, options, dateEl, userText, isDate } from '../daf.js';

// Returns the section (null for roles that may not see gathering: asking would only log a
// refusal); it fills itself, or removes itself when the subject turns out not to be visible.
export function gatheringSection(ctx, kind, id) {
  if (!GATHERING_VIEW_ROLES.includes(ctx.user.role)) return null;
  const body = h('div', { id: 'gathering-body' }, h('p', { class: 'nl-paragraph schild-loading', role: 'status' }, t('app.loading')));
  const section = h('section', { class: 'schild-section', 'aria-labelledby': 'sec-gathering', id: 'gathering' },
    heading(2, t('gathering.section'), { id: 'sec-gathering' }), body);
  load(ctx, kind, id, body, section, {});
  return section;
}

async function load(ctx, kind, id, body, section, opts) {
  let g;
  try { g = await api.getGathering(kind, id); } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) return;
    if (err.status === 403 || err.status === 404) { section.remove(); return; }
    clear(body).append(alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent() || !body.isConnected) return;
  render(ctx, kind, id, body, section, g, opts);
}

function meter(g) {
  const total = Number(g.total || 0);
  const threshold = Number(g.threshold || 100);
  const over = total >= threshold;
  return h('div', { class: ['schild-meter', over && 'schild-meter--full'] },
    h('label', { class: 'utrecht-form-label schild-meter__label', for: 'gathering-meter' }, t('gathering.meterLabel', { days: g.window_days ?? 90 })),
    h('meter', {
      id: 'gathering-meter', class: 'schild-meter__bar', min: '0', max: String(threshold), value: String(Math.min(total, threshold)),
      low: String(Math.round(threshold * 0.6)), high: String(Math.round(threshold * 0.9)), optimum: '0',
      'aria-describedby': 'gathering-total',
    }),
    h('p', { class: 'nl-paragraph schild-meter__text', id: 'gathering-total' },
      h('strong', {}, t('gathering.total', { total, threshold })), ' ', t('gathering.remaining', { n: Math.max(0, threshold - total) })));
}

function render(ctx, kind, id, body, section, g, opts) {
  const parts = [];
  let noticeEl = null;
  if (opts.notice) { noticeEl = notice(opts.notice.type, opts.notice.text, 'gathering-notice'); parts.push(noticeEl); }
  parts.push(para(t('gathering.intro')));
  parts.push(meter(g));
  const order = g.order_in_force;
  parts.push(order ? alertBox('info', [
    para(h('strong', {}, `${t('gathering.orderInForce')} `), dateEl(order.until)),
    h('p', { class: 'nl-paragraph schild-multiline' }, order.scope || ''),
  ], { id: 'gathering-order-in-force' }) : para(t('gathering.noOrder')));

  const acts = g.acts || [];
  parts.push(heading(3, t('gathering.acts'), { id: 'sec-gathering-acts' }));
  parts.push(acts.length ? table({
    id: 'gathering-acts', caption: t('gathering.acts'), captionHidden: true,
    columns: [
      { title: t('gathering.method'), cell: (x) => label('method', x.method) },
      { title: t('gathering.recordedAt'), cell: (x) => timeEl(x.recorded_at) },
      { title: t('gathering.duration'), cell: (x) => t('gathering.days', { n: x.duration_days }) },
      { title: t('gathering.intrusion'), cell: (x) => String(x.intrusion ?? '') },
      { title: t('gathering.legalBasis'), cell: (x) => x.legal_basis || t('common.none') },
      { title: t('gathering.justification'), cell: (x) => h('span', { class: 'schild-multiline' }, x.justification || '') },
      { title: t('gathering.order'), cell: (x) => (x.order_id ? t('gathering.orderRef', { id: x.order_id }) : t('common.none')) },
      { title: t('gathering.by'), cell: (x) => userText(x.recorded_by) },
    ],
    rows: acts,
  }) : para(t('gathering.noActs')));

  const orders = g.orders || [];
  parts.push(heading(3, t('gathering.orders'), { id: 'sec-gathering-orders' }));
  parts.push(orders.length ? table({
    id: 'gathering-orders', caption: t('gathering.orders'), captionHidden: true,
    columns: [
      { title: t('gathering.orderNr'), cell: (x) => t('gathering.orderRef', { id: x.id }) },
      { title: t('gathering.until'), cell: (x) => dateEl(x.until) },
      { title: t('gathering.scope'), cell: (x) => h('span', { class: 'schild-multiline' }, x.scope || '') },
      { title: t('gathering.reasoning'), cell: (x) => h('span', { class: 'schild-multiline' }, x.reasoning || '') },
      { title: t('gathering.by'), cell: (x) => userText(x.recorded_by) },
      { title: t('gathering.recordedAt'), cell: (x) => timeEl(x.recorded_at) },
    ],
    rows: orders,
  }) : para(t('gathering.noOrders')));

  const reload = (noticeOpt) => load(ctx, kind, id, body, section, { notice: noticeOpt });
  if (GATHERING_ROLES.includes(ctx.user.role)) parts.push(actForm(kind, id, g, reload));
  if (ctx.user.role === 'authority' && orgKind(ctx.user.org?.code) === 'om') parts.push(orderForm(kind, id, reload));
  clear(body).append(...parts);
  if (noticeEl) noticeEl.focus();
}

function actForm(kind, id, g, reload) {
  const prefix = 'act';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const method = formField({ id: 'act-method', name: 'method', kind: 'select', label: t('gathering.method'), options: options('method', METHODS, t('signal.choose')) });
  const legal = formField({ id: 'act-legal_basis', name: 'legal_basis', label: t('gathering.legalBasis'), description: t('gathering.legalBasisHint'), maxlength: 500 });
  const duration = formField({ id: 'act-duration_days', name: 'duration_days', label: t('gathering.durationDays'), description: t('gathering.durationHint'), maxlength: 3, inputmode: 'numeric', autocomplete: 'off', extraClass: 'schild-textbox--date' });
  const justification = formField({ id: 'act-justification', name: 'justification', kind: 'textarea', label: t('gathering.justification'), description: t('gathering.justificationHint'), rows: 4, maxlength: 4000 });
  const submit = button(t('gathering.record'), { type: 'submit', id: 'act-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'act-form', novalidate: true, 'aria-labelledby': 'sec-act-form' },
    summaryHost, method.root, legal.root, duration.root, justification.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const days = duration.control.value.trim();
    const body = { method: method.control.value, legal_basis: legal.control.value.trim(), justification: justification.control.value.trim(), duration_days: Number(days) };
    const items = [];
    if (!body.method) items.push({ path: 'method', kind: 'required' });
    if (!body.legal_basis) items.push({ path: 'legal_basis', kind: 'required' });
    if (!days) items.push({ path: 'duration_days', kind: 'required' });
    else if (!/^\d+$/.test(days) || body.duration_days < 1 || body.duration_days > 365) items.push({ path: 'duration_days', text: t('gathering.durationRange') });
    if (!body.justification) items.push({ path: 'justification', kind: 'required' });
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const r = await api.recordGathering(kind, id, body);
      await reload({ type: 'ok', text: t('gathering.recorded', { total: r.total, threshold: r.threshold }) });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'intrusion_threshold') {
        const p = err.problem || {};
        clear(summaryHost).append(alertBox('error', [
          para(t('gathering.thresholdText', { threshold: p.threshold ?? g.threshold, total: p.total ?? g.total, days: g.window_days ?? 90 })),
          p.intrusion !== undefined ? para(t('gathering.thresholdAct', { intrusion: p.intrusion })) : null,
          para(t('gathering.thresholdWhat')),
        ], { role: 'alert', focusable: true, class: 'schild-error-summary', title: t('gathering.thresholdTitle'), headingLevel: 4, id: 'act-threshold' }));
        summaryHost.firstChild.focus();
        return;
      }
      showFailure({ err, form, prefix, summaryHost });
    }
  });
  return h('section', { class: 'schild-action-panel schild-subsection', 'aria-labelledby': 'sec-act-form' },
    heading(3, t('gathering.actTitle'), { id: 'sec-act-form' }), form);
}

function orderForm(kind, id, reload) {
  const prefix = 'order';
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const scope = formField({ id: 'order-scope', name: 'scope', kind: 'textarea', label: t('gathering.scope'), description: t('gathering.scopeHint'), rows: 3, maxlength: 2000 });
  const until = formField({ id: 'order-until', name: 'until', label: t('gathering.until'), description: t('gathering.untilHint'), maxlength: 10, inputmode: 'numeric', autocomplete: 'off', extraClass: 'schild-textbox--date' });
  const reasoning = formField({ id: 'order-reasoning', name: 'reasoning', kind: 'textarea', label: t('gathering.reasoning'), rows: 4, maxlength: 4000 });
  const submit = button(t('gathering.recordOrder'), { type: 'submit', id: 'order-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'order-form', novalidate: true, 'aria-labelledby': 'sec-order-form' },
    summaryHost, scope.root, until.root, reasoning.root, h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = { scope: scope.control.value.trim(), until: until.control.value.trim(), reasoning: reasoning.control.value.trim() };
    const items = [];
    if (!body.scope) items.push({ path: 'scope', kind: 'required' });
    if (!body.until) items.push({ path: 'until', kind: 'required' });
    else if (!isDate(body.until)) items.push({ path: 'until', kind: 'date' });
    if (!body.reasoning) items.push({ path: 'reasoning', kind: 'required' });
    if (items.length) { showErrors({ form, prefix, summaryHost, items }); return; }
    submit.disabled = true;
    try {
      await api.recordOrder(kind, id, body);
      await reload({ type: 'ok', text: t('gathering.orderRecorded') });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showFailure({ err, form, prefix, summaryHost });
    }
  });
  return h('section', { class: 'schild-action-panel schild-subsection', 'aria-labelledby': 'sec-order-form' },
    heading(3, t('gathering.orderTitle'), { id: 'sec-order-form' }), para(t('gathering.orderIntro')), form);
}
