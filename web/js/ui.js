// The on-page view of one file in the queue: thumbnail, name, state, progress, then result or error.

import { formatBytes, nameExtension } from './files.js';
import { button, element } from './dom.js';
import { resultBlock } from './results.js';

/** States, also exposed as data-state for styling and tests. */
export const State = {
  REFUSED: 'refused', WAITING: 'waiting', WORKING: 'working', DONE: 'done', FAILED: 'failed', CANCELLED: 'cancelled',
  DELETED: 'deleted',
};

/** Sent on document by the recent list when it has deleted an image: {detail: {url}}. */
export const DELETED_EVENT = 'pinhole:deleted';

export class UploadRow {
  /** @param {File} file @param {HTMLElement} list where the row goes (newest first) */
  constructor(file, list) {
    this.file = file;
    this.name = file.name || 'pasted image';
    this.node = element('li', 'upload');
    this.thumbUrl = URL.createObjectURL(file);
    const thumb = element('img', 'thumb');
    this.thumb = thumb;
    Object.assign(thumb, { src: this.thumbUrl, alt: '', decoding: 'async' });
    // Not decodable here (HEIC, a text file...): a neutral tile instead of the broken-image icon.
    thumb.addEventListener('error', () => thumb.replaceWith(placeholder(file)), { once: true });
    const body = element('div', 'upload-body');
    const title = element('p', 'upload-name');
    title.append(element('span', 'file-name', this.name), element('span', 'file-size', formatBytes(file.size)));
    this.stateText = element('p', 'upload-state');
    this.progress = element('progress', 'upload-progress');
    Object.assign(this.progress, { max: 100, value: 0 });
    this.progress.setAttribute('aria-label', `Upload progress of ${this.name}`);
    this.progressText = element('p', 'progress-text');
    this.actions = element('div', 'upload-actions');
    body.append(title, this.stateText, this.progress, this.progressText, this.actions);
    this.node.append(thumb, body);
    list.prepend(this.node);
  }

  setState(state, text) {
    this.node.dataset.state = state;
    this.stateText.textContent = text;
    const shown = state === State.WAITING || state === State.WORKING || state === State.DONE;
    this.progress.hidden = !shown;
    this.progressText.hidden = !shown;
  }

  setProgress(loaded, total) {
    const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;
    this.progress.value = percent;
    this.progressText.textContent = `${percent}% · ${formatBytes(loaded)} of ${formatBytes(total)}`;
  }

  /** Shows one button in the actions area, replacing what was there. */
  setAction(label, onClick, accessibleName) {
    this.actions.replaceChildren();
    if (!label) {
      return;
    }
    this.actions.append(button(label, {
      className: `action action-${label.toLowerCase()}`,
      accessibleName: accessibleName || `${label} ${this.name}`,
      onClick,
    }));
  }

  refused(reason) {
    this.setState(State.REFUSED, reason);
    this.node.classList.add('is-error');
    this.setAction('Dismiss', () => this.remove());
  }

  failed(message, detail, retry) {
    this.setState(State.FAILED, message);
    this.node.classList.add('is-error');
    if (detail) {
      this.stateText.append(' ', element('span', 'detail', `(${detail})`));
    }
    this.offerRetry(retry);
  }

  cancelled(retry) {
    this.setState(State.CANCELLED, 'Cancelled.');
    this.offerRetry(retry);
  }

  offerRetry(retry) {
    this.setAction('Retry', retry);
    this.actions.append(button('Dismiss', {
      className: 'action action-dismiss',
      accessibleName: `Dismiss ${this.name}`,
      onClick: () => this.remove(),
    }));
  }

  /**
   * @param {string} url the link
   * @param {{published?: boolean, removedText?: string|null, pending?: boolean}} outcome what the publisher
   *        said: published (the thumbnail then shows what the link serves, not the local file), a sentence
   *        saying which metadata it removed, or pending when it had not decided yet; removalText says when the
   *        image's lifetime ends
   */
  done(url, { published = false, removedText = null, pending = false, removalText = null } = {}) {
    this.node.classList.remove('is-error');
    this.setProgress(this.file.size, this.file.size);
    this.setState(State.DONE, pending ? 'Uploaded. Still being checked: the link works once the image is published.'
      : published ? 'Published.' : 'Uploaded.');
    if (removedText) {
      this.stateText.append(' ', element('span', 'removed', removedText));
    }
    if (removalText) {
      this.stateText.append(' ', element('span', 'removal', removalText));
    }
    this.setAction(null);
    this.node.querySelector('.upload-body').append(resultBlock(url, this.name));
    // Deleted from the recent list while this row still offers the link: the row must not keep offering it.
    const onDeleted = (event) => {
      if (event.detail && event.detail.url === url) {
        document.removeEventListener(DELETED_EVENT, onDeleted);
        this.deleted();
      }
    };
    document.addEventListener(DELETED_EVENT, onDeleted);
    if (published && this.thumb.isConnected) {
      this.thumb.src = url;
      URL.revokeObjectURL(this.thumbUrl);
    }
  }

  deleted() {
    this.setState(State.DELETED, 'Deleted. Its link no longer works.');
    this.node.querySelector('.result')?.remove();
    this.setAction('Dismiss', () => this.remove());
  }

  remove() {
    URL.revokeObjectURL(this.thumbUrl);
    this.node.remove();
  }
}

function placeholder(file) {
  const tile = element('div', 'thumb placeholder', nameExtension(file.name || '').toUpperCase().slice(0, 4) || '?');
  tile.setAttribute('aria-hidden', 'true');
  return tile;
}
