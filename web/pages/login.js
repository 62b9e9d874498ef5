import { t } from '../i18n.js';
import { api, request } from '../api.js';
import { h, heading, para, formField, button, alertBox, clear } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';

// Logging in takes a password and, when the server asks for it (401 totp_required, docs/SECURITY.md
// "Second factor"), a code from the authenticator app or one of the recovery codes. The username
// and password stay filled in for the second step.
export async function loginPage(ctx) {
  ctx.setTitle(t('login.title'));
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const user = formField({ id: 'login-username', name: 'username', label: t('login.username'), autocomplete: 'username', spellcheck: 'false' });
  const pass = formField({ id: 'login-password', name: 'password', kind: 'password', label: t('login.password'), autocomplete: 'current-password' });
  const totp = formField({
    id: 'login-totp', name: 'totp', label: t('totp.code'), description: t('totp.codeHint'),
    autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, spellcheck: 'false', extraClass: 'schild-textbox--code',
  });
  const recovery = formField({
    id: 'login-recovery_code', name: 'recovery_code', label: t('totp.recovery'), description: t('totp.recoveryHint'),
    autocomplete: 'off', spellcheck: 'false', maxlength: 40, extraClass: 'schild-textbox--code',
  });
  const useRecovery = button(t('totp.useRecovery'), { id: 'login-use-recovery', class: 'schild-link-button' }, 'subtle');
  const useCode = button(t('totp.useCode'), { id: 'login-use-code', class: 'schild-link-button' }, 'subtle');
  const secondIntro = para(t('totp.stepIntro'));
  const second = h('div', { class: 'schild-login-second', id: 'login-second', hidden: true },
    secondIntro, totp.root, recovery.root, h('p', { class: 'nl-paragraph' }, useRecovery, useCode));
  let mode = 'password'; // password | totp | recovery
  const showMode = (m) => {
    mode = m;
    second.hidden = m === 'password';
    totp.root.hidden = m !== 'totp';
    useRecovery.hidden = m !== 'totp';
    recovery.root.hidden = m !== 'recovery';
    useCode.hidden = m !== 'recovery';
  };
  showMode('password');
  useRecovery.addEventListener('click', () => { clearErrors(form, summaryHost); showMode('recovery'); recovery.control.focus(); });
  useCode.addEventListener('click', () => { clearErrors(form, summaryHost); showMode('totp'); totp.control.focus(); });

  const submit = button(t('login.submit'), { type: 'submit', id: 'login-submit' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--narrow', novalidate: true, 'aria-labelledby': 'login-title' },
    user.root, pass.root, second,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  const showAlert = (type, text) => {
    clear(summaryHost).append(alertBox(type, text, { role: type === 'error' ? 'alert' : 'status', focusable: true, class: 'schild-error-summary', id: 'login-message' }));
    summaryHost.firstChild.focus();
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const username = user.control.value.trim();
    const password = pass.control.value;
    const code = totp.control.value.replace(/\s+/g, '');
    const rcode = recovery.control.value.trim();
    const items = [];
    if (!username) items.push({ path: 'username', kind: 'required' });
    if (!password) items.push({ path: 'password', kind: 'required' });
    if (mode === 'totp' && !/^\d{6}$/.test(code)) items.push({ path: 'totp', text: code ? t('totp.codeFormat') : t('totp.codeMissing') });
    if (mode === 'recovery' && !rcode) items.push({ path: 'recovery_code', text: t('totp.recoveryMissing') });
    if (items.length) { showErrors({ form, prefix: 'login', summaryHost, items }); return; }
    const body = { username, password };
    if (mode === 'totp') body.totp = code;
    if (mode === 'recovery') body.recovery_code = rcode;
    submit.disabled = true;
    try {
      const session = mode === 'password' ? await api.login(username, password)
        : await request('POST', '/api/v1/session', body, { quiet401: true });
      ctx.onLogin(session);
    } catch (err) {
      submit.disabled = false;
      if (err.code === 'totp_required') {
        showMode(mode === 'password' ? 'totp' : mode);
        clear(summaryHost).append(alertBox('info', t('totp.required'), { role: 'status', class: 'schild-login-step', id: 'login-message' }));
        (mode === 'recovery' ? recovery.control : totp.control).focus();
        return;
      }
      if (err.code === 'totp_invalid') {
        const field = mode === 'recovery' ? 'recovery_code' : 'totp';
        showErrors({ form, prefix: 'login', summaryHost, items: [{ path: field, text: mode === 'recovery' ? t('totp.recoveryInvalid') : t('totp.invalid') }] });
        (mode === 'recovery' ? recovery.control : totp.control).value = '';
        return;
      }
      if (err.code === 'totp_not_enrolled') { showAlert('error', t('totp.notEnrolled')); return; }
      let text;
      if (err.status === 401) {
        text = t('login.failed');
        showMode('password');
      } else if (err.status === 429) {
        const secs = Number(err.retryAfter) || 900;
        text = t('login.throttled', { minutes: Math.max(1, Math.ceil(secs / 60)) });
      } else if (err.status === 422 && err.errors.length) {
        showErrors({ form, prefix: 'login', summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
        return;
      } else text = problemMessage(err);
      pass.control.value = '';
      showAlert('error', text);
    }
  });

  clear(ctx.root).append(...[
    heading(1, t('login.title'), { id: 'login-title', tabindex: '-1' }),
    ctx.takeFlash(),
    para(t('login.intro')),
    summaryHost,
    form,
  ].filter(Boolean));
}
