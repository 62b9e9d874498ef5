// The DAF work queue for analysts: what needs attention over the cases they see, most urgent
// first, in the order the API gives (reviews, expiring assessments, new signals, first ones).
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, table, clear, alertBox, urgentBadge } from '../dom.js';
import { problemMessage } from '../forms.js';
import { dateEl } from '../daf.js';

function reasonText(item) {
  if (item.reason === 'new_signals' && item.new_signals) return t('dafqueue.reason.new_signals_n', { n: item.new_signals });
  return label('dafqueue.reason', item.reason);
}

export async function dafQueuePage(ctx) {
  ctx.setTitle(t('dafqueue.title'));
  let data;
  try {
    data = await api.dafQueue();
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, t('dafqueue.title')), alertBox('error', problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  clear(ctx.root).append(...[
    heading(1, t('dafqueue.title'), { id: 'dafqueue-title' }),
    ctx.takeFlash(),
    para(t('dafqueue.intro')),
    items.length ? table({
      id: 'dafqueue-table', caption: t('dafqueue.caption'), captionHidden: true,
      columns: [
        { title: t('col.reference'), cell: (x) => [link(`#/zaken/${x.case_id}`, x.case_reference || `#${x.case_id}`, { class: 'schild-ref' }), x.urgent ? [h('br'), urgentBadge()] : null] },
        { title: t('dafqueue.reason'), cell: (x) => h('span', { class: 'schild-queue-reason', 'data-reason': x.reason }, reasonText(x)) },
        { title: t('col.phenomenon'), cell: (x) => label('phenomenon', x.phenomenon) },
        { title: t('dafqueue.since'), cell: (x) => dateEl(x.since ? String(x.since).slice(0, 10) : null) },
        { title: t('assessment.validUntil'), cell: (x) => dateEl(x.valid_until) },
        { title: t('dafqueue.assessment'), cell: (x) => (x.assessment_id ? link(`#/beoordelingen/${x.assessment_id}`, t('dafqueue.openAssessment', { id: x.assessment_id })) : t('common.none')) },
      ],
      rows: items,
    }) : alertBox('info', t('dafqueue.empty'), { class: 'schild-empty' }),
  ].filter(Boolean));
}
