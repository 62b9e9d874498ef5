import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, formField, button, alertBox, clear } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';

export async function loginPage(ctx) {
  ctx.setTitle(t('login.title'));
  const summaryHost = h('div', { class: 'schild-summary-host' });
  const user = formField({ id: 'login-username', name: 'username', label: t('login.username'), autocomplete: 'username', spellcheck: 'false' });
  const pass = formField({ id: 'login-password', name: 'password', kind: 'password', label: t('login.password'), autocomplete: 'current-password' });
  const submit = button(t('login.submit'), { type: 'submit', id: 'login-submit' }, 'primary');
  const form = h('form', { class: 'schild-form schild-form--narrow', novalidate: true, 'aria-labelledby': 'login-title' },
    user.root, pass.root,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const username = user.control.value.trim();
    const password = pass.control.value;
    const items = [];
    if (!username) items.push({ path: 'username', kind: 'required' });
    if (!password) items.push({ path: 'password', kind: 'required' });
    if (items.length) { showErrors({ form, prefix: 'login', summaryHost, items }); return; }
    submit.disabled = true;
    try {
      const session = await api.login(username, password);
      ctx.onLogin(session);
    } catch (err) {
      submit.disabled = false;
      let text;
      if (err.status === 401) text = t('login.failed');
      else if (err.status === 429) {
        const secs = Number(err.retryAfter) || 900;
        text = t('login.throttled', { minutes: Math.max(1, Math.ceil(secs / 60)) });
      } else if (err.status === 422 && err.errors.length) {
        showErrors({ form, prefix: 'login', summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
        return;
      } else text = problemMessage(err);
      clear(summaryHost).append(alertBox('error', text, { role: 'alert', focusable: true, class: 'schild-error-summary' }));
      pass.control.value = '';
      summaryHost.firstChild.focus();
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
