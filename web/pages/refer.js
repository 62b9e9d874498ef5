// The referral form: summary, phenomenon, urgency, source, and one or more persons.
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { h, heading, para, clear, alertBox, formField, button } from '../dom.js';
import { showErrors, clearErrors, problemMessage } from '../forms.js';

const PHENOMENA = ['organised_crime', 'state_threat', 'terrorism_extremism', 'lone_actor', 'activism', 'other'];
const MAX_PERSONS = 20;
const PERSON_FIELDS = ['given_names', 'surname_prefix', 'surname', 'date_of_birth', 'function'];

function emptyPerson() { return { given_names: '', surname_prefix: '', surname: '', date_of_birth: '', function: '' }; }
function emptyDraft() { return { summary: '', phenomenon: '', urgent: false, source_details: '', persons: [emptyPerson()] }; }

// Kept in memory so that switching the language does not lose what was typed.
let draft = emptyDraft();

export async function referPage(ctx) {
  ctx.setTitle(t('refer.title'));
  const summaryHost = h('div', { class: 'schild-summary-host' });

  const summary = formField({ id: 'refer-summary', name: 'summary', kind: 'textarea', label: t('refer.summary'), description: t('refer.summaryHint'), value: draft.summary, rows: 5, maxlength: 2000 });
  const phenomenon = formField({
    id: 'refer-phenomenon', name: 'phenomenon', kind: 'select', label: t('refer.phenomenon'), value: draft.phenomenon,
    options: [['', t('refer.phenomenonChoose')], ...PHENOMENA.map((p) => [p, label('phenomenon', p)])],
  });
  const urgent = formField({ id: 'refer-urgent', name: 'urgent', kind: 'checkbox', label: t('refer.urgent'), description: t('refer.urgentHint'), value: draft.urgent });
  const source = formField({ id: 'refer-source_details', name: 'source_details', kind: 'textarea', label: t('refer.source'), description: t('refer.sourceHint'), optional: true, value: draft.source_details, rows: 4, maxlength: 4000 });

  summary.control.addEventListener('input', () => { draft.summary = summary.control.value; });
  phenomenon.control.addEventListener('change', () => { draft.phenomenon = phenomenon.control.value; });
  urgent.control.addEventListener('change', () => { draft.urgent = urgent.control.checked; });
  source.control.addEventListener('input', () => { draft.source_details = source.control.value; });

  const personsList = h('div', { class: 'schild-persons' });
  const addButton = button(t('refer.addPerson'), { id: 'refer-add-person', class: 'schild-add-person' }, 'secondary');
  const personsStatus = h('p', { class: 'rhc-visually-hidden', role: 'status', id: 'refer-persons-status' });
  const personsFs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced schild-persons-fieldset',
    id: 'refer-persons', 'data-field': 'refer-persons', 'aria-describedby': 'refer-persons-desc',
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend schild-legend--large' }, t('refer.persons')),
  h('div', { class: 'utrecht-form-field-description', id: 'refer-persons-desc' }, t('refer.personsHint')),
  h('p', { class: 'utrecht-form-field-error-message', id: 'refer-persons-error', hidden: true }),
  personsList,
  h('div', { class: 'utrecht-button-group' }, addButton),
  personsStatus);

  function personFieldset(p, i) {
    const base = `refer-persons-${i}`;
    const f = {
      given_names: formField({ id: `${base}-given_names`, name: `persons[${i}].given_names`, label: t('refer.givenNames'), value: p.given_names, maxlength: 200, autocomplete: 'off' }),
      surname_prefix: formField({ id: `${base}-surname_prefix`, name: `persons[${i}].surname_prefix`, label: t('refer.prefix'), description: t('refer.prefixHint'), optional: true, value: p.surname_prefix, maxlength: 40, autocomplete: 'off', extraClass: 'utrecht-textbox--voorvoegsel-size' }),
      surname: formField({ id: `${base}-surname`, name: `persons[${i}].surname`, label: t('refer.surname'), value: p.surname, maxlength: 200, autocomplete: 'off' }),
      date_of_birth: formField({ id: `${base}-date_of_birth`, name: `persons[${i}].date_of_birth`, label: t('refer.dob'), description: t('refer.dobHint'), value: p.date_of_birth, maxlength: 10, autocomplete: 'off', inputmode: 'numeric', extraClass: 'schild-textbox--date' }),
      function: formField({ id: `${base}-function`, name: `persons[${i}].function`, label: t('refer.function'), description: t('refer.functionHint'), optional: true, value: p.function, maxlength: 200, autocomplete: 'off' }),
    };
    for (const k of PERSON_FIELDS) f[k].control.addEventListener('input', () => { draft.persons[i][k] = f[k].control.value; });
    const legendId = `${base}-legend`;
    const fs = h('fieldset', {
      class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schild-person',
      id: base, 'data-field': base,
    },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', id: legendId, tabindex: '-1' }, t('refer.person', { n: i + 1 })),
    h('p', { class: 'utrecht-form-field-error-message', id: `${base}-error`, hidden: true }),
    h('div', { class: 'schild-person__grid' },
      PERSON_FIELDS.map((k) => f[k].root)),
    draft.persons.length > 1 ? h('div', { class: 'utrecht-button-group' },
      button(t('refer.removePerson', { n: i + 1 }), {
        class: 'schild-remove-person', 'data-index': String(i),
        on: { click: () => removePerson(i) },
      }, 'subtle')) : null);
    return fs;
  }

  function renderPersons() {
    clear(personsList).append(...draft.persons.map(personFieldset));
    addButton.hidden = draft.persons.length >= MAX_PERSONS;
  }

  function addPerson() {
    if (draft.persons.length >= MAX_PERSONS) { personsStatus.textContent = t('refer.maxPersons'); return; }
    draft.persons.push(emptyPerson());
    clearErrors(form, summaryHost);
    renderPersons();
    const i = draft.persons.length - 1;
    personsStatus.textContent = t('refer.person', { n: i + 1 });
    document.getElementById(`refer-persons-${i}-given_names`)?.focus();
  }

  function removePerson(i) {
    draft.persons.splice(i, 1);
    clearErrors(form, summaryHost);
    renderPersons();
    const focusIndex = Math.min(i, draft.persons.length - 1);
    document.getElementById(`refer-persons-${focusIndex}-legend`)?.focus();
  }

  addButton.addEventListener('click', addPerson);
  renderPersons();

  const submit = button(t('refer.submit'), { type: 'submit', id: 'refer-submit' }, 'primary');
  const form = h('form', { class: 'schild-form', id: 'refer-form', novalidate: true, 'aria-labelledby': 'refer-title' },
    summaryHost,
    summary.root, phenomenon.root, urgent.root, source.root,
    personsFs,
    h('div', { class: 'utrecht-button-group schild-actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summaryHost);
    const body = {
      summary: summary.control.value.trim(),
      phenomenon: phenomenon.control.value,
      urgent: urgent.control.checked,
      persons: draft.persons.map((p) => {
        const out = {};
        for (const k of PERSON_FIELDS) {
          const v = String(p[k] || '').trim();
          if (v) out[k] = v;
        }
        return out;
      }),
    };
    const src = source.control.value.trim();
    if (src) body.source_details = src;

    const items = [];
    if (!body.summary) items.push({ path: 'summary', kind: 'required' });
    if (!body.phenomenon) items.push({ path: 'phenomenon', kind: 'required' });
    body.persons.forEach((p, i) => {
      if (!p.given_names) items.push({ path: `persons[${i}].given_names`, kind: 'required' });
      if (!p.surname) items.push({ path: `persons[${i}].surname`, kind: 'required' });
      if (!p.date_of_birth) items.push({ path: `persons[${i}].date_of_birth`, kind: 'required' });
    });
    if (items.length) { showErrors({ form, prefix: 'refer', summaryHost, items }); return; }

    submit.disabled = true;
    try {
      const created = await api.createCase(body);
      draft = emptyDraft();
      ctx.setFlash('ok', t('refer.done', { reference: created.reference || `#${created.id}` }));
      ctx.navigate(`/zaken/${created.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if ((err.status === 422 || err.status === 400) && err.errors.length) {
        showErrors({ form, prefix: 'refer', summaryHost, items: err.errors.map((x) => ({ path: x.field, message: x.message })) });
      } else {
        clear(summaryHost).append(alertBox('error', problemMessage(err), { role: 'alert', focusable: true, class: 'schild-error-summary' }));
        summaryHost.firstChild.focus();
      }
    }
  });

  clear(ctx.root).append(...[
    heading(1, t('refer.title'), { id: 'refer-title' }),
    ctx.takeFlash(),
    para(t('refer.intro')),
    form,
  ].filter(Boolean));
}
