// Renders the recent-uploads list from localStorage, with copy, open and forget for each entry.

import { announce } from './announce.js';
import { clearRecent, loadRecent, removeRecent } from './recent.js';
import { button, element } from './dom.js';
import { copyText } from './results.js';
import { formatBytes } from './files.js';

export function renderRecent() {
  const list = document.getElementById('recent');
  const entries = loadRecent();
  list.replaceChildren(...entries.map(entryNode));
  document.getElementById('recent-empty').hidden = entries.length > 0;
  document.getElementById('clear-recent').hidden = entries.length === 0;
}

export function wireRecent() {
  document.getElementById('clear-recent').addEventListener('click', () => {
    clearRecent();
    renderRecent();
    announce('Recent uploads list cleared. The images are still online.');
  });
  // Another tab uploaded something: keep this tab's list in step.
  window.addEventListener('storage', renderRecent);
  renderRecent();
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
  const meta = element('span', 'recent-meta', describe(entry));
  text.append(link, meta);

  const field = element('input', 'visually-hidden');
  Object.assign(field, { type: 'text', readOnly: true, value: entry.url, tabIndex: -1 });
  field.setAttribute('aria-hidden', 'true');
  const copy = button('Copy link', {
    className: 'quiet copy-button',
    accessibleName: `Copy the link of ${entry.name}`,
    onClick: () => copyText(entry.url, copy, field, 'Link'),
  });
  const forget = button('Forget', {
    className: 'quiet',
    accessibleName: `Remove ${entry.name} from this list (the image stays online)`,
    onClick: () => {
      removeRecent(entry.url);
      renderRecent();
      announce(`${entry.name} removed from the list.`);
    },
  });
  const actions = element('div', 'recent-actions');
  actions.append(copy, forget, field);
  item.append(thumb, text, actions);
  return item;
}

function describe(entry) {
  const parts = [];
  if (Number.isFinite(entry.size)) {
    parts.push(formatBytes(entry.size));
  }
  const when = new Date(entry.uploadedAt);
  if (!Number.isNaN(when.getTime())) {
    parts.push(when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  }
  return parts.join(' · ');
}
