// Small DOM helpers. Everything is built with createElement and textContent: data from the
// server (which may contain HTML metacharacters) is never parsed as HTML. No inline styles.
import { t, getLang, label } from './i18n.js';

// h('a', {class: 'x', href: '#/', on: {click: fn}}, 'text', child, [more])
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'style') throw new Error('inline styles are not allowed (CSP)');
    else if (k === 'value' && (tag === 'input' || tag === 'textarea' || tag === 'select')) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }

let uid = 0;
export function nextId(prefix = 'id') { uid += 1; return `${prefix}-${uid}`; }

// ---------- typography ----------
export function heading(level, text, attrs = {}) {
  const cls = ['nl-heading', `nl-heading--level-${level}`, attrs.class];
  return h(`h${level}`, { ...attrs, class: cls }, text);
}
export function para(...children) { return h('p', { class: 'nl-paragraph' }, ...children); }
export function link(href, text, attrs = {}) {
  return h('a', { ...attrs, class: ['nl-link', attrs.class], href }, text);
}

// ---------- alerts ----------
const ICONS = {
  info: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM0 10a10 10 0 1 1 20 0 10 10 0 0 1-20 0Zm9-4a1 1 0 0 1 1-1 1 1 0 1 1 0 2 1 1 0 0 1-1-1Zm-1 4a1 1 0 0 1 1-1h1a1 1 0 0 1 1 1v3a1 1 0 1 1 0 2h-1a1 1 0 0 1-1-1v-3a1 1 0 0 1-1-1Z',
  ok: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM0 10a10 10 0 1 1 20 0 10 10 0 0 1-20 0Zm13.7-2.7a1 1 0 0 1 0 1.4l-4 4a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4L9 10.6l3.3-3.3a1 1 0 0 1 1.4 0Z',
  warning: 'M7.4 2.5a3 3 0 0 1 5.2 0l7.1 12.2A3 3 0 0 1 17 19H3a3 3 0 0 1-2.8-4.1ZM10 7a1 1 0 0 0-1 1v2a1 1 0 1 0 2 0V8a1 1 0 0 0-1-1Zm0 6a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z',
  error: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM0 10a10 10 0 1 1 20 0 10 10 0 0 1-20 0Zm10-5a1 1 0 0 1 1 1v4a1 1 0 1 1-2 0V6a1 1 0 0 1 1-1Zm-1 9a1 1 0 0 1 1-1 1 1 0 1 1 0 2 1 1 0 0 1-1-1Z',
};

export function svgIcon(type) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'schild-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[type] || ICONS.info);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

// type: info | ok | warning | error. content: string, node or array. opts.title: heading text.
export function alertBox(type, content, opts = {}) {
  const message = h('div', { class: 'utrecht-alert__message' });
  if (opts.title) message.append(heading(opts.headingLevel || 2, opts.title, { id: opts.titleId, class: 'schild-alert__title' }));
  if (typeof content === 'string') message.append(para(content));
  else if (content) append(message, [content]);
  return h('div', {
    class: ['utrecht-alert', `utrecht-alert--${type}`, opts.class],
    role: opts.role, id: opts.id, tabindex: opts.focusable ? '-1' : null,
    'aria-labelledby': opts.labelledby,
  },
  h('div', { class: 'utrecht-alert__icon' }, svgIcon(type)),
  h('div', { class: 'utrecht-alert__content' }, message));
}

// ---------- buttons ----------
export function button(text, attrs = {}, kind = 'secondary') {
  return h('button', {
    type: 'button', ...attrs,
    class: ['utrecht-button', `utrecht-button--${kind === 'subtle' ? 'subtle' : `${kind}-action`}`, attrs.type === 'submit' && 'utrecht-button--submit', attrs.class],
  }, text);
}

// ---------- formatting ----------
function locale() { return getLang() === 'en' ? 'en-GB' : 'nl-NL'; }

export function formatDateTime(iso) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d);
}

export function formatDate(ymd) {
  if (!ymd) return t('common.none');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return String(ymd);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export function timeEl(iso, formatter = formatDateTime) {
  return h('time', { datetime: iso || null }, formatter(iso));
}

export function personName(p) {
  return [p.given_names, p.surname_prefix, p.surname].filter((x) => x && String(x).trim()).join(' ');
}

export function orgName(org) {
  if (!org) return t('common.none');
  if (typeof org === 'string') return org;
  return org.name || org.code || t('common.none');
}

// ---------- badges ----------
export function statusBadge(status) {
  return h('span', { class: ['utrecht-data-badge', 'schild-status', `schild-status--${status}`] }, label('status', status));
}
export function urgentBadge() {
  return h('span', { class: 'utrecht-data-badge schild-badge--urgent' }, t('common.urgent'));
}
export function awaitingBadge() {
  return h('span', { class: 'utrecht-data-badge schild-badge--awaiting' }, t('common.awaiting'));
}

// ---------- data summary (key/value list) ----------
export function dataSummary(rows) {
  return h('dl', { class: 'rhc-data-summary rhc-data-summary--row schild-data-summary' },
    rows.filter(Boolean).map(([key, value, opts = {}]) => h('div', { class: 'rhc-data-summary__item' },
      h('dt', { class: 'rhc-data-summary__item-key' }, key),
      h('dd', { class: ['rhc-data-summary__item-value', opts.multiline && 'schild-multiline'] },
        value === null || value === undefined || value === '' ? t('common.none') : value))));
}

// ---------- tables ----------
// columns: [{title, cell: (row) => node|string, numeric?}] ; first column is a row header.
export function table({ caption, captionHidden = false, columns, rows, id }) {
  return h('div', { class: 'utrecht-table-container schild-table-container' },
    h('table', { class: 'utrecht-table utrecht-table--html-table', id },
      caption ? h('caption', { class: ['utrecht-table__caption', captionHidden && 'rhc-visually-hidden'] }, caption) : null,
      h('thead', { class: 'utrecht-table__header' },
        h('tr', { class: 'utrecht-table__row' },
          columns.map((c) => h('th', { class: ['utrecht-table__header-cell', c.class], scope: 'col' }, c.title)))),
      h('tbody', { class: 'utrecht-table__body' },
        rows.map((r) => h('tr', { class: 'utrecht-table__row' },
          columns.map((c, i) => h(i === 0 ? 'th' : 'td', {
            class: i === 0 ? ['utrecht-table__header-cell', 'schild-rowheader', c.class] : ['utrecht-table__cell', c.class],
            scope: i === 0 ? 'row' : null,
          }, c.cell(r))))))));
}

// ---------- form fields ----------
// Builds a labelled form field. kind: text | password | textarea | select | checkbox.
// Returns {root, control}. The error element is created empty and hidden; see setFieldError.
export function formField({ id, name, label: labelText, kind = 'text', description, optional = false,
  options = [], value = '', rows = 5, autocomplete, inputmode, maxlength, extraClass, spellcheck }) {
  const descId = description ? `${id}-desc` : null;
  const errId = `${id}-error`;
  let control;
  const common = { id, name: name || id, 'aria-describedby': descId, autocomplete, inputmode, maxlength, spellcheck };
  if (kind === 'textarea') {
    control = h('textarea', { ...common, rows: String(rows), class: 'utrecht-textarea utrecht-textarea--html-textarea' });
    control.value = value || '';
  } else if (kind === 'select') {
    control = h('select', { ...common, class: 'utrecht-select utrecht-select--html-select' },
      options.map(([v, text]) => h('option', { value: v }, text)));
    control.value = value || '';
  } else if (kind === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', class: 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom' });
    control.checked = Boolean(value);
  } else {
    control = h('input', { ...common, type: kind === 'password' ? 'password' : 'text', class: ['utrecht-textbox', 'utrecht-textbox--html-input', extraClass] });
    control.value = value || '';
  }
  const labelChildren = [labelText, optional ? h('span', { class: 'schild-optional' }, ` ${t('common.optional')}`) : null];
  let root;
  if (kind === 'checkbox') {
    root = h('div', { class: 'utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced', 'data-field': id },
      h('div', { class: 'utrecht-form-field__label utrecht-form-field__label--checkbox' },
        h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: id }, control, ...labelChildren)),
      description ? h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: descId }, description) : null,
      h('p', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: errId, hidden: true }));
  } else {
    root = h('div', { class: `utrecht-form-field utrecht-form-field--${kind === 'textarea' ? 'textarea' : 'text'} utrecht-form-field--distanced`, 'data-field': id },
      h('div', { class: 'utrecht-form-field__label' },
        h('label', { class: 'utrecht-form-label', for: id }, ...labelChildren)),
      description ? h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: descId }, description) : null,
      h('p', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: errId, hidden: true }),
      h('div', { class: 'utrecht-form-field__input' }, control));
  }
  return { root, control };
}

// Radio group in a fieldset with a legend.
export function radioGroup({ id, name, legend, options, value, description }) {
  const descId = description ? `${id}-desc` : null;
  const errId = `${id}-error`;
  const fs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced',
    id, 'aria-describedby': descId, 'data-field': id,
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, legend),
  description ? h('div', { class: 'utrecht-form-field-description', id: descId }, description) : null,
  h('p', { class: 'utrecht-form-field-error-message', id: errId, hidden: true }),
  h('div', { class: 'rhc-radio-group', role: 'presentation' },
    options.map(([v, text], i) => {
      const rid = `${id}-${i}`;
      const input = h('input', {
        type: 'radio', id: rid, name, value: v,
        class: 'utrecht-radio-button utrecht-radio-button--html-input',
      });
      input.checked = v === value;
      return h('div', { class: 'utrecht-form-field utrecht-form-field--radio' },
        h('div', { class: 'utrecht-form-field__label' },
          h('label', { class: 'utrecht-form-label utrecht-form-label--radio', for: rid }, input, text)));
    })));
  return fs;
}

// Shows (or with message null, clears) the error of the field whose control has this id.
export function setFieldError(id, message) {
  const root = document.querySelector(`[data-field="${CSS.escape(id)}"]`);
  const err = document.getElementById(`${id}-error`);
  if (!root || !err) return false;
  const isFieldset = root.tagName === 'FIELDSET';
  const controls = isFieldset ? [...root.querySelectorAll(':scope > .rhc-radio-group input, :scope > .rhc-radio-group select')] : [document.getElementById(id)];
  const describedHost = isFieldset ? root : document.getElementById(id);
  const ids = (describedHost.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== err.id);
  if (message) {
    err.textContent = '';
    err.append(h('span', { class: 'rhc-visually-hidden' }, `${getLang() === 'en' ? 'Error' : 'Fout'}: `), message);
    err.hidden = false;
    root.classList.add(isFieldset ? 'utrecht-form-fieldset--invalid' : 'utrecht-form-field--invalid');
    ids.push(err.id);
    for (const c of controls) {
      if (!c) continue;
      c.setAttribute('aria-invalid', 'true');
      if (c.classList.contains('utrecht-textbox')) c.classList.add('utrecht-textbox--invalid');
      if (c.classList.contains('utrecht-textarea')) c.classList.add('utrecht-textarea--invalid');
      if (c.classList.contains('utrecht-select')) c.classList.add('utrecht-select--invalid');
      if (c.classList.contains('utrecht-checkbox')) c.classList.add('utrecht-checkbox--invalid');
    }
  } else {
    err.textContent = '';
    err.hidden = true;
    root.classList.remove('utrecht-form-field--invalid', 'utrecht-form-fieldset--invalid');
    for (const c of controls) {
      if (!c) continue;
      c.removeAttribute('aria-invalid');
      c.classList.remove('utrecht-textbox--invalid', 'utrecht-textarea--invalid', 'utrecht-select--invalid', 'utrecht-checkbox--invalid');
    }
  }
  if (ids.length) describedHost.setAttribute('aria-describedby', ids.join(' '));
  else describedHost.removeAttribute('aria-describedby');
  return true;
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[data-field]')) setFieldError(el.getAttribute('data-field'), null);
}

// The error summary: a focusable alert listing every error, each linking to its field.
export function errorSummary(items) {
  const titleId = nextId('errsum-title');
  const list = h('ul', { class: 'utrecht-unordered-list schild-error-list' },
    items.map(({ target, message }) => h('li', { class: 'utrecht-unordered-list__item' },
      target ? h('a', {
        class: 'nl-link', href: `#${target}`,
        on: { click: (e) => { e.preventDefault(); focusField(target); } },
      }, message) : message)));
  return alertBox('error', [para(t('errors.summaryIntro')), list], {
    title: t('errors.summaryTitle'), titleId, labelledby: titleId, focusable: true, class: 'schild-error-summary',
  });
}

export function focusField(id) {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.tagName === 'FIELDSET' ? (el.querySelector('input:checked') || el.querySelector('input, select, textarea, button')) : el;
  if (target) {
    target.focus();
    const root = el.closest('[data-field]') || el;
    if (root.scrollIntoView) root.scrollIntoView({ block: 'center' });
  }
}
