// The uploader page: wires the picker, drag and drop, paste and the token field to the upload queue.

import { ApiError, fetchLimits } from './api.js';
import { announce } from './announce.js';
import { button } from './dom.js';
import { describeError, technicalDetail } from './errors.js';
import { checkFile, formatBytes } from './files.js';
import { TaskQueue } from './queue.js';
import { keepChoices, localDateTime } from './lifetimes.js';
import { PublishRefusal, removedWords } from './publication.js';
import { addRecent, entryFor } from './recent.js';
import { renderRecent, wireRecent } from './recent-view.js';
import { State, UploadRow } from './ui.js';
import { uploadFile } from './upload.js';
import { wireWaysIn } from './ways-in.js';

const PARALLEL_UPLOADS = 3;
const TOKEN_KEY = 'pinhole.token';

const queue = new TaskQueue(PARALLEL_UPLOADS);
const $ = (id) => document.getElementById(id);
let tokenRequired = false;
let limits = loadLimits();

function loadLimits() {
  const loading = fetchLimits().then(showLimits);
  loading.catch(showLimitsFailure);
  return loading;
}

function showLimits(loaded) {
  const types = loaded.allowedExtensions.map((extension) => extension.toUpperCase()).join(', ');
  $('limits').textContent = `${types}; up to ${formatBytes(loaded.maxBytes)} each.`;
  $('limits').classList.remove('is-error', 'is-loading');
  const mimeTypes = new Set(Object.values(loaded.contentTypes));
  $('file-input').accept = [...loaded.allowedExtensions.map((e) => `.${e}`), ...mimeTypes].join(',');
  $('token-row').hidden = !loaded.tokenRequired;
  tokenRequired = loaded.tokenRequired;
  showKeepChoice(loaded);
  return loaded;
}

/** The "Keep" select, only when the server offers lifetimes; a choice made before a reload of the limits stays. */
function showKeepChoice(loaded) {
  const { options, selected } = keepChoices(loaded);
  const select = $('keep');
  const previous = select.value;
  select.replaceChildren(...options.map(({ value, text }) => new Option(text, value)));
  select.value = options.some(({ value }) => value === previous) ? previous : selected;
  $('keep-row').hidden = options.length === 0;
}

/** The lifetime to ask for, or undefined when the page offers no choice (the server's default then applies). */
function lifetimeValue() {
  return $('keep-row').hidden ? undefined : $('keep').value || undefined;
}

function showLimitsFailure(error) {
  const message = $('limits');
  message.classList.remove('is-loading');
  message.classList.add('is-error');
  message.textContent = `Could not load the upload limits. ${describeError(error)} `;
  message.append(button('Try again', {
    className: 'quiet',
    onClick: () => {
      message.textContent = 'Loading limits…';
      message.classList.add('is-loading');
      limits = loadLimits();
    },
  }));
}

/** Every way in ends here: a list of files from the picker, a drop or a paste. */
async function addFiles(files) {
  const list = [...files];
  if (list.length === 0) {
    return;
  }
  $('uploads-section').hidden = false;
  // Rows go newest first; within one batch, keep the order the files came in.
  const rows = [...list].reverse().map((file) => new UploadRow(file, $('uploads'))).reverse();
  let loaded;
  try {
    loaded = await limits;
  } catch (error) {
    rows.forEach((row) => row.failed(`Not uploaded. ${describeError(error)}`, technicalDetail(error),
      () => retryWithLimits(row)));
    return;
  }
  rows.forEach((row) => admit(row, loaded));
  announce(list.length === 1 ? `${rows[0].name} added.` : `${list.length} files added.`);
}

async function retryWithLimits(row) {
  limits = loadLimits();
  try {
    admit(row, await limits);
  } catch (error) {
    row.failed(`Not uploaded. ${describeError(error)}`, technicalDetail(error), () => retryWithLimits(row));
  }
}

/** Refuses a file that breaks the limits without a single request; queues the others. */
function admit(row, loaded) {
  const verdict = checkFile(row.file, loaded);
  if (!verdict.ok) {
    row.refused(verdict.reason);
    announce(`Not uploaded: ${verdict.reason}`);
    return;
  }
  start(row, verdict.extension);
}

function start(row, extension) {
  if (tokenRequired && !tokenValue()) {
    // No point asking the API: it would answer 401. Say what is missing, where it goes.
    row.failed('Not uploaded yet. Enter the upload token above, then press Retry.', '', () => start(row, extension));
    flagToken();
    return;
  }
  const controller = new AbortController();
  const lifetime = lifetimeValue();
  row.node.classList.remove('is-error');
  row.setState(State.WAITING, 'Waiting…');
  row.setProgress(0, row.file.size);
  row.setAction('Cancel', () => controller.abort());
  queue.add(() => run(row, extension, lifetime, controller.signal), controller.signal)
    .then((ticket) => succeeded(row, ticket))
    .catch((error) => failed(row, extension, error));
}

function run(row, extension, lifetime, signal) {
  row.setState(State.WORKING, 'Starting…');
  return uploadFile(row.file, {
    extension,
    token: tokenValue(),
    lifetime,
    signal,
    onProgress: (loaded, total) => row.setProgress(loaded, total),
    onStatus: (text) => row.setState(State.WORKING, text),
  });
}

function succeeded(row, { ticket, url, removed, pending }) {
  const removedText = removedWords(removed);
  const removal = localDateTime(ticket.removeAfter);
  row.done(url, { published: Boolean(ticket.status) && !pending, removedText, pending,
    removalText: removal ? `Removed on ${removal}.` : null });
  // The published link and the ticket's status and delete actions are kept; the upload URL never outlives the row.
  addRecent(entryFor(ticket, { url, name: row.name, size: row.file.size, uploadedAt: new Date().toISOString() }));
  renderRecent();
  announce(`${row.name} ${ticket.status && !pending ? 'published' : 'uploaded'}. Its link is ready to copy.`
    + (removedText ? ` ${removedText}` : ''));
}

function failed(row, extension, error) {
  if (error && error.name === 'AbortError') {
    row.cancelled(() => start(row, extension));
    announce(`${row.name}: upload cancelled.`);
    return;
  }
  if (error instanceof PublishRefusal) {
    // The upload is gone and its ticket used: trying again would be refused again, so only Dismiss.
    const message = `Not published. ${describeError(error)}`;
    row.refused(message);
    announce(`${row.name}. ${message}`);
    return;
  }
  const message = `Not uploaded. ${describeError(error)}`;
  row.failed(message, technicalDetail(error), () => start(row, extension));
  announce(`${row.name}. ${message}`);
  if (error instanceof ApiError && error.code === 'unauthorized') {
    tokenRequired = true;
    flagToken();
  }
}

function flagToken() {
  $('token-row').hidden = false;
  $('token').setAttribute('aria-invalid', 'true');
  $('token').focus();
}

function tokenValue() {
  const value = $('token').value.trim();
  return value || undefined;
}

function wireToken() {
  const field = $('token');
  field.value = sessionStorage.getItem(TOKEN_KEY) || '';
  field.addEventListener('input', () => {
    field.removeAttribute('aria-invalid');
    sessionStorage.setItem(TOKEN_KEY, field.value.trim());
  });
}

wireToken();
wireWaysIn(addFiles);
wireRecent();
document.body.classList.add('ready');
