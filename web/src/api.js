// The controller's REST API as the dashboard uses it (docs/runtime.md "REST API", docs/dashboard.md).
// Paths are relative to the page's origin; every failure becomes an ApiError with the controller's reason.

/** A refused or failed request: the HTTP status (0: no answer), the reason, and where in the query text. */
export class ApiError extends Error {
  constructor(status, message, line = 0, column = 0) {
    super(message);
    this.status = status;
    this.line = line;
    this.column = column;
  }
}

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, `the controller does not answer (${e.message})`);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    throw new ApiError(response.status, `${method} ${path}: the answer is not JSON (HTTP ${response.status})`);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? `${method} ${path}: HTTP ${response.status}`,
      json?.line ?? 0, json?.column ?? 0);
  }
  return json;
}

export const listQueries = () => call('GET', '/queries');
export const results = (name, limit) => call('GET', `/results/${encodeURIComponent(name)}?limit=${limit}`);
export const agents = () => call('GET', '/agents');
export const switches = () => call('GET', '/switches');
export const reduction = () => call('GET', '/reduction');
export const submitQuery = (query, params, estimates) => call('POST', '/queries', { query, params, estimates });
export const removeQuery = (name) => call('DELETE', `/queries/${encodeURIComponent(name)}`);
