// Turns what went wrong (API error code, S3 error code, network, publisher refusal) into words a person understands.

import { ApiError, NetworkError } from './api.js';
import { PublishRefusal } from './publication.js';
import { UploadError } from './upload.js';

/**
 * Words for every code of the API's error catalogue (ErrorCode in lambda/core); webtest's ErrorWordingTest
 * fails when a code there has none here. A function gets the server's message: where that message names
 * the limit that was hit, it says more than any fixed words could.
 */
const API_WORDS = {
  missing_body: 'the page sent an empty request. Reload the page and try again',
  invalid_body: 'the page sent a request the server could not read. Reload the page and try again',
  body_too_large: 'the page sent a request the server would not read. Reload the page and try again',
  invalid_json: 'the page sent a request the server did not understand. Reload the page and try again',
  missing_field: 'the page sent an incomplete request. Reload the page and try again',
  unknown_field: 'this page is out of date for the server. Reload the page and try again',
  duplicate_field: 'the page sent a request the server did not understand. Reload the page and try again',
  invalid_field: 'the page sent a request the server did not understand. Reload the page and try again',
  unsupported_extension: (message) => message || 'this type of file is not accepted here',
  invalid_size: 'the file’s size could not be read. Choose the file again',
  too_large: (message) => message || 'the file is larger than this Pinhole accepts',
  invalid_sha256: 'the file’s checksum could not be computed. Reload the page and try again',
  unauthorized: 'this Pinhole needs the right upload token. Enter it in the “Upload token” field and try again',
  origin_not_allowed: 'the upload service does not accept uploads from this site',
  use_the_site: 'uploads work only through this site’s own address. Open the site at its usual address and '
    + 'try again',
  bad_viewer_host: 'the upload service could not tell which address this page was opened at, so it cannot make '
    + 'the image’s link. Reload the page and try again; if it keeps happening, tell whoever runs this Pinhole',
  not_found: 'the upload service is not reachable at this address',
  method_not_allowed: 'the upload service is not reachable at this address',
  range_not_satisfiable: 'only part of the image was asked for, and that part does not exist',
  internal_error: 'the server had a problem. Try again in a moment',
  invalid_lifetime: (message) => message || 'this Pinhole does not offer the chosen “Keep” time. Reload the page '
    + 'and choose again',
  delete_token_invalid: 'the delete key this browser kept does not belong to this image, so the image was not '
    + 'deleted and is still online',
  gone: 'the image was already deleted',
};

/**
 * Words for why the publisher refused an image once it was uploaded (RefusalReason in lambda/images);
 * ErrorWordingTest checks these too.
 */
const REFUSAL_WORDS = {
  not_an_image: 'the file is not an image of a type this Pinhole serves',
  wrong_type: 'the file is an image, but not of the type its name says. Save it again in that format, or '
    + 'give it the right extension',
  truncated: 'the image is incomplete: the file ends before the picture does. Save or download it again',
  trailing_data: 'the file carries other data after the end of the image. Save the image again from an image '
    + 'editor',
  malformed: 'the image is damaged. Save it again from the program that made it',
  unsupported_variant: 'the image is stored in a variant of its format that web browsers cannot show. Save it '
    + 'again as an ordinary JPEG, PNG or WebP',
  no_pixels: 'the image has a width or height of zero',
  too_many_pixels: 'the image has more pixels than this Pinhole accepts. Scale it down and try again',
  too_many_frames: 'the animation has more frames than this Pinhole accepts. Shorten it and try again',
  too_complex: 'the image is made of more parts than any real picture needs. Save it again from an image editor',
  metadata_not_removable: 'the image carries metadata (such as where or with what it was taken) that cannot be '
    + 'removed without changing the picture. Export a copy without metadata and try again',
  too_large: 'the file is larger than this Pinhole accepts. Scale it down and try again',
  unsupported_type: 'this Pinhole cannot check images of this type, so it does not publish them. Save it as a JPEG '
    + 'or PNG and try again',
  invalid_ticket: 'the upload did not carry the details of an upload link this Pinhole gave out (such as how long to '
    + 'keep it). Reload the page and upload it again',
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

/**
 * A sentence of the page's own for an API error code, given the server's message (may be null); null
 * for a code the page does not know, whose server message is then shown as it is.
 */
export function apiWords(code, serverMessage) {
  const words = Object.hasOwn(API_WORDS, code) ? API_WORDS[code] : null;
  const text = typeof words === 'function' ? words(serverMessage) : words;
  return text ? sentence(text) : null;
}

/** A sentence saying why the publisher refused an image, for its refusal code; null for an unknown code. */
export function refusalWords(code) {
  return Object.hasOwn(REFUSAL_WORDS, code) ? sentence(REFUSAL_WORDS[code]) : null;
}

/**
 * A sentence saying why deleting an image did not work. The words for uploads would mislead here ("the upload
 * service", "too many uploads"), so the failures that are not the API's own codes get words of their own.
 */
export function deleteFailureWords(error) {
  if (error instanceof NetworkError) {
    return sentence('the server could not be reached. Check the connection and try again');
  }
  if (error instanceof ApiError && !apiWords(error.code, error.message)) {
    if (error.status === 429) {
      return sentence('too many requests right now. Wait a moment and try again');
    }
    if (error.status >= 500) {
      return sentence('the server had a problem. Try again in a moment');
    }
  }
  return describeError(error);
}

/** A short technical detail for the curious (status and code), or '' when there is none. */
export function technicalDetail(error) {
  if (error instanceof UploadError && error.status) {
    return `storage answered ${error.status}${error.s3Code ? ` ${error.s3Code}` : ''}`;
  }
  if (error instanceof PublishRefusal && error.code) {
    return `refused: ${error.code}`;
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
  if (error instanceof PublishRefusal) {
    return refusalWords(error.code) || error.message || 'the image was checked and not accepted';
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
  const known = apiWords(error.code, error.message);
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
  const known = Object.hasOwn(S3_CODES, error.s3Code) ? S3_CODES[error.s3Code] : null;
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
