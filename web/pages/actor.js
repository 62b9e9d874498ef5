// The actor page: a threat actor's details, the linked cases the user may see (and how many
// others there are), and the information gathered about the actor.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, table, clear, alertBox, dataSummary, statusBadge, timeEl } from '../dom.js';
import { problemMessage } from '../forms.js';
import { loadOrgs, orgLabel } from '../orgs.js';
import { gatheringSection } from './gathering.js';

export async function actorPage(ctx) {
  const id = ctx.params[0];
  let a;
  try {
    [a] = await Promise.all([api.getActor(id), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    ctx.setTitle(t('actor.notFound'));
    clear(ctx.root).append(heading(1, t('actor.notFound')),
      alertBox(err.status === 404 || err.status === 403 ? 'warning' : 'error', err.status === 404 || err.status === 403 ? t('actor.notFoundText') : problemMessage(err)),
      para(link('#/zaken', t('nav.cases'))));
    return;
  }
  if (!ctx.isCurrent()) return;
  const name = a.name || `${t('actor.title')} ${a.id}`;
  ctx.setTitle(name);
  const cases = a.cases || [];
  const others = Number(a.other_cases || 0);
  clear(ctx.root).append(...[
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, `${t('actor.title')} · ${label('actorKind', a.kind)}`),
    heading(1, name, { id: 'actor-title' }),
    ctx.takeFlash(),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-actor' },
      heading(2, t('actor.details'), { id: 'sec-actor' }),
      dataSummary([
        [t('actor.kind'), label('actorKind', a.kind)],
        [t('actor.name'), h('span', { id: 'actor-name' }, a.name || '')],
        [t('actor.description'), h('span', { id: 'actor-description' }, a.description || ''), { multiline: true }],
        [t('actor.createdBy'), orgLabel(a.created_by_org)],
        [t('actor.createdAt'), timeEl(a.created_at)],
      ])),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-actor-cases' },
      heading(2, t('actor.cases'), { id: 'sec-actor-cases' }),
      cases.length ? table({
        id: 'actor-cases', caption: t('actor.cases'), captionHidden: true,
        columns: [
          { title: t('col.reference'), cell: (c) => link(`#/zaken/${c.id}`, c.reference || `#${c.id}`) },
          { title: t('col.status'), cell: (c) => statusBadge(c.status) },
          { title: t('col.summary'), class: 'schild-col-summary', cell: (c) => c.summary || '' },
        ],
        rows: cases,
      }) : para(t('actor.noCases')),
      others > 0 ? alertBox('info', others === 1 ? t('actor.otherOne') : t('actor.otherMany', { n: others }), { id: 'actor-other-cases' }) : null),
    gatheringSection(ctx, 'actor', a.id),
  ].filter(Boolean));
}
