// Organisation names by code (GET /api/v1/orgs), loaded once per session and cached, so that
// timelines can show "Politie Eenheid Amsterdam" instead of "politie-amsterdam", and forms can
// offer the register (the originator of a signal) and tell an OM organisation by its kind.
import { request } from './api.js';

let cache = null;
let kinds = null;
let list = [];
let pending = null;

export function loadOrgs() {
  if (cache) return Promise.resolve(cache);
  if (!pending) {
    pending = request('GET', '/api/v1/orgs')
      .then((data) => {
        list = (data?.items || []).map((o) => ({ code: o.code, name: o.name, kind: o.kind }));
        cache = new Map(list.map((o) => [o.code, o.name]));
        kinds = new Map(list.map((o) => [o.code, o.kind]));
        return cache;
      })
      .catch(() => { pending = null; return new Map(); });
  }
  return pending;
}

export function resetOrgs() { cache = null; kinds = null; list = []; pending = null; }

export function orgLabel(code) {
  if (!code) return '';
  return (cache && cache.get(code)) || code;
}

// The register as loaded: [{code, name, kind}] in the server's order.
export function orgList() { return list; }

export function orgKind(code) { return (kinds && kinds.get(code)) || ''; }
