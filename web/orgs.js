// Organisation names by code (GET /api/v1/orgs), loaded once per session and cached, so that
// timelines can show "Politie Eenheid Amsterdam" instead of "politie-amsterdam".
import { request } from './api.js';

let cache = null;
let pending = null;

export function loadOrgs() {
  if (cache) return Promise.resolve(cache);
  if (!pending) {
    pending = request('GET', '/api/v1/orgs')
      .then((data) => {
        cache = new Map((data?.items || []).map((o) => [o.code, o.name]));
        return cache;
      })
      .catch(() => { pending = null; return new Map(); });
  }
  return pending;
}

export function resetOrgs() { cache = null; pending = null; }

export function orgLabel(code) {
  if (!code) return '';
  return (cache && cache.get(code)) || code;
}
