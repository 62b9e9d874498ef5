// "Mijn account": who is logged in, and enrolling the second factor (docs/SECURITY.md "Second
// factor (TOTP)", self-enrolment). The secret is shown as text and as the otpauth URI, to type or
// paste into an authenticator app; no outside QR service sees it. The recovery codes are shown
// once, right after confirming.
import { t, label } from '../i18n.js';
import { request } from '../api.js';
import { h, heading, para, clear, alertBox, formField, button, dataSummary, orgName } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';

const totpApi = {
  start: () => request('POST', '/api/v1/session/totp'),
  confirm: (code) => request('POST', '/api/v1/session/totp/confirm', { code }),
};

// The base32 secret in groups of four, easier to type over.
function grouped(secret) {
  return String(secret || '').replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function errorBox(host, text) {
  clear(host).append(alertBox('error', text, { role: 'alert', focusable: true, class: 'schild-error-summary' }));
  host.firstChild.focus();
}

function recoveryCodesView(codes) {
  return h('div', { id: 'totp-done' },
    alertBox('ok', t('totp.enabled'), { role: 'status' }),
    alertBox('warning', [
      para(t('totp.codesWarning')),
      h('ol', { class: 'utrecht-ordered-list schild-recovery-codes', id: 'totp-recovery-codes' },
        codes.map((c) => h('li', { class: 'utrecht-ordered-list__item' }, h('code', {}, c)))),
      para(t('totp.codesOnce')),
    ], { title: t('totp.codesTitle'), titleId: 'totp-codes-title', labelledby: 'totp-codes-title', headingLevel: 3, focusable: true, id: 'totp-codes' }));
}

function confirmStep(host, enrolment) {
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const code = formField({
    id: 'totp-code', name: 'code', label: t('totp.confirmCode'), description: t('totp.codeHint'),
    autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, spellcheck: 'false', extraClass: 'schild-textbox--code',
  });
  const submit = button(t('totp.confirm'), { type: 'submit', id: 'totp-confirm' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--narrow', id: 'totp-form', novalidate: true, 'aria-labelledby': 'totp-step2' },
    summaryHost, code.root, h('div', { class: 'utrecht-button-group schild-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const value = code.control.value.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      showErrors({ form, prefix: 'totp', summaryHost, items: [{ path: 'code', text: value ? t('totp.codeFormat') : t('totp.codeMissing') }] });
      return;
    }
    submit.disabled = true;
    try {
      const r = await totpApi.confirm(value);
      const done = recoveryCodesView(r.recovery_codes || []);
      clear(host).append(done);
      done.querySelector('#totp-codes').focus();
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.status === 422) {
        showErrors({ form, prefix: 'totp', summaryHost, items: [{ path: 'code', text: t('totp.confirmInvalid') }] });
        code.control.value = '';
      } else if (err.status === 409) errorBox(summaryHost, t('totp.confirmConflict'));
      else errorBox(summaryHost, problemMessage(err));
    }
  });
  return h('div', { class: 'schild-totp-enrol', id: 'totp-enrol' },
    heading(3, t('totp.step1'), { id: 'totp-step1' }),
    para(t('totp.step1Text')),
    h('dl', { class: 'rhc-data-summary rhc-data-summary--row schild-data-summary' },
      h('div', { class: 'rhc-data-summary__item' },
        h('dt', { class: 'rhc-data-summary__item-key' }, t('totp.secret')),
        h('dd', { class: 'rhc-data-summary__item-value' }, h('code', { id: 'totp-secret', class: 'schild-secret' }, grouped(enrolment.secret)))),
      h('div', { class: 'rhc-data-summary__item' },
        h('dt', { class: 'rhc-data-summary__item-key' }, t('totp.uri')),
        h('dd', { class: 'rhc-data-summary__item-value' }, h('code', { id: 'totp-uri', class: 'schild-secret schild-secret--uri' }, enrolment.uri || '')))),
    para(t('totp.step1Settings')),
    heading(3, t('totp.step2'), { id: 'totp-step2' }),
    para(t('totp.step2Text')),
    form);
}

function totpSection(ctx) {
  const host = h('div', { id: 'totp-body' });
  const messageHost = h('div', { class: 'schild-summary-host' });
  const user = ctx.user;
  if (user.totp_enabled === true) {
    host.append(alertBox('ok', t('totp.alreadyOn'), { id: 'totp-on' }));
  } else {
    const start = button(t('totp.start'), { id: 'totp-start' }, 'primary');
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const enrolment = await totpApi.start();
        const step = confirmStep(host, enrolment);
        clear(host).append(step);
        step.querySelector('#totp-step1').setAttribute('tabindex', '-1');
        step.querySelector('#totp-step1').focus();
      } catch (err) {
        start.disabled = false;
        if (err.status === 401) return;
        errorBox(messageHost, err.status === 409 ? t('totp.alreadyOn') : problemMessage(err));
      }
    });
    host.append(para(t('totp.intro')), messageHost, h('div', { class: 'utrecht-button-group schild-actions' }, start));
  }
  return h('section', { class: 'schild-section', 'aria-labelledby': 'sec-totp' },
    heading(2, t('totp.title'), { id: 'sec-totp' }),
    para(t('totp.explain')),
    host);
}

export async function accountPage(ctx) {
  ctx.setTitle(t('account.title'));
  const u = ctx.user;
  clear(ctx.root).append(...[
    heading(1, t('account.title')),
    ctx.takeFlash(),
    h('section', { class: 'schild-section', 'aria-labelledby': 'sec-account' },
      heading(2, t('account.details'), { id: 'sec-account' }),
      dataSummary([
        [t('account.name'), u.display_name || u.username],
        [t('account.username'), u.username],
        [t('account.role'), label('role', u.role)],
        [t('account.org'), orgName(u.org)],
      ])),
    totpSection(ctx),
  ].filter(Boolean));
}
