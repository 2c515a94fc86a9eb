// What an uploaded image offers: its link, a copy button, open in a new tab, Markdown and HTML snippets.

import { announce } from './announce.js';
import { button, element } from './dom.js';

/** Markdown and HTML that show the image; alt text from the file name, escaped for each format. */
export function snippets(url, name) {
  const alt = altText(name);
  return {
    markdown: `![${alt.replace(/([\\[\]])/g, '\\$1')}](${url})`,
    html: `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`,
  };
}

/** A block with the link and the snippets, each with its own copy button. */
export function resultBlock(url, name) {
  const block = element('div', 'result');
  const { markdown, html } = snippets(url, name);
  block.append(
    copyRow('Link', url, 'link', { open: url }),
    copyRow('Markdown', markdown, 'markdown'),
    copyRow('HTML', html, 'html'),
  );
  return block;
}

/** One labelled read-only field with a Copy button (and optionally an Open link). */
function copyRow(label, value, kind, { open } = {}) {
  const row = element('div', `copy-row copy-${kind}`);
  const id = uniqueId(`copy-${kind}`);
  const caption = element('label', 'copy-label', label);
  caption.htmlFor = id;
  const field = element('input', 'copy-field');
  Object.assign(field, { id, type: 'text', readOnly: true, value, spellcheck: false });
  field.addEventListener('focus', () => field.select());
  const copy = button('Copy', {
    className: 'copy-button',
    accessibleName: `Copy ${label.toLowerCase()}`,
    onClick: () => copyText(value, copy, field, label),
  });
  row.append(caption, field, copy);
  if (open) {
    const link = element('a', 'open-link', 'Open');
    Object.assign(link, { href: open, target: '_blank', rel: 'noopener noreferrer' });
    link.setAttribute('aria-label', 'Open the image in a new tab');
    row.append(link);
  }
  return row;
}

/** Copies with the Clipboard API; where that is refused, selects the field so Ctrl+C finishes the job. */
export async function copyText(text, copyButton, field, label) {
  try {
    await navigator.clipboard.writeText(text);
    flash(copyButton, 'Copied');
    announce(`${label} copied to the clipboard.`);
  } catch {
    field.focus();
    field.select();
    flash(copyButton, 'Press Ctrl+C');
    announce(`Could not copy automatically. The ${label.toLowerCase()} is selected: press Control C or Command C.`);
  }
}

function flash(copyButton, text) {
  clearTimeout(copyButton.flashTimer);
  copyButton.dataset.label = copyButton.dataset.label || copyButton.textContent;
  copyButton.textContent = text;
  copyButton.classList.add('flashed');
  copyButton.flashTimer = setTimeout(() => {
    copyButton.textContent = copyButton.dataset.label;
    copyButton.classList.remove('flashed');
  }, 1600);
}

function altText(name) {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[\r\n]+/g, ' ').trim() || 'image';
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

let counter = 0;
function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
