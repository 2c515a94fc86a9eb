// The list of recent uploads, kept in this browser's localStorage so it survives reloads.

const STORAGE_KEY = 'pinhole.recent.v1';
const MAX_ENTRIES = 50;

/** Entries newest first: {url, name, size, uploadedAt}. Never throws: a broken store reads as empty. */
export function loadRecent() {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
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
