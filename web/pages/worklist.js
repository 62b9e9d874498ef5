// The work list (#/werklijst, GET /api/v1/worklist): per role what needs attention. The
// authority and the DAF see cases with their red flags; the unit lead and the coordinator the
// orders board (open measures their organisation executes, grouped by status), where a unit lead
// moves a measure on with a note; care sees the closed cases whose aftercare contact is due.
import { t, label } from '../i18n.js';
import { h, heading, para, link, table, clear, alertBox, formField, button, urgentBadge, statusBadge } from '../dom.js';
import { problemMessage } from '../forms.js';
import { loadOrgs, orgLabel } from '../orgs.js';
import { dateEl, notice } from '../daf.js';
import { dapi, loadCatalogue, measureLabel, flagBadges, measureStatusBadge, movesFrom } from '../measures.js';

export const WORKLIST_ROLES = ['authority', 'analyst', 'unit_lead', 'coordinator', 'care'];
const BOARD = ['planned', 'active', 'suspended'];

function reasonText(reason) {
  return label('wreason', reason);
}

function casesTable(items) {
  return table({
    id: 'worklist-table', caption: t('worklist.caption'), captionHidden: true,
    columns: [
      { title: t('col.reference'), cell: (x) => [link(`#/zaken/${x.case_id}`, x.case_reference || `#${x.case_id}`, { class: 'schild-ref' }), x.urgent ? [h('br'), urgentBadge()] : null] },
      { title: t('worklist.reason'), cell: (x) => h('ul', { class: 'schild-plain-list' }, x.reasons.map((reason) => h('li', { class: 'schild-queue-reason', 'data-reason': reason }, reasonText(reason)))) },
      { title: t('col.status'), cell: (x) => (x.status ? statusBadge(x.status) : t('common.none')) },
      { title: t('worklist.subject'), cell: (x) => label('subject', x.subject || 'persons') },
      { title: t('flag.heading'), cell: (x) => flagBadges(x.flags) || t('common.none') },
    ],
    rows: items,
  });
}

export async function worklistPage(ctx) {
  ctx.setTitle(t('worklist.title'));
  let data;
  try {
    [data] = await Promise.all([dapi.worklist(), loadOrgs(), loadCatalogue().catch(() => null)]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, t('worklist.title')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  showWorklist(ctx, data, { flash: ctx.takeFlash() });
}

function showWorklist(ctx, data, { flash, noticeOpt } = {}) {
  const role = data.role || ctx.user.role;
  const isBoard = role === 'unit_lead' || role === 'coordinator';
  const title = isBoard ? t('worklist.boardTitle') : t('worklist.title');
  ctx.setTitle(title);
  const noticeEl = noticeOpt ? notice(noticeOpt.type, noticeOpt.text, 'worklist-notice') : null;
  const parts = [heading(1, title, { id: 'worklist-title' }), flash, noticeEl, para(t(`worklist.intro.${role}`))];
  if (isBoard) {
    const orders = data.orders || [];
    if (!orders.length) parts.push(alertBox('info', t('worklist.noOrders'), { class: 'schild-empty', id: 'worklist-empty' }));
    else parts.push(h('div', { class: 'schild-board', id: 'orders-board' }, BOARD.map((s) => boardColumn(ctx, s, orders.filter((m) => m.status === s), role))));
  } else {
    const items = data.items || [];
    parts.push(items.length ? casesTable(items) : alertBox('info', t('worklist.empty'), { class: 'schild-empty', id: 'worklist-empty' }));
  }
  clear(ctx.root).append(...parts.filter(Boolean));
  if (noticeEl) { ctx.focusTarget = noticeEl; noticeEl.focus(); }
}

function boardColumn(ctx, status, measures, role) {
  const id = `board-${status}`;
  return h('section', { class: 'schild-board__column', 'aria-labelledby': `${id}-title`, id },
    heading(2, `${label('mstatus', status)} (${measures.length})`, { id: `${id}-title` }),
    measures.length ? h('ul', { class: 'schild-board__list' }, measures.map((m) => h('li', {}, orderCard(ctx, m, role))))
      : para(t('worklist.columnEmpty')));
}

function orderCard(ctx, m, role) {
  const titleId = `order-${m.id}-title`;
  const note = formField({ id: `order-${m.id}-note`, name: 'note', kind: 'textarea', label: t('worklist.note'), optional: true, rows: 2, maxlength: 2000 });
  const msgHost = h('div', { class: 'schild-summary-host' });
  const moves = role === 'unit_lead' ? movesFrom(m.status) : [];
  // the card's buttons name their measure and case for those who hear them out of context
  const hiddenName = h('span', { class: 'rhc-visually-hidden' }, `: ${measureLabel(m)}, ${m.case_reference || m.case_id}`);
  const buttons = moves.map((to) => button([t(`worklist.move.${m.status === 'suspended' && to === 'active' ? 'resume' : to}`), hiddenName.cloneNode(true)], {
    id: `order-${m.id}-${to}`, 'data-move': to,
    on: { click: () => move(ctx, m, to, note.control.value.trim(), msgHost) },
  }, to === 'ended' ? 'secondary' : 'primary'));
  return h('article', { class: 'schild-order', 'aria-labelledby': titleId, 'data-measure': m.id },
    heading(3, measureLabel(m), { id: titleId }),
    h('p', { class: 'nl-paragraph' }, link(`#/zaken/${m.case_id}`, m.case_reference || `#${m.case_id}`), ' · ', measureStatusBadge(m.status)),
    h('p', { class: 'nl-paragraph schild-muted' }, m.executor_org_name || orgLabel(m.executor_org), ' · ', dateEl(m.start), ' – ', m.end ? dateEl(m.end) : t('decision.untilFurther')),
    m.details ? h('p', { class: 'nl-paragraph schild-multiline' }, m.details) : null,
    m.note ? h('p', { class: 'nl-paragraph schild-multiline' }, h('strong', {}, `${t('decision.note')}: `), m.note) : null,
    msgHost,
    buttons.length ? [note.root, h('div', { class: 'utrecht-button-group' }, buttons)] : null);
}

async function move(ctx, m, to, note, msgHost) {
  const body = { status: to, version: m.version };
  if (note) body.note = note;
  try {
    await dapi.moveMeasure(m.id, body);
  } catch (err) {
    if (err.status === 401) return;
    const text = err.code === 'version_conflict' ? t('worklist.err.version_conflict')
      : err.code === 'invalid_transition' ? t('worklist.err.invalid_transition') : problemMessage(err);
    if (err.code === 'version_conflict' || err.code === 'invalid_transition') { await reload(ctx, { type: 'warning', text }); return; }
    clear(msgHost).append(alertBox('error', text, { role: 'alert', focusable: true }));
    msgHost.firstChild.focus();
    return;
  }
  await reload(ctx, { type: 'ok', text: t('worklist.moved', { measure: measureLabel(m), status: label('mstatus', to) }) });
}

async function reload(ctx, noticeOpt) {
  let data;
  try { data = await dapi.worklist(); } catch (err) {
    if (err.status === 401) return;
    clear(ctx.root).append(heading(1, t('worklist.title')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  showWorklist(ctx, data, { noticeOpt });
}
