// The Pinhole API, by relative path so the page works unchanged locally and behind CloudFront.

/** An answer from the API that is not a success: HTTP status plus the API's error code. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** A request that never got an HTTP answer (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause) {
    super('network error');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** What the server accepts: allowed extensions, their types, the size limit, whether a token is needed. */
export async function fetchLimits(signal) {
  return readJson(await send('/api/limits', { signal, headers: { accept: 'application/json' } }));
}

/**
 * Asks for an upload ticket: {key, url, contentType, size, upload: {method, url, headers}, expiresAt, status,
 * and from servers that offer them lifetime, removeAfter and delete: {method, url, headers}}.
 * @param {{extension: string, size: number, sha256?: string, lifetime?: string}} request
 */
export async function requestTicket(request, { token, signal } = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) {
    headers['x-pinhole-token'] = token;
  }
  return readJson(await send('/api/uploads', {
    method: 'POST', headers, body: JSON.stringify(request), signal, cache: 'no-store',
  }));
}

/** Performs a ticket's status action verbatim: {state: "checking" | "published" | "refused", ...}. */
export async function checkStatus(action, { signal } = {}) {
  return readJson(await send(action.url, {
    method: action.method || 'GET', headers: { accept: 'application/json' }, signal, cache: 'no-store',
  }));
}

/**
 * Performs a ticket's delete action verbatim (method, URL and headers, as the server wrote them: the page never
 * builds one itself). Resolves with the answer, {state: "deleted"}; a refusal throws ApiError (403 for a token
 * that does not match, 410 when the image was deleted before, 404 when there is nothing to delete).
 */
export async function deleteImage(action, { signal } = {}) {
  return readJson(await send(action.url, {
    method: action.method || 'DELETE',
    headers: { accept: 'application/json', ...(action.headers || {}) },
    signal,
    cache: 'no-store',
  }));
}

async function send(path, init) {
  try {
    return await fetch(path, init);
  } catch (failed) {
    if (failed && failed.name === 'AbortError') {
      throw failed;
    }
    throw new NetworkError(failed);
  }
}

async function readJson(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's error page, say. The status still tells us what kind of failure it was.
  }
  if (response.ok && body) {
    return body;
  }
  const error = body && body.error ? body.error : {};
  throw new ApiError(response.status, error.code || null, error.message || null);
}
