// The Schild API client: JSON in and out, the session cookie (sent by the browser) and the
// CSRF token on every write. Errors become ApiError with the problem+json body.

export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network' : `http_${status}`);
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
  }
}

let csrfToken = null;
let onUnauthenticated = () => {};

export function setCsrf(token) { csrfToken = token || null; }
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

export async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  const text = res.status === 204 ? '' : await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!res.ok) {
    const err = new ApiError(res.status, data && typeof data === 'object' ? data : {}, res.headers.get('Retry-After'));
    if (res.status === 401 && !quiet401) onUnauthenticated(err);
    throw err;
  }
  return data;
}

export const api = {
  getSession: () => request('GET', '/api/v1/session', undefined, { quiet401: true }),
  login: (username, password) => request('POST', '/api/v1/session', { username, password }, { quiet401: true }),
  logout: () => request('DELETE', '/api/v1/session', undefined, { quiet401: true }),
  listCases: (query) => request('GET', `/api/v1/cases?${new URLSearchParams(query)}`),
  getCase: (id) => request('GET', `/api/v1/cases/${encodeURIComponent(id)}`),
  createCase: (body) => request('POST', '/api/v1/cases', body),
  triage: (id, body) => request('POST', `/api/v1/cases/${encodeURIComponent(id)}/triage`, body),
  supplyInformation: (id, body) => request('POST', `/api/v1/cases/${encodeURIComponent(id)}/information`, body),
  getPerson: (id) => request('GET', `/api/v1/persons/${encodeURIComponent(id)}`),

  // threat information (docs/DAF.md)
  listSignals: (caseId) => request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/signals`),
  createSignal: (caseId, body) => request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/signals`, body),
  requestRelease: (signalId, reason) => request('POST', `/api/v1/signals/${encodeURIComponent(signalId)}/release-requests`, { reason }),
  listReleaseRequests: () => request('GET', '/api/v1/release-requests'),
  decideRelease: (id, body) => request('POST', `/api/v1/release-requests/${encodeURIComponent(id)}/decision`, body),
  createActor: (body) => request('POST', '/api/v1/actors', body),
  listActors: (query) => request('GET', `/api/v1/actors?${new URLSearchParams(query)}`),
  getActor: (id) => request('GET', `/api/v1/actors/${encodeURIComponent(id)}`),
  search: (query) => request('GET', `/api/v1/search?${new URLSearchParams(query)}`),
  getGathering: (kind, id) => request('GET', `/api/v1/subjects/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/gathering`),
  recordGathering: (kind, id, body) => request('POST', `/api/v1/subjects/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/gathering`, body),
  recordOrder: (kind, id, body) => request('POST', `/api/v1/subjects/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/orders`, body),
  listAssessments: (caseId) => request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/assessments`),
  createAssessment: (caseId, body) => request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/assessments`, body),
  getAssessment: (id) => request('GET', `/api/v1/assessments/${encodeURIComponent(id)}`),
  dafSettings: () => request('GET', '/api/v1/daf/settings'),
  updateAssessment: (id, body) => request('PUT', `/api/v1/assessments/${encodeURIComponent(id)}`, body),
  assessmentAction: (id, action, body) => request('POST', `/api/v1/assessments/${encodeURIComponent(id)}/${action}`, body),
  dafQueue: () => request('GET', '/api/v1/daf/queue'),
};
