// The declared authorisation matrix (issue 7, item 10): for every route of the API, what each
// principal gets on the fixture world of authorisation_matrix.test.mjs. Not a test file itself
// (node --test runs only *.test.mjs); that test calls every route of `schild routes` as every
// principal and compares. A route of the table without a row here fails the test by name: deny by
// default has to be written down before a route can ship. docs/AUTHORISATION.md says the same in
// prose; keep the two in step.
//
// Outcome classes:
//   allow            the route's own answer: 2xx, or a 4xx about the input (400, 409, 422)
//   forbidden        403 (the viewer sees the thing, or the route is not for the role)
//   hidden           404 (need-to-know: the thing is not visible, exactly like a missing one)
//   unauthenticated  401 (no session)
//
// Principals: one user of every role in the fixture's organisations, the same role in another
// organisation ("wrong org", ROLE@other) for every role whose organisation matters, and anonymous.

export const ROLES = ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care',
  'privacy_officer', 'inspector', 'admin'];

// [username, role, org] of each principal. The fixture's organisations follow the brief of the
// matrix: the case of the fixture is an Amsterdam case, its authority the OM Amsterdam.
export const PRINCIPAL_USERS = {
  referrer: ['m-referrer', 'referrer', 'politie-amsterdam'],
  triage: ['m-triage', 'triage', 'nctv'],
  analyst: ['m-analyst', 'analyst', 'politie-amsterdam'],
  authority: ['m-authority', 'authority', 'om-amsterdam'],
  coordinator: ['m-coordinator', 'coordinator', 'politie-le'],
  unit_lead: ['m-unit-lead', 'unit_lead', 'politie-amsterdam'],
  care: ['m-care', 'care', 'om-amsterdam'],
  privacy_officer: ['m-privacy', 'privacy_officer', 'nctv'],
  inspector: ['m-inspector', 'inspector', 'inspectie-jenv'],
  admin: ['m-admin', 'admin', 'nctv'],
  // Wrong organisation: the same role elsewhere. Inspector and admin see no case content in any
  // organisation, so their organisation does not matter and they have no such column.
  'referrer@other': ['x-referrer', 'referrer', 'politie-rotterdam'],
  'triage@other': ['x-triage', 'triage', 'politie-rotterdam'],
  'analyst@other': ['x-analyst', 'analyst', 'politie-rotterdam'],
  'authority@other': ['x-authority', 'authority', 'om-rotterdam'],
  'coordinator@other': ['x-coordinator', 'coordinator', 'politie-rotterdam'],
  'unit_lead@other': ['x-unit-lead', 'unit_lead', 'politie-rotterdam'],
  'care@other': ['x-care', 'care', 'om-rotterdam'],
  'privacy_officer@other': ['x-privacy', 'privacy_officer', 'politie-rotterdam'],
};

// An API token of a partner system (docs/SECURITY.md): scope referral, organisation
// politie-amsterdam (the referring organisation of the fixture). Its service user is a referrer
// there; outside its scope every route answers 403, public routes ignore the header.
export const TOKEN = { org: 'politie-amsterdam', scope: 'referral' };

export const PRINCIPALS = ['anonymous', 'token', ...Object.keys(PRINCIPAL_USERS)];
export const OUTCOMES = ['allow', 'forbidden', 'hidden', 'unauthenticated'];

// Groups usable in a row (expanded to principals).
const OTHER = Object.keys(PRINCIPAL_USERS).filter((p) => p.endsWith('@other'));
const GROUPS = {
  // Who sees the main case: the referring organisation (politie-amsterdam: referrer, analyst,
  // unit_lead; its police unit is also the district's DRIO), the authority's organisation
  // (om-amsterdam: authority, care), the triage officer who decided, and politie-le, executor of
  // one of its measures (coordinator). Not: the NCTV (privacy officer), inspector, admin, and
  // nobody of another organisation.
  TEAM: ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care'],
  // Everyone logged in.
  ALL: Object.keys(PRINCIPAL_USERS),
  OTHER,
  // Roles that record signals and actors and see releases (every team role; not privacy officer,
  // inspector, admin), in any organisation.
  RECORDERS: ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care',
    ...OTHER.filter((p) => !p.startsWith('privacy_officer'))],
  // Roles with a case scope (all but inspector and admin), in any organisation.
  SCOPED: ['referrer', 'triage', 'analyst', 'authority', 'coordinator', 'unit_lead', 'care', 'privacy_officer',
    ...OTHER],
};

const LETTER = { A: 'allow', F: 'forbidden', H: 'hidden', U: 'unauthenticated' };

function expand(list) {
  return list.trim().split(/\s+/).flatMap((w) => GROUPS[w] || [w]);
}

// A row: `rest` for every principal not named; `named` maps a class letter (A, F, H, U) to the
// principals or groups that get it (later letters win: write general first). Anonymous gets 401
// and the token 403 (not in its scope) unless the row names them.
function row(on, rest, named = {}, why = '') {
  const expect = Object.fromEntries(PRINCIPALS.map((p) => [p, LETTER[rest]]));
  expect.anonymous = 'unauthenticated';
  expect.token = 'forbidden';
  for (const [letter, who] of Object.entries(named)) {
    for (const p of expand(who)) {
      if (!(p in expect)) throw new Error(`matrix: unknown principal ${p}`);
      expect[p] = LETTER[letter];
    }
  }
  return { on, expect, why };
}
const everyone = (on = null) => row(on, 'A', { A: 'anonymous token' }, 'public');

// The fixture each `{id}` is filled from (`on`), built by the test:
//   referredCase  a case in intake referred by politie-amsterdam (team: politie-amsterdam)
//   mainCase      a local Amsterdam case: triaged, final DI, decision with measures (in protection)
//   person        the person of mainCase
//   actor         an actor named in a signal of mainCase (so linked to it)
//   signal        a signal of mainCase (compartment police, H0)
//   release       a pending release request on an H2 signal of mainCase originated by
//                 politie-amsterdam, asked by the authority
//   finalAssessment, draftAssessment (by the analyst principal), submittedAssessment (by a second
//                 analyst of politie-amsterdam): of mainCase
//   decision, measure (executor politie-amsterdam): of mainCase
//   object, service: registered by the referrer in gemeente-amsterdam (own case; team
//                 gemeente-amsterdam, politie-amsterdam)
//   grant         a break-glass grant of the referrer of another organisation on a case of its
//                 own (glassCase, referred by politie-amsterdam), so that no other row changes
export const MATRIX = {
  'GET /api/v1/health': everyone(),
  'GET /api/v1/openapi.json': everyone(),
  'POST /api/v1/session': everyone(),
  'GET /api/v1/session': row(null, 'A', { A: 'token' }),
  'DELETE /api/v1/session': row(null, 'A'),
  // Self-enrolment of the second factor (docs/SECURITY.md): every logged-in user, for themself.
  // The test asks for a pending secret (enables nothing) and confirms with no code (400).
  'POST /api/v1/session/totp': row(null, 'A'),
  'POST /api/v1/session/totp/confirm': row(null, 'A'),
  'GET /api/v1/orgs': row(null, 'A', { A: 'token' }),

  'POST /api/v1/cases': row(null, 'F', { A: 'referrer triage referrer@other triage@other token' }),
  'GET /api/v1/cases': row(null, 'A', { F: 'inspector admin' }, 'the list is scoped; no scope: 403'),
  'GET /api/v1/cases/{id}': row('mainCase', 'H', { A: 'TEAM token' }),
  'POST /api/v1/cases/{id}/triage': row('referredCase', 'H',
    { F: 'referrer analyst unit_lead', A: 'triage triage@other' }, 'triage sees every case in intake'),
  'POST /api/v1/cases/{id}/information': row('referredCase', 'H',
    { F: 'analyst unit_lead', A: 'referrer triage triage@other' }),
  'GET /api/v1/persons/{id}': row('person', 'H', { A: 'TEAM' }),

  'POST /api/v1/cases/{id}/signals': row('mainCase', 'H', { A: 'TEAM' }),
  'GET /api/v1/cases/{id}/signals': row('mainCase', 'H', { A: 'TEAM' }),
  'POST /api/v1/signals/{id}/release-requests': row('signal', 'H', { A: 'TEAM' }),
  'GET /api/v1/release-requests': row(null, 'F', { A: 'RECORDERS' }),
  'POST /api/v1/release-requests/{id}/decision': row('release', 'H', { A: 'referrer analyst unit_lead' },
    'only the originating organisation learns that a request exists'),
  'POST /api/v1/actors': row(null, 'F', { A: 'RECORDERS' }),
  'GET /api/v1/actors': row(null, 'F', { A: 'analyst analyst@other' }),
  'GET /api/v1/actors/{id}': row('actor', 'H', { A: 'TEAM analyst@other' }, 'analysts see every actor'),
  'GET /api/v1/search': row(null, 'A', { F: 'inspector admin' }),

  'POST /api/v1/subjects/person/{id}/gathering': row('person', 'H', { F: 'TEAM', A: 'analyst unit_lead' }),
  'GET /api/v1/subjects/person/{id}/gathering': row('person', 'H', { F: 'TEAM', A: 'analyst unit_lead authority' }),
  'POST /api/v1/subjects/person/{id}/orders': row('person', 'H', { F: 'TEAM', A: 'authority' },
    'an authority of an OM organisation'),
  'POST /api/v1/subjects/actor/{id}/gathering': row('actor', 'H',
    { F: 'TEAM', A: 'analyst unit_lead analyst@other' }),
  'GET /api/v1/subjects/actor/{id}/gathering': row('actor', 'H',
    { F: 'TEAM', A: 'analyst unit_lead authority analyst@other' }),
  'POST /api/v1/subjects/actor/{id}/orders': row('actor', 'H', { F: 'TEAM analyst@other', A: 'authority' }),

  'POST /api/v1/cases/{id}/assessments': row('mainCase', 'H', { F: 'TEAM', A: 'analyst' }),
  'GET /api/v1/cases/{id}/assessments': row('mainCase', 'H', { A: 'TEAM' }),
  'GET /api/v1/assessments/{id}': row('finalAssessment', 'H', { A: 'TEAM' }),
  'PUT /api/v1/assessments/{id}': row('draftAssessment', 'H', { F: 'TEAM', A: 'analyst' }, 'the author only'),
  'POST /api/v1/assessments/{id}/submit': row('draftAssessment', 'H', { F: 'TEAM', A: 'analyst' }, 'the author only'),
  'POST /api/v1/assessments/{id}/approve': row('submittedAssessment', 'H', { F: 'TEAM', A: 'analyst' },
    'an analyst other than the author'),
  'POST /api/v1/assessments/{id}/reject': row('submittedAssessment', 'H', { F: 'TEAM', A: 'analyst' },
    'an analyst other than the author'),
  'GET /api/v1/daf/queue': row(null, 'F', { A: 'analyst analyst@other' }),
  'GET /api/v1/daf/settings': row(null, 'A'),

  'POST /api/v1/objects': row(null, 'F', { A: 'referrer triage authority referrer@other triage@other authority@other' }),
  'GET /api/v1/objects': row(null, 'A', { F: 'inspector admin' }),
  'GET /api/v1/objects/{id}': row('object', 'H', { A: 'referrer analyst unit_lead' }),
  'POST /api/v1/services': row(null, 'F', { A: 'referrer triage authority referrer@other triage@other authority@other' }),
  'GET /api/v1/services': row(null, 'A', { F: 'inspector admin' }),
  'GET /api/v1/services/{id}': row('service', 'H', { A: 'referrer analyst unit_lead' }),
  'GET /api/v1/decisions/{id}/letter.pdf': row('decision', 'H', { A: 'TEAM' }),

  'POST /api/v1/cases/{id}/decisions': row('mainCase', 'H', { F: 'TEAM', A: 'authority' },
    "the authority of the case's authority organisation"),
  'GET /api/v1/cases/{id}/decisions': row('mainCase', 'H', { A: 'TEAM' }),
  'GET /api/v1/decisions/{id}': row('decision', 'H', { A: 'TEAM' }),
  'GET /api/v1/measures/catalogue': row(null, 'A'),
  'PATCH /api/v1/measures/{id}': row('measure', 'H', { F: 'TEAM', A: 'unit_lead' },
    'a unit lead of the executing organisation'),
  'GET /api/v1/cases/{id}/measures': row('mainCase', 'H', { A: 'TEAM' }),
  'GET /api/v1/worklist': row(null, 'F', {
    A: 'authority analyst unit_lead coordinator care authority@other analyst@other unit_lead@other coordinator@other care@other',
  }),
  'POST /api/v1/cases/{id}/transfer': row('mainCase', 'H', { F: 'TEAM', A: 'triage authority' }),
  'POST /api/v1/cases/{id}/end': row('mainCase', 'H', { F: 'TEAM', A: 'authority' }),
  'GET /api/v1/limitative-list': row(null, 'F', { A: 'triage privacy_officer' },
    "the NCTV's triage, analysts, authority and privacy officer"),
  'POST /api/v1/limitative-list': row(null, 'F', {}, "the NCTV's authority only (not in this cast)"),

  // Break-glass (docs/OVERSIGHT.md): every team role may open a case outside its need-to-know,
  // in any organisation (that is the point; the role is checked before the case); the privacy
  // officer reviews the grants.
  'POST /api/v1/cases/{id}/break-glass': row('mainCase', 'F', {
    A: 'referrer triage analyst authority coordinator unit_lead care referrer@other triage@other analyst@other authority@other coordinator@other unit_lead@other care@other',
  }),
  'GET /api/v1/oversight/break-glass': row(null, 'F', { A: 'privacy_officer privacy_officer@other' }),
  'POST /api/v1/oversight/break-glass/{id}/review': row('grant', 'F', { A: 'privacy_officer privacy_officer@other' }),
  // The privacy officer's views; the figures and the audit trail also the inspector's.
  'GET /api/v1/oversight/access': row(null, 'F', { A: 'privacy_officer privacy_officer@other' }),
  'GET /api/v1/oversight/disclosures': row(null, 'F', { A: 'privacy_officer privacy_officer@other' }),
  'GET /api/v1/oversight/gathering': row(null, 'F', { A: 'privacy_officer privacy_officer@other' }),
  'GET /api/v1/oversight/figures': row(null, 'F', { A: 'privacy_officer privacy_officer@other inspector' }),
  'GET /api/v1/oversight/audit': row(null, 'F', { A: 'privacy_officer privacy_officer@other inspector' }),
};
