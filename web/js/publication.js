// After the PUT: the publisher checks (and cleans) the upload; this asks its status action until it has decided.

import { ApiError, NetworkError } from './api.js';

/** The publisher refused the image: its RefusalReason code and the server's message. */
export class PublishRefusal extends Error {
  constructor(code, message) {
    super(message || code || 'refused');
    this.name = 'PublishRefusal';
    this.code = code;
  }
}

/**
 * 250 ms, 500 ms, 1 s, then every 2 s: a check usually takes well under a second, so the first answers come
 * quickly; the cap keeps a slow publisher from being asked in a tight loop. About a minute in all.
 */
export const STATUS_DELAYS_MS = [250, 500, 1000, ...Array(30).fill(2000)];

/** Words for the kinds of metadata the publisher lists as removed (docs/PUBLISHING.md). */
const KIND_WORDS = {
  location: 'location',
  camera: 'camera',
  dates: 'date',
  people: 'people',
  text: 'text',
  thumbnail: 'embedded thumbnail',
  other: 'other',
};

/**
 * "Location and camera details removed." for ["location","camera"]; null when nothing was removed.
 * Unknown kinds count as "other", so a newer server's kind still reads well.
 */
export function removedWords(kinds) {
  if (!Array.isArray(kinds) || kinds.length === 0) {
    return null;
  }
  // In the table's order (location first: what matters most), whatever order the server listed them in.
  const words = [...new Set(Object.keys(KIND_WORDS).filter((kind) => kinds.includes(kind))
    .concat(kinds.some((kind) => !Object.hasOwn(KIND_WORDS, kind)) ? ['other'] : [])
    .map((kind) => KIND_WORDS[kind]))];
  const list = words.length === 1 ? words[0]
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} details removed.`;
}

/**
 * Asks the ticket's status action until the image is published or refused. Resolves with
 * {url, removed, pending}: the published link, the kinds removed, and pending=true when the publisher had
 * not decided by the last attempt (the link then goes live when it does). Throws PublishRefusal on refusal.
 * A ticket without a status action (an older server) resolves at once with its own link, as before.
 */
export async function awaitPublication(ticket, { signal, checkStatus, sleep, onStatus = () => {},
  delays = STATUS_DELAYS_MS }) {
  if (!ticket.status || !ticket.status.url) {
    return { url: ticket.url, removed: [], pending: false };
  }
  onStatus('Checking the image…');
  for (let attempt = 0; ; attempt++) {
    const answer = await askOnce(ticket.status, checkStatus, signal);
    if (answer && answer.state === 'published') {
      return { url: answer.url || ticket.url, removed: answer.removed || [], pending: false };
    }
    if (answer && answer.state === 'refused') {
      const reason = answer.reason || {};
      throw new PublishRefusal(reason.code || null, reason.message || null);
    }
    if (attempt >= delays.length) {
      return { url: ticket.url, removed: [], pending: true };
    }
    await sleep(delays[attempt], signal);
  }
}

/** One status answer; null for "not decided yet" (checking, a 404 just after the PUT, a lost connection). */
async function askOnce(action, checkStatus, signal) {
  try {
    return await checkStatus(action, { signal });
  } catch (failed) {
    if (failed instanceof NetworkError || (failed instanceof ApiError
      && (failed.status === 404 || failed.status === 429 || failed.status >= 500))) {
      return null;
    }
    throw failed;
  }
}
