// One file's journey: checksum, ticket, PUT to S3 with progress; retries what is worth retrying.

import { ApiError, NetworkError, checkStatus, requestTicket } from './api.js';
import { awaitPublication } from './publication.js';
import { sha256Base64 } from './sha256.js';

/** S3 answered the PUT with an error (status and the <Code> of its XML body), or never answered. */
export class UploadError extends Error {
  constructor(status, s3Code, s3Message) {
    super(s3Message || s3Code || (status ? `HTTP ${status}` : 'network error'));
    this.name = 'UploadError';
    this.status = status;
    this.s3Code = s3Code;
    this.s3Message = s3Message;
  }
}

/** Network errors, 5xx, 429 and expired tickets get up to five attempts, 1 s, 2 s, 4 s... apart. */
const RETRY = { attempts: 5, firstDelayMs: 1000, maxDelayMs: 16000 };
/**
 * crypto.subtle hashes a whole buffer at once, so a huge file would have to fit in memory. Above this
 * size the checksum (optional in the API) is left out; S3 still pins the exact size.
 */
const CHECKSUM_MAX_BYTES = 512 * 1024 * 1024;
/** A ticket this close to expiry is not worth starting a PUT with. */
const EXPIRY_MARGIN_MS = 5000;

/**
 * The uploader's collaborators, each replaceable through uploadFile's options (as @uppy/aws-s3 takes its
 * signing function and retry settings), so that tests can drive the upload logic with fakes:
 * - requestTicket(request, {token, signal}) resolves with a ticket (api.js asks the Pinhole API);
 * - putFile(ticket, blob, {signal, onProgress}) sends the bytes (an XHR PUT to S3);
 * - retry: {attempts, shouldRetry(error), delayMs(attempt)}, the rule for trying again;
 * - checkStatus(action, {signal}) performs the ticket's status action (a GET to the image API);
 * - statusDelays: the waits between status checks, in milliseconds;
 * - now() the clock in epoch milliseconds, and sleep(ms, signal) the wait before the next attempt.
 */
const DEFAULTS = {
  requestTicket,
  putFile,
  checkStatus,
  retry: { attempts: RETRY.attempts, shouldRetry: retryable, delayMs: backoff },
  now: () => Date.now(),
  sleep,
};

/**
 * Uploads one file, waits until the publisher has checked it, and resolves with the ticket and its outcome:
 * {ticket, url, removed, pending} (url the published link; see publication.js). A refusal throws
 * PublishRefusal.
 * Network errors, 5xx and 429 are retried with exponential backoff; an expired ticket is replaced by a
 * fresh one; any other refusal ends the upload at once.
 *
 * @param {File} file
 * @param {{extension: string, token?: string, lifetime?: string, signal: AbortSignal,
 *          onProgress?: (loaded: number, total: number) => void, onStatus?: (text: string) => void,
 *          requestTicket?: Function, putFile?: Function, now?: () => number, sleep?: Function,
 *          retry?: {attempts?: number, shouldRetry?: (error: Error) => boolean,
 *                   delayMs?: (attempt: number) => number}}} options
 *        the upload's own settings, and any collaborator (see DEFAULTS) to use instead of the default
 */
export async function uploadFile(file, options) {
  const { signal, onStatus = () => {}, onProgress } = options;
  const ask = options.requestTicket ?? DEFAULTS.requestTicket;
  const put = options.putFile ?? DEFAULTS.putFile;
  const now = options.now ?? DEFAULTS.now;
  const wait = options.sleep ?? DEFAULTS.sleep;
  const retry = { ...DEFAULTS.retry, ...options.retry };
  let sha256;
  if (file.size <= CHECKSUM_MAX_BYTES) {
    onStatus('Checking the file…');
    sha256 = await sha256Base64(file);
    signal.throwIfAborted();
  }
  let ticket = null;
  for (let attempt = 1; ; attempt++) {
    try {
      if (ticket === null || expired(ticket, now())) {
        onStatus(ticket === null ? 'Asking for an upload link…' : 'The upload link expired; asking for a new one…');
        ticket = await ask(ticketRequest(file, sha256, options), { token: options.token, signal });
      }
      onStatus('Uploading…');
      await put(ticket, file, { signal, onProgress });
      return published(ticket, options, wait);
    } catch (failed) {
      if (alreadyStored(failed, attempt)) {
        // An earlier attempt landed but its answer was lost. If-None-Match refuses the second write,
        // and the checksum S3 verified then guarantees the stored bytes are this file's.
        return published(ticket, options, wait);
      }
      if (expiredTicket(failed)) {
        ticket = null;
      }
      if (!retry.shouldRetry(failed) || attempt >= retry.attempts) {
        throw failed;
      }
      const delay = retry.delayMs(attempt);
      onStatus(`Interrupted; trying again in ${Math.round(delay / 1000)} s (attempt ${attempt + 1} `
        + `of ${retry.attempts})…`);
      await wait(delay, signal);
    }
  }
}

/** What the ticket is asked for; a lifetime only when one was chosen, so older servers see what they know. */
function ticketRequest(file, sha256, { extension, lifetime }) {
  const request = { extension, size: file.size, sha256 };
  if (lifetime) {
    request.lifetime = lifetime;
  }
  return request;
}

async function published(ticket, options, wait) {
  const outcome = await awaitPublication(ticket, {
    signal: options.signal,
    checkStatus: options.checkStatus ?? DEFAULTS.checkStatus,
    sleep: wait,
    onStatus: options.onStatus,
    delays: options.statusDelays,
  });
  return { ticket, ...outcome };
}

/** PUTs the bytes with exactly the ticket's headers, reporting progress; XHR because fetch cannot. */
function putFile(ticket, blob, { signal, onProgress = () => {} }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.upload.method || 'PUT', ticket.upload.url);
    for (const [name, value] of Object.entries(ticket.upload.headers || {})) {
      xhr.setRequestHeader(name, value);
    }
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    const settle = (action) => {
      signal.removeEventListener('abort', abort);
      action();
    };
    xhr.upload.addEventListener('progress', (event) => {
      onProgress(event.loaded, event.lengthComputable ? event.total : blob.size);
    });
    xhr.addEventListener('load', () => settle(() => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(blob.size, blob.size);
        resolve();
      } else {
        reject(s3Error(xhr.status, xhr.responseText));
      }
    }));
    // No xhr.timeout: a large image on a slow line may rightly take many minutes. S3 itself ends a PUT
    // whose connection goes idle (RequestTimeout, which is retried), and Cancel ends any other.
    xhr.addEventListener('error', () => settle(() => reject(new UploadError(0, null, null))));
    xhr.addEventListener('abort', () => settle(() => reject(signal.reason ?? abortError())));
    xhr.send(blob);
  });
}

/** Reads S3's XML error body: <Error><Code>SignatureDoesNotMatch</Code><Message>…</Message></Error>. */
export function s3Error(status, text) {
  let code = null;
  let message = null;
  try {
    const xml = new DOMParser().parseFromString(text || '', 'application/xml');
    code = xml.querySelector('Error > Code')?.textContent || null;
    message = xml.querySelector('Error > Message')?.textContent || null;
  } catch {
    // Not XML; the status alone will have to do.
  }
  return new UploadError(status, code, message);
}

export function retryable(error) {
  if (error instanceof NetworkError) {
    return true;
  }
  const status = error instanceof ApiError || error instanceof UploadError ? error.status : null;
  return status === 0 || status === 429 || (status >= 500 && status < 600) || expiredTicket(error);
}

function expiredTicket(error) {
  return error instanceof UploadError && error.status === 403 && error.s3Code === 'AccessDenied'
    && /expired/i.test(error.s3Message || '');
}

function alreadyStored(error, attempt) {
  return attempt > 1 && error instanceof UploadError && error.status === 412;
}

function expired(ticket, nowMs) {
  const expiresAt = Date.parse(ticket.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt - nowMs < EXPIRY_MARGIN_MS;
}

/** 1 s, 2 s, 4 s, … up to the maximum, with jitter so many clients do not retry in step. */
export function backoff(attempt) {
  const base = Math.min(RETRY.maxDelayMs, RETRY.firstDelayMs * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason ?? abortError());
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

function abortError() {
  return new DOMException('The upload was cancelled.', 'AbortError');
}
