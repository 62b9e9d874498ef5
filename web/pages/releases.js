// Release requests for originators: the pending requests this user may decide (their
// organisation supplied the signal and they may read it), each approved or refused with a note.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, clear, alertBox, formField, button, timeEl, dataSummary } from '../dom.js';
import { clearErrors, problemMessage } from '../forms.js';
import { loadOrgs, orgLabel } from '../orgs.js';
import { signalBadges, dateEl, orgText, userText, showFailure, notice } from '../daf.js';

export async function releasesPage(ctx, opts = {}) {
  ctx.setTitle(t('releases.title'));
  let data;
  try {
    [data] = await Promise.all([api.listReleaseRequests(), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    clear(ctx.root).append(heading(1, t('releases.title')), alertBox(err.status === 403 ? 'info' : 'error', err.status === 403 ? t('errors.forbidden') : problemMessage(err), { role: 'alert' }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = data.items || [];
  const noticeEl = opts.notice ? notice(opts.notice.type, opts.notice.text, 'releases-notice') : null;
  clear(ctx.root).append(...[
    heading(1, t('releases.title'), { id: 'releases-title' }),
    ctx.takeFlash(),
    noticeEl,
    para(t('releases.intro')),
    items.length ? h('ol', { class: 'schild-requests', id: 'release-list' }, items.map((r) => requestItem(ctx, r)))
      : alertBox('info', t('releases.empty'), { class: 'schild-empty', id: 'releases-empty' }),
  ].filter(Boolean));
  if (noticeEl) noticeEl.focus();
}

// The API gives each request with its signal nested ({..., "signal": Signal}); docs/DAF.md
// describes the stub fields and text flat on the request. Both are read.
function signalOf(r) { return r.signal && typeof r.signal === 'object' ? r.signal : r; }

function requestItem(ctx, r) {
  const s = signalOf(r);
  const prefix = `decide-${r.id}`;
  const titleId = `release-${r.id}-title`;
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const note = formField({ id: `${prefix}-note`, name: 'note', kind: 'textarea', label: t('releases.note'), description: t('releases.noteHint'), rows: 3, maxlength: 2000 });
  const approve = button(t('releases.approve'), { type: 'submit', id: `${prefix}-approve` }, 'primary');
  const refuse = button(t('releases.refuse'), { id: `${prefix}-refuse` }, 'secondary');
  const form = h('form', { class: 'schild-form', id: `${prefix}-form`, novalidate: true, 'aria-labelledby': titleId },
    summaryHost, note.root, h('div', { class: 'utrecht-button-group schild-actions' }, approve, refuse));
  const decide = async (decision) => {
    clearErrors(form, summaryHost);
    approve.disabled = true; refuse.disabled = true;
    try {
      await api.decideRelease(r.id, { decision, note: note.control.value.trim(), version: r.version });
      await releasesPage(ctx, { notice: { type: 'ok', text: decision === 'approve' ? t('releases.approved', { who: r.requested_by?.username || '' }) : t('releases.refused', { who: r.requested_by?.username || '' }) } });
    } catch (err) {
      approve.disabled = false; refuse.disabled = false;
      if (err.status === 401) return;
      if (err.code === 'version_conflict' || err.code === 'invalid_transition') {
        await releasesPage(ctx, { notice: { type: 'warning', text: t('releases.gone') } });
        return;
      }
      showFailure({ err, form, prefix, summaryHost });
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); decide('approve'); });
  refuse.addEventListener('click', () => decide('refuse'));
  return h('li', { class: 'schild-request', id: `release-${r.id}`, 'data-signal': String(r.signal_id) },
    heading(2, t('releases.itemTitle', { who: r.requested_by?.username || '', id: r.signal_id }), { id: titleId }),
    signalBadges(s),
    dataSummary([
      [t('releases.requestedBy'), userText(r.requested_by)],
      [t('releases.requestedAt'), timeEl(r.requested_at)],
      [t('releases.reason'), h('span', { class: 'schild-release-reason' }, r.reason || ''), { multiline: true }],
      [t('releases.case'), r.case_id ? link(`#/zaken/${r.case_id}?signaal=${r.signal_id}`, s.case_reference || `#${r.case_id}`) : ''],
      [t('releases.received'), dateEl(s.received_at)],
      [t('releases.originator'), orgText(typeof s.source_org === 'object' ? s.source_org : orgLabel(s.source_org))],
      [t('releases.status'), label('releaseStatus', r.status)],
      s.text !== undefined ? [t('releases.text'), h('span', { class: 'schild-release-text', id: `release-${r.id}-text` }, s.text || ''), { multiline: true }] : null,
    ]),
    form);
}
