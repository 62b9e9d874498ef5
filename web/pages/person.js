// The person page: personal data, the cases the user may see, a timeline across them, and the
// information gathered about the person (for the roles that may see it).
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, link, table, clear, alertBox, formatDate, personName, dataSummary, statusBadge } from '../dom.js';
import { problemMessage } from '../forms.js';
import { timeline } from './case.js';
import { loadOrgs } from '../orgs.js';
import { gatheringSection } from './gathering.js';
import { flagBadges, loadCatalogue, letterHref } from '../measures.js';
import { measuresTable } from './decision.js';
import { timeEl } from '../dom.js';
import { orgLabel } from '../orgs.js';
import { dateEl } from '../daf.js';

// Decisions, measures and refusals across the person's visible cases (docs/DECISIONS.md).
function protectionSections(p) {
  const decisions = p.decisions || [];
  const refusals = p.refusals || [];
  const cp = p.contact_person;
  return [
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-household' },
      heading(2, t('person.household'), { id: 'sec-person-household' }),
      p.household && p.household.length ? h('ul', { class: 'schild-plain-list', id: 'person-household' },
        p.household.map((x) => h('li', {}, link(`#/personen/${x.id}`, personName(x) || `#${x.id}`), x.function ? ` (${x.function})` : '')))
        : para(t('person.noHousehold')),
      dataSummary([[t('person.contactPerson'), h('span', { id: 'person-contact' }, cp ? (cp.display_name || cp.username) : t('person.noContact'))]])),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-decisions' },
      heading(2, t('person.decisions'), { id: 'sec-person-decisions' }),
      decisions.length ? table({
        id: 'person-decisions', caption: t('person.decisions'), captionHidden: true,
        columns: [
          { title: t('decision.number'), cell: (d) => t('decision.numberN', { id: d.id }) },
          { title: t('col.reference'), cell: (d) => link(`#/zaken/${d.case_id}`, d.case_reference || `#${d.case_id}`) },
          { title: t('decision.decidedAt'), cell: (d) => timeEl(d.decided_at) },
          { title: t('col.status'), cell: (d) => label('dstatus', d.status) },
          { title: t('decision.reviewDate'), cell: (d) => dateEl(d.review_date) },
          { title: t('decision.letter'), cell: (d) => h('a', { class: 'nl-link', href: letterHref(d.id), target: '_blank', rel: 'noopener' }, t('decision.letterFor', { id: d.id })) },
        ],
        rows: decisions,
      }) : para(t('person.noDecisions'))),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-measures' },
      heading(2, t('decision.measures'), { id: 'sec-person-measures' }),
      p.measures && p.measures.length ? measuresTable(p.measures, { id: 'person-measures', withCase: true }) : para(t('decision.noMeasures'))),
    refusals.length ? h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-refusals' },
      heading(2, t('person.refusals'), { id: 'sec-person-refusals' }),
      h('ul', { class: 'schild-plain-list', id: 'person-refusals' }, refusals.map((r) => h('li', {},
        link(`#/zaken/${r.case_id}`, r.case_reference || `#${r.case_id}`), ' · ', t('decision.numberN', { id: r.id }), ': ',
        h('span', { class: 'schild-multiline' }, r.tbp_refusal || ''))))) : null,
  ];
}

export async function personPage(ctx) {
  const id = ctx.params[0];
  let p;
  try {
    [p] = await Promise.all([api.getPerson(id), loadOrgs(), loadCatalogue().catch(() => null)]);
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
        p.employer_org ? [t('person.employer'), orgLabel(p.employer_org)] : null,
      ])),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-cases' },
      heading(2, t('person.cases'), { id: 'sec-person-cases' }),
      p.cases && p.cases.length ? table({
        id: 'person-cases', caption: t('person.cases'), captionHidden: true,
        columns: [
          { title: t('col.reference'), cell: (c) => link(`#/zaken/${c.id}`, c.reference || `#${c.id}`) },
          { title: t('col.status'), cell: (c) => statusBadge(c.status) },
          { title: t('col.domain'), cell: (c) => (c.domain ? label('domain', c.domain) : t('domain.none')) },
          { title: t('flag.heading'), cell: (c) => flagBadges(c.flags) || t('common.none') },
        ],
        rows: p.cases,
      }) : para(t('person.noCases'))),
    ...protectionSections(p),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-person-timeline' },
      heading(2, t('person.timeline'), { id: 'sec-person-timeline' }),
      h('div', { id: 'person-timeline' }, timeline(p.timeline, { caseLinks: true, emptyText: t('case.noTimeline') }))),
    gatheringSection(ctx, 'person', p.id),
  ].filter(Boolean));
}
