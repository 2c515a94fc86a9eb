// Turns what went wrong (API error code, S3 error code, network) into words a person understands.

import { ApiError, NetworkError } from './api.js';
import { UploadError } from './upload.js';

const API_CODES = {
  unauthorized: 'this Pinhole needs the right upload token. Enter it in the “Upload token” field and try again',
  too_large: null, // The server's own message names its limit; use it.
  unsupported_extension: null,
  body_too_large: 'the page sent a request the server would not read. Reload the page and try again',
  invalid_json: 'the page sent a request the server did not understand. Reload the page and try again',
  missing_field: 'the page sent an incomplete request. Reload the page and try again',
  unknown_field: 'this page is out of date for the server. Reload the page and try again',
  duplicate_field: 'the page sent a request the server did not understand. Reload the page and try again',
  invalid_field: 'the page sent a request the server did not understand. Reload the page and try again',
  invalid_size: 'the file’s size could not be read. Choose the file again',
  invalid_sha256: 'the file’s checksum could not be computed. Reload the page and try again',
  method_not_allowed: 'the upload service is not reachable at this address',
  not_found: 'the upload service is not reachable at this address',
  origin_not_allowed: 'the upload service does not accept uploads from this site',
  internal_error: 'the server had a problem. Try again in a moment',
};

const S3_CODES = {
  SignatureDoesNotMatch: 'the file changed during upload or the upload link was altered',
  BadDigest: 'the file changed while it was being uploaded (its checksum no longer matches)',
  InvalidDigest: 'the file changed while it was being uploaded (its checksum no longer matches)',
  XAmzContentChecksumMismatch: 'the file changed while it was being uploaded (its checksum no longer matches)',
  XAmzContentSHA256Mismatch: 'the file changed while it was being uploaded (its checksum no longer matches)',
  IncompleteBody: 'the file’s size changed after it was chosen, or the connection dropped mid-upload',
  EntityTooLarge: 'the file grew after it was chosen; choose it again',
  EntityTooSmall: 'the file shrank after it was chosen; choose it again',
  PreconditionFailed: 'something is already stored at this link. Try again for a new link',
  RequestTimeout: 'the upload was too slow and the storage server gave up. Try again',
  RequestTimeTooSkewed: 'this device’s clock is wrong, so the storage server distrusts the request. Fix the clock and try again',
  SlowDown: 'the storage server is busy. Try again in a moment',
  ServiceUnavailable: 'the storage server is busy. Try again in a moment',
  InternalError: 'the storage server had a problem. Try again in a moment',
  NoSuchBucket: 'the storage bucket of this Pinhole does not exist; tell whoever runs it',
};

/** A sentence, starting with a capital and ending with a full stop, saying why an upload failed. */
export function describeError(error) {
  return sentence(reason(error));
}

/** A short technical detail for the curious (status and code), or '' when there is none. */
export function technicalDetail(error) {
  if (error instanceof UploadError && error.status) {
    return `storage answered ${error.status}${error.s3Code ? ` ${error.s3Code}` : ''}`;
  }
  if (error instanceof ApiError) {
    return `API answered ${error.status}${error.code ? ` ${error.code}` : ''}`;
  }
  return '';
}

function reason(error) {
  if (error instanceof NetworkError) {
    return 'the upload service could not be reached. Check the connection and try again';
  }
  if (error instanceof ApiError) {
    return apiReason(error);
  }
  if (error instanceof UploadError) {
    return s3Reason(error);
  }
  if (error && error.name === 'AbortError') {
    return 'cancelled';
  }
  if (error && error.name === 'NotReadableError') {
    return 'the file could not be read; it may have been moved or deleted';
  }
  return `something unexpected went wrong (${error && error.message ? error.message : error})`;
}

function apiReason(error) {
  const known = API_CODES[error.code];
  if (known) {
    return known;
  }
  if (error.code && error.message) {
    return error.message; // The API words its refusals for people.
  }
  if (error.status === 429) {
    return 'too many uploads right now. Wait a moment and try again';
  }
  if (error.status >= 500) {
    return 'the server had a problem. Try again in a moment';
  }
  return `the server refused the request (HTTP ${error.status})`;
}

function s3Reason(error) {
  if (error.status === 0) {
    return 'the connection to the storage server was lost. Check the connection and try again';
  }
  if (error.s3Code === 'AccessDenied') {
    return /expired/i.test(error.s3Message || '')
      ? 'the upload link expired before the upload finished. Try again'
      : 'the storage server refused the upload (access denied); the upload link may have been altered';
  }
  const known = S3_CODES[error.s3Code];
  if (known) {
    return known;
  }
  if (error.status === 429 || error.status >= 500) {
    return 'the storage server is busy. Try again in a moment';
  }
  return `the storage server refused the upload (HTTP ${error.status}${error.s3Code ? `, ${error.s3Code}` : ''})`;
}

function sentence(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
