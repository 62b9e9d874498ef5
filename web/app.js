// Schild web UI: bootstrap, session, hash router, page chrome (header, footer, language switch).
import { t, getLang, setLang, label } from './i18n.js';
import { api, setCsrf, setUnauthenticatedHandler } from './api.js';
import { h, clear, heading, para, alertBox } from './dom.js';
import { loginPage } from './pages/login.js';
import { queuePage, casesPage } from './pages/lists.js';
import { casePage } from './pages/case.js';
import { personPage } from './pages/person.js';
import { referPage } from './pages/refer.js';
import { resetOrgs } from './orgs.js';
import { searchPage } from './pages/search.js';
import { releasesPage } from './pages/releases.js';
import { actorPage } from './pages/actor.js';
import { dafQueuePage } from './pages/dafqueue.js';
import { assessmentPage, assessmentNewPage, assessmentEditPage } from './pages/assessment.js';
import { CONTENT_ROLES, SIGNAL_ROLES } from './daf.js';
import { decisionPage } from './pages/decision.js';
import { transferPage, endPage } from './pages/transfer.js';
import { worklistPage, WORKLIST_ROLES } from './pages/worklist.js';
import { objectsPage, objectPage, servicePage } from './pages/objects.js';
import { breakGlassBanner, breakGlassReviewPage, activeGrants } from './pages/breakglass.js';
import {
  OVERSIGHT_ROLES, FIGURES_ROLES, oversightSubnav, oversightIndexPage, accessPage, disclosuresPage,
  gatheringOversightPage, figuresPage, auditPage,
} from './pages/oversight.js';
import { accountPage } from './pages/account.js';

const state = {
  user: null,
  flash: null,
  returnTo: null,
  renderSeq: 0,
  firstRender: true,
  focusAfterRender: null,
  breakGlass: [], // running break-glass grants of this session (GET /api/v1/session)
  bannerTimer: null,
};

export const REFER_ROLES = ['referrer', 'triage'];

const routes = [
  { re: /^\/inloggen$/, page: loginPage, public: true },
  { re: /^\/wachtrij$/, page: queuePage, roles: ['triage'] },
  { re: /^\/zaken$/, page: casesPage },
  { re: /^\/zaken\/(\d+)$/, page: casePage },
  { re: /^\/personen\/(\d+)$/, page: personPage },
  { re: /^\/aanmelden$/, page: referPage, roles: REFER_ROLES },
  { re: /^\/zaken\/(\d+)\/dreigingsbeoordeling$/, page: assessmentNewPage, roles: ['analyst'] },
  { re: /^\/beoordelingen\/(\d+)$/, page: assessmentPage },
  { re: /^\/beoordelingen\/(\d+)\/bewerken$/, page: assessmentEditPage, roles: ['analyst'] },
  { re: /^\/actoren\/(\d+)$/, page: actorPage },
  { re: /^\/zoeken$/, page: searchPage, roles: CONTENT_ROLES },
  { re: /^\/vrijgaveverzoeken$/, page: releasesPage, roles: SIGNAL_ROLES },
  { re: /^\/daf-werkvoorraad$/, page: dafQueuePage, roles: ['analyst'] },
  { re: /^\/zaken\/(\d+)\/besluit$/, page: decisionPage, roles: ['authority'] },
  { re: /^\/zaken\/(\d+)\/overdragen$/, page: transferPage, roles: ['authority', 'triage'] },
  { re: /^\/zaken\/(\d+)\/beeindigen$/, page: endPage, roles: ['authority'] },
  { re: /^\/werklijst$/, page: worklistPage, roles: WORKLIST_ROLES },
  { re: /^\/objecten$/, page: objectsPage, roles: CONTENT_ROLES },
  { re: /^\/objecten\/(\d+)$/, page: objectPage, roles: CONTENT_ROLES },
  { re: /^\/diensten\/(\d+)$/, page: servicePage, roles: CONTENT_ROLES },
  { re: /^\/account$/, page: accountPage },
  { re: /^\/toezicht$/, page: oversightIndexPage, roles: OVERSIGHT_ROLES },
  { re: /^\/toezicht\/noodtoegang$/, page: (ctx) => breakGlassReviewPage(ctx, { subnav: oversightSubnav(ctx) }), roles: OVERSIGHT_ROLES },
  { re: /^\/toezicht\/raadplegingen$/, page: accessPage, roles: OVERSIGHT_ROLES },
  { re: /^\/toezicht\/verstrekkingen$/, page: disclosuresPage, roles: OVERSIGHT_ROLES },
  { re: /^\/toezicht\/verzameling$/, page: gatheringOversightPage, roles: OVERSIGHT_ROLES },
  { re: /^\/toezicht\/cijfers$/, page: figuresPage, roles: FIGURES_ROLES },
  { re: /^\/toezicht\/audittrail$/, page: auditPage, roles: FIGURES_ROLES },
];

function homePath(user) {
  if (!user) return '/inloggen';
  if (user.role === 'inspector') return '/toezicht/cijfers'; // the inspector sees no case pages
  return user.role === 'triage' ? '/wachtrij' : '/zaken';
}

function parseHash() {
  const hash = location.hash || '';
  if (hash === '' || hash === '#' || hash === '#/') return { path: '/', query: new URLSearchParams() };
  if (!hash.startsWith('#/')) return null; // an in-page anchor such as the skip link target
  const [path, qs] = hash.slice(1).split('?');
  return { path, query: new URLSearchParams(qs || '') };
}

export function navigate(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function replaceRoute(path) {
  history.replaceState(null, '', `#${path}`);
}

export function setFlash(type, text) { state.flash = { type, text }; }

function takeFlash() {
  const f = state.flash;
  state.flash = null;
  if (!f) return null;
  return alertBox(f.type, f.text, { role: f.type === 'error' ? 'alert' : 'status', class: 'schild-flash' });
}

// ---------- chrome ----------
const els = {};

function buildChrome() {
  els.skip = document.getElementById('skiplink');
  els.header = document.getElementById('kop');
  els.main = document.getElementById('inhoud');
  els.content = document.getElementById('content');
  els.footer = document.getElementById('voet');
  els.banner = h('div', { class: 'schild-banner-host', id: 'break-glass-host' });
  els.main.insertBefore(els.banner, els.content);
  els.skip.addEventListener('click', (e) => {
    e.preventDefault();
    els.main.focus();
    els.main.scrollIntoView();
  });
}

function switchLanguage() {
  setLang(getLang() === 'nl' ? 'en' : 'nl');
  state.focusAfterRender = 'lang';
  render();
}

async function logout() {
  try { await api.logout(); } catch { /* the session is gone either way */ }
  state.user = null;
  state.breakGlass = [];
  setCsrf(null);
  resetOrgs();
  setFlash('ok', t('login.loggedOut'));
  state.focusAfterRender = null;
  navigate('/inloggen');
}

function renderHeader(currentPath) {
  const user = state.user;
  const logo = h('a', { class: 'schild-logo-link', href: user ? `#${homePath(user)}` : '#/inloggen' },
    h('figure', { class: 'rhc-logo schild-logo' },
      h('div', { class: 'rhc-logo__image' }, h('img', { src: '/logo.svg', alt: '', width: '48', height: '96' })),
      h('figcaption', { class: 'rhc-logo__caption' },
        h('p', { class: 'rhc-logo__title' }, t('app.name')),
        h('p', { class: 'rhc-logo__subtitle' }, t('app.subtitle')))));

  const other = getLang() === 'nl' ? 'en' : 'nl';
  const langButton = h('button', {
    type: 'button', id: 'lang-switch', lang: other, 'aria-label': t('lang.switchLabel'),
    class: 'utrecht-button utrecht-button--subtle schild-lang',
    on: { click: switchLanguage },
  }, t('lang.switch'));

  const userPanel = h('div', { class: 'schild-user' },
    user ? h('p', { class: 'nl-paragraph schild-user__who', id: 'current-user' },
      h('span', { class: 'rhc-visually-hidden' }, `${t('user.loggedInAs')} `),
      h('strong', { class: 'schild-user__name' }, user.display_name || user.username),
      h('span', { class: 'schild-user__meta' },
        h('span', { class: 'schild-user__role' }, label('role', user.role)),
        ' · ',
        h('span', { class: 'schild-user__org' }, (user.org && (user.org.name || user.org.code)) || ''))) : null,
    h('div', { class: 'schild-user__actions' },
      langButton,
      user ? h('a', {
        href: '#/account', id: 'account-link', class: 'utrecht-button utrecht-button--subtle schild-account-link',
        'aria-current': currentPath === '/account' ? 'page' : null,
      }, t('account.link')) : null,
      user ? h('button', {
        type: 'button', id: 'logout', class: 'utrecht-button utrecht-button--secondary-action schild-logout',
        on: { click: logout },
      }, t('user.logout')) : null));

  const items = [];
  if (user) {
    if (user.role === 'triage') items.push(['/wachtrij', t('nav.queue')]);
    if (user.role === 'inspector') {
      items.push(['/toezicht/cijfers', t('ov.nav.figures')], ['/toezicht/audittrail', t('ov.nav.audit')]);
    } else items.push(['/zaken', user.role === 'referrer' ? t('nav.myCases') : t('nav.cases')]);
    if (WORKLIST_ROLES.includes(user.role)) items.push(['/werklijst', ['unit_lead', 'coordinator'].includes(user.role) ? t('nav.orders') : t('nav.worklist')]);
    if (user.role === 'analyst') items.push(['/daf-werkvoorraad', t('nav.dafQueue')]);
    if (CONTENT_ROLES.includes(user.role)) items.push(['/zoeken', t('nav.search')]);
    if (CONTENT_ROLES.includes(user.role)) items.push(['/objecten', t('nav.objects')]);
    if (SIGNAL_ROLES.includes(user.role)) items.push(['/vrijgaveverzoeken', t('nav.releases')]);
    if (REFER_ROLES.includes(user.role)) items.push(['/aanmelden', t('nav.refer')]);
    if (OVERSIGHT_ROLES.includes(user.role)) items.push(['/toezicht', t('ov.nav.oversight')]);
  }
  const section = currentPath.split('/').slice(0, 2).join('/');
  const nav = items.length ? h('nav', { class: 'schild-navbar', 'aria-label': t('app.mainNav') },
    h('div', { class: 'rhc-nav-bar schild-container' },
      h('ul', { class: 'rhc-nav-bar__list' },
        items.map(([path, text]) => h('li', { class: 'schild-navbar__item' },
          h('a', {
            class: 'nl-link rhc-nav-bar__link',
            href: `#${path}`,
            'aria-current': path === currentPath || path === section || (path === '/zaken' && ['/personen', '/actoren', '/beoordelingen'].includes(section)) || (path === '/objecten' && section === '/diensten') ? 'page' : null,
          }, text)))))) : h('div', { class: 'schild-navbar schild-navbar--empty' });

  clear(els.header).append(
    h('div', { class: 'utrecht-page-header__content schild-header__top schild-container' },
      h('div', { class: 'schild-header__spacer' }), logo, userPanel),
    nav);
}

// The break-glass banner above every page while a grant lasts (docs/OVERSIGHT.md "Break-glass").
// It disappears by itself when the last grant ends.
function renderBanner() {
  if (!els.banner) return;
  clearTimeout(state.bannerTimer);
  const live = state.user ? activeGrants(state.breakGlass) : [];
  clear(els.banner);
  const banner = breakGlassBanner(live);
  if (banner) els.banner.append(banner);
  const ends = live.map((g) => new Date(g.expires_at).getTime()).filter((x) => Number.isFinite(x));
  if (ends.length) state.bannerTimer = setTimeout(renderBanner, Math.min(Math.max(1000, Math.min(...ends) - Date.now() + 500), 2 ** 31 - 1));
}

function takeSession(session) {
  state.user = session.user;
  state.breakGlass = session.break_glass || session.user?.break_glass || [];
  setCsrf(session.csrf_token);
}

// Reads the session again (after a break-glass grant, say) and redraws the banner.
async function refreshSession() {
  try {
    const session = await api.getSession();
    if (session && session.user) { state.breakGlass = session.break_glass || session.user.break_glass || []; }
  } catch { /* a 401 is handled where it matters: the next request */ }
  renderBanner();
}

function renderFooter() {
  clear(els.footer).append(
    h('div', { class: 'rhc-page-footer__wrapper schild-container' },
      h('div', { class: 'rhc-page-footer__content' },
        h('div', { class: 'rhc-page-footer__section' },
          h('p', { class: 'nl-paragraph rhc-page-footer__title schild-footer__title' }, t('app.footer.title')),
          para(t('app.footer.text')),
          para(t('app.footer.demo'))))));
}

// ---------- rendering ----------
export async function render() {
  const route = parseHash();
  if (!route) return; // in-page anchor: leave the page alone
  const seq = ++state.renderSeq;
  document.documentElement.lang = getLang();
  els.skip.textContent = t('app.skip');

  let path = route.path;
  if (path === '/') { path = homePath(state.user); replaceRoute(path); }

  let match = null;
  let params = [];
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) { match = r; params = m.slice(1); break; }
  }
  if (match && !match.public && !state.user) {
    state.returnTo = path + (route.query.toString() ? `?${route.query}` : '');
    path = '/inloggen';
    replaceRoute(path);
    match = routes[0];
    params = [];
  } else if (match === routes[0] && state.user) {
    path = homePath(state.user);
    replaceRoute(path);
    return render();
  }

  renderHeader(path);
  renderBanner();
  renderFooter();
  const root = clear(els.content);
  const ctx = {
    user: state.user,
    params,
    query: route.query,
    path,
    root,
    navigate,
    setFlash,
    takeFlash,
    isCurrent: () => seq === state.renderSeq,
    setTitle: (text) => { document.title = t('app.title', { page: text }); },
    focusTarget: null,
    refreshSession,
    onLogin: async (session) => {
      takeSession(session);
      if (!session.break_glass) await refreshSession();
      const to = state.returnTo || homePath(state.user);
      state.returnTo = null;
      navigate(to);
    },
  };

  if (!match) {
    ctx.setTitle(t('errors.pageNotFound'));
    root.append(heading(1, t('errors.pageNotFound'), { tabindex: '-1' }), para(t('errors.pageNotFoundText')));
  } else if (match.roles && !match.roles.includes(state.user.role)) {
    if (match.page === queuePage) { replaceRoute('/zaken'); return render(); }
    ctx.setTitle(t('errors.noAccess'));
    root.append(heading(1, t('errors.noAccess'), { tabindex: '-1' }), alertBox('warning', match.page === referPage ? t('refer.notAllowed') : t('errors.forbidden')));
  } else {
    root.append(h('p', { class: 'nl-paragraph schild-loading', role: 'status' }, t('app.loading')));
    try {
      await match.page(ctx);
    } catch (err) {
      if (!ctx.isCurrent()) return;
      if (err && err.status === 401) return; // handled by the unauthenticated handler
      console.error(err);
      clear(root).append(heading(1, t('errors.generic'), { tabindex: '-1' }), alertBox('error', t('errors.server')));
    }
  }
  if (!ctx.isCurrent()) return;
  root.querySelector('.schild-loading')?.remove();
  afterRender(ctx);
}

function afterRender(ctx) {
  const first = state.firstRender;
  state.firstRender = false;
  const focus = state.focusAfterRender;
  state.focusAfterRender = null;
  if (focus === 'lang') { document.getElementById('lang-switch')?.focus(); return; }
  if (first && !ctx.focusTarget) return;
  const target = ctx.focusTarget || ctx.root.querySelector('.schild-error-summary') || ctx.root.querySelector('h1');
  if (target) {
    if (!target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

// ---------- start ----------
async function start() {
  buildChrome();
  document.documentElement.lang = getLang();
  setUnauthenticatedHandler(() => {
    if (!state.user) return;
    state.user = null;
    state.breakGlass = [];
    setCsrf(null);
    setFlash('warning', t('login.expired'));
    const route = parseHash();
    if (route && route.path !== '/inloggen') state.returnTo = route.path + (route.query.toString() ? `?${route.query}` : '');
    navigate('/inloggen');
  });
  try {
    const session = await api.getSession();
    takeSession(session);
  } catch {
    state.user = null;
  }
  window.addEventListener('hashchange', () => render());
  await render();
  document.body.classList.add('schild-ready');
}

start();
