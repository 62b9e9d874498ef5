// The person page: personal data, the cases the user may see, a timeline across them, and the
// information gathered about the person (for the roles that may see it).
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, table, clear, alertBox, formatDate, personName, dataSummary, statusBadge } from '../dom.js';
import { problemMessage } from '../forms.js';
import { timeline } from './case.js';
import { loadOrgs } from '../orgs.js';
import { gatheringSection } from './gathering.js';

export async function personPage(ctx) {
  const id = ctx.params[0];
  let p;
  try {
    [p] = await Promise.all([api.getPerson(id), loadOrgs()]);
  } catch (err) {
    if (!ctx.isCurrent() || err.status === 401) throw err;
    ctx.setTitle(t('person.notFound'));
    clear(ctx.root).append(heading(1, t('person.notFound')),
      alertBox(err.status === 404 ? 'warning' : 'error', err.status === 404 ? t('person.notFoundText') : problemMessage(err)),
      para(link('#/zaken', t('nav.cases'))));
    return;
  }
  if (!ctx.isCurrent()) return;
  const name = personName(p) || `${t('person.title')} ${p.id}`;
  ctx.setTitle(name);
  clear(ctx.root).append(...[
    h('p', { class: 'utrecht-pre-heading schild-pre-heading' }, t('person.title')),
    heading(1, name, { id: 'person-title' }),
    ctx.takeFlash(),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person' },
      heading(2, t('person.details'), { id: 'sec-person' }),
      dataSummary([
        [t('person.givenNames'), p.given_names || ''],
        [t('person.prefix'), p.surname_prefix || ''],
        [t('person.surname'), p.surname || ''],
        [t('person.dob'), p.date_of_birth ? h('time', { datetime: p.date_of_birth }, formatDate(p.date_of_birth)) : ''],
        [t('person.function'), p.function || ''],
      ])),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-cases' },
      heading(2, t('person.cases'), { id: 'sec-person-cases' }),
      p.cases && p.cases.length ? table({
        id: 'person-cases', caption: t('person.cases'), captionHidden: true,
        columns: [
          { title: t('col.reference'), cell: (c) => link(`#/zaken/${c.id}`, c.reference || `#${c.id}`) },
          { title: t('col.status'), cell: (c) => statusBadge(c.status) },
          { title: t('col.domain'), cell: (c) => (c.domain ? label('domain', c.domain) : t('domain.none')) },
        ],
        rows: p.cases,
      }) : para(t('person.noCases'))),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-timeline' },
      heading(2, t('person.timeline'), { id: 'sec-person-timeline' }),
      h('div', { id: 'person-timeline' }, timeline(p.timeline, { caseLinks: true, emptyText: t('case.noTimeline') }))),
    gatheringSection(ctx, 'person', p.id),
  ].filter(Boolean));
}
