// The list of recent uploads, kept in this browser's localStorage so it survives reloads.

const STORAGE_KEY = 'pinhole.recent.v1';
const MAX_ENTRIES = 50;

/**
 * Entries newest first: {url, name, size, uploadedAt} and, from servers that give them, the ticket's
 * status and delete actions ({method, url, headers}) and removeAfter (ISO-8601, null for forever). The
 * delete action is the only proof that this browser uploaded the image, so it is kept exactly as the
 * server wrote it. Never throws: a broken store reads as empty.
 */
export function loadRecent() {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/** The entry for a finished upload: what the list shows, and the ticket's actions to come back with. */
export function entryFor(ticket, { url, name, size, uploadedAt }) {
  const entry = { url, name, size, uploadedAt };
  if (isAction(ticket.status)) {
    entry.status = ticket.status;
  }
  if (isAction(ticket.delete)) {
    entry.delete = ticket.delete;
  }
  if (typeof ticket.removeAfter === 'string') {
    entry.removeAfter = ticket.removeAfter;
  }
  return entry;
}

export function addRecent(entry) {
  const entries = [entry, ...loadRecent().filter((other) => other.url !== entry.url)];
  return save(entries.slice(0, MAX_ENTRIES));
}

export function removeRecent(url) {
  return save(loadRecent().filter((entry) => entry.url !== url));
}

export function clearRecent() {
  return save([]);
}

/** Whether the image's removeAfter has passed at nowMs: its link no longer works, whatever the list says. */
export function isExpired(entry, nowMs) {
  const removeAfter = Date.parse(entry.removeAfter);
  return Number.isFinite(removeAfter) && removeAfter <= nowMs;
}

/** Takes the expired entries out of the store; returns the names of those it took out. */
export function dropExpired(nowMs) {
  const entries = loadRecent();
  const expired = entries.filter((entry) => isExpired(entry, nowMs));
  if (expired.length > 0) {
    save(entries.filter((entry) => !isExpired(entry, nowMs)));
  }
  return expired.map((entry) => entry.name);
}

/** The entry's delete action when it has a usable one (entries saved before delete links have none). */
export function deleteActionOf(entry) {
  return isAction(entry.delete) ? entry.delete : null;
}

export function statusActionOf(entry) {
  return isAction(entry.status) ? entry.status : null;
}

function save(entries) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled (private mode): the list just will not survive a reload.
  }
  return entries;
}

function isEntry(value) {
  return value && typeof value.url === 'string' && /^https?:\/\//.test(value.url) && typeof value.name === 'string';
}

function isAction(action) {
  return Boolean(action) && typeof action === 'object' && typeof action.url === 'string'
    && /^https?:\/\//.test(action.url) && (action.method === undefined || typeof action.method === 'string')
    && (action.headers === undefined || (typeof action.headers === 'object' && action.headers !== null
      && Object.values(action.headers).every((value) => typeof value === 'string')));
}
