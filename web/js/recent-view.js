// Renders the recent-uploads list from localStorage, with copy, delete and forget for each entry, and keeps
// it honest: an image that was deleted or has expired leaves the list.

import { announce } from './announce.js';
import { ApiError, checkStatus, deleteImage } from './api.js';
import { confirmAction } from './confirm-dialog.js';
import { button, element } from './dom.js';
import { deleteFailureWords } from './errors.js';
import { formatBytes } from './files.js';
import { localDateTime } from './lifetimes.js';
import {
  clearRecent, deleteActionOf, dropExpired, isExpired, loadRecent, removeRecent, statusActionOf,
} from './recent.js';
import { copyText } from './results.js';
import { DELETED_EVENT } from './ui.js';

/** setTimeout's longest wait (about 24.8 days); a later removal is picked up by the next wait or load. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Status checks on load run a few at a time, so fifty entries do not become fifty requests at once. */
const PARALLEL_CHECKS = 4;

let expiryTimer = null;

export function renderRecent() {
  const list = document.getElementById('recent');
  const entries = loadRecent();
  list.replaceChildren(...entries.map(entryNode));
  document.getElementById('recent-empty').hidden = entries.length > 0;
  document.getElementById('clear-recent').hidden = entries.length === 0;
  scheduleExpiry(entries);
}

export function wireRecent() {
  document.getElementById('clear-recent').addEventListener('click', clearAll);
  // Another tab uploaded or deleted something: keep this tab's list in step.
  window.addEventListener('storage', renderRecent);
  dropExpired(Date.now());
  renderRecent();
  leaveWhatIsGone();
}

async function clearAll() {
  const keys = loadRecent().filter((entry) => deleteActionOf(entry)).length;
  if (keys > 0 && !await confirmAction({
    title: 'Clear the list?',
    text: 'The images stay online, but this browser forgets how to delete them: they can no longer be deleted '
      + 'from here.',
    confirmLabel: 'Clear list',
  })) {
    return;
  }
  clearRecent();
  renderRecent();
  say('Recent uploads list cleared. The images are still online.');
}

function entryNode(entry) {
  const item = element('li', 'recent-item');
  const thumb = element('img', 'recent-thumb');
  Object.assign(thumb, { src: entry.url, alt: '', loading: 'lazy', decoding: 'async' });
  thumb.addEventListener('error', () => thumb.classList.add('no-preview'), { once: true });

  const text = element('div', 'recent-text');
  const link = element('a', 'recent-link', entry.name || entry.url);
  Object.assign(link, { href: entry.url, target: '_blank', rel: 'noopener noreferrer' });
  link.setAttribute('aria-label', `${entry.name || 'image'} (opens in a new tab)`);
  text.append(link, element('span', 'recent-meta', describe(entry)));
  const removal = localDateTime(entry.removeAfter);
  if (removal) {
    text.append(element('span', 'recent-removal', `Removed on ${removal}`));
  }

  const field = element('input', 'visually-hidden');
  Object.assign(field, { type: 'text', readOnly: true, value: entry.url, tabIndex: -1 });
  field.setAttribute('aria-hidden', 'true');
  // Each accessible name starts with the visible label (WCAG 2.5.3, label in name): speech users say what they see.
  const copy = button('Copy link', {
    className: 'quiet copy-button',
    accessibleName: `Copy link of ${entry.name}`,
    onClick: () => copyText(entry.url, copy, field, 'Link'),
  });
  const actions = element('div', 'recent-actions');
  actions.append(copy);
  if (deleteActionOf(entry)) {
    const remove = button('Delete', {
      className: 'quiet danger',
      accessibleName: `Delete ${entry.name}`,
      onClick: () => deleteEntry(entry, remove),
    });
    actions.append(remove);
  }
  actions.append(button('Forget', {
    className: 'quiet',
    accessibleName: `Forget ${entry.name} (the image stays online)`,
    onClick: () => forget(entry),
  }), field);
  item.append(thumb, text, actions);
  return item;
}

async function deleteEntry(entry, trigger) {
  const confirmed = await confirmAction({
    title: `Delete ${entry.name}?`,
    text: 'Its link stops working for everyone, and the image cannot be brought back.',
    confirmLabel: 'Delete',
  });
  if (!confirmed) {
    return;
  }
  trigger.disabled = true;
  try {
    await deleteImage(deleteActionOf(entry));
    leaveList(entry, `Deleted. The link to ${entry.name} no longer works.`);
    document.dispatchEvent(new CustomEvent(DELETED_EVENT, { detail: { url: entry.url } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 410) {
      leaveList(entry, `Deleted. ${entry.name} had already been deleted.`);
      document.dispatchEvent(new CustomEvent(DELETED_EVENT, { detail: { url: entry.url } }));
    } else if (error instanceof ApiError && error.status === 404) {
      leaveList(entry, `${entry.name} is no longer online (it expired or was removed), so it left the list.`);
    } else {
      trigger.disabled = false;
      say(`Not deleted. ${deleteFailureWords(error)}`);
    }
  }
}

async function forget(entry) {
  if (deleteActionOf(entry) && !await confirmAction({
    title: `Forget ${entry.name}?`,
    text: 'The image stays online, but this browser forgets how to delete it: it can no longer be deleted from '
      + 'here.',
    confirmLabel: 'Forget',
  })) {
    return;
  }
  leaveList(entry, `${entry.name} removed from the list. The image is still online.`);
}

function leaveList(entry, message) {
  removeRecent(entry.url);
  renderRecent();
  say(message);
}

/**
 * The outcome of what happened to the list: shown above it and announced; focused after an action of the
 * person's own, so that keyboard users stay where they were when the button they pressed went away.
 */
function say(message, { focus = true } = {}) {
  const shown = document.getElementById('recent-message');
  shown.textContent = message;
  shown.hidden = false;
  if (focus) {
    shown.focus();
  }
  announce(message);
}

/**
 * Asks each entry's status action once: an image deleted elsewhere (another device, the script), refused
 * after all, or no longer there at all (404: expired, or removed by its owner) leaves the list. A check
 * that fails for any other reason changes nothing: being offline is no reason to forget an upload.
 */
async function leaveWhatIsGone() {
  const queue = loadRecent().filter((entry) => statusActionOf(entry));
  const gone = [];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      if (await isGone(entry)) {
        gone.push(entry);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CHECKS }, worker));
  if (gone.length === 0) {
    return;
  }
  gone.forEach((entry) => removeRecent(entry.url));
  renderRecent();
  const names = gone.map((entry) => entry.name).join(', ');
  say(`${names} ${gone.length === 1 ? 'is' : 'are'} no longer online (deleted or expired), so `
    + `${gone.length === 1 ? 'it' : 'they'} left the list.`, { focus: false });
}

async function isGone(entry) {
  try {
    const answer = await checkStatus(statusActionOf(entry));
    return answer.state === 'deleted' || answer.state === 'refused';
  } catch (error) {
    return error instanceof ApiError && error.status === 404;
  }
}

/** While the page stays open, an entry leaves the list when its removal time comes. */
function scheduleExpiry(entries) {
  clearTimeout(expiryTimer);
  const next = Math.min(...entries.map((entry) => Date.parse(entry.removeAfter)).filter(Number.isFinite));
  if (!Number.isFinite(next)) {
    return;
  }
  expiryTimer = setTimeout(() => {
    if (dropExpired(Date.now()).length > 0) {
      renderRecent();
    } else {
      scheduleExpiry(loadRecent().filter((entry) => !isExpired(entry, Date.now())));
    }
  }, Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now())));
}

function describe(entry) {
  const parts = [];
  if (Number.isFinite(entry.size)) {
    parts.push(formatBytes(entry.size));
  }
  const uploaded = localDateTime(entry.uploadedAt);
  if (uploaded) {
    parts.push(uploaded);
  }
  return parts.join(' · ');
}
