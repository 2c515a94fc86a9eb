// Decides, before any request, whether a file can be uploaded: its extension and its size.

const HEIC = new Set(['heic', 'heif']);
const HEIC_TYPES = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

/** Sizes as people read them, in the same units as the server's messages: "20 MiB". */
export function formatBytes(bytes) {
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = null;
  for (const candidate of units) {
    if (value < 1024) {
      break;
    }
    value /= 1024;
    unit = candidate;
  }
  if (unit === null) {
    return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${unit}`;
}

/** The lower-case extension of a file name, or '' when it has none. */
export function nameExtension(name) {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    return '';
  }
  return name.slice(dot + 1).toLowerCase();
}

/**
 * The extension to ask a ticket for: from the name, or from the MIME type when the name has none
 * (pasted screenshots may come without one). Prefers the shortest extension for a type: jpg, not jpeg.
 */
export function extensionFor(file, limits) {
  const fromName = nameExtension(file.name || '');
  if (fromName) {
    return fromName;
  }
  const matches = limits.allowedExtensions
    .filter((extension) => limits.contentTypes[extension] === file.type)
    .sort((a, b) => a.length - b.length);
  if (matches.length > 0) {
    return matches[0];
  }
  return HEIC_TYPES.has(file.type) ? 'heic' : '';
}

/**
 * Checks a file against the limits. Returns {ok: true, extension} or {ok: false, reason}, where the
 * reason is a sentence that names the limit.
 */
export function checkFile(file, limits) {
  const extension = extensionFor(file, limits);
  const name = displayName(file);
  if (HEIC.has(extension) && !limits.allowedExtensions.includes(extension)) {
    return refuse(`${name} is a HEIC photo, the format iPhones save by default. Most browsers cannot show `
      + 'HEIC, so it is not accepted here. Export it as JPEG first (on the iPhone: Settings, Camera, Formats, '
      + '"Most Compatible"; or share the photo to Mail or Files, which converts it).');
  }
  if (!extension || !limits.allowedExtensions.includes(extension)) {
    const what = extension ? `a .${extension} file` : `not a recognised image${file.type ? ` (${file.type})` : ''}`;
    return refuse(`${name} is ${what}. Allowed types: ${limits.allowedExtensions.join(', ')}.`);
  }
  if (file.size === 0) {
    return refuse(`${name} is empty (0 bytes).`);
  }
  if (file.size > limits.maxBytes) {
    return refuse(`${name} is ${formatBytes(file.size)}, over the limit of ${formatBytes(limits.maxBytes)} `
      + 'per image.');
  }
  return { ok: true, extension };
}

/** The name shown to people, in quotes; pasted images may have none. */
function displayName(file) {
  return `“${file.name || 'pasted image'}”`;
}

function refuse(reason) {
  return { ok: false, reason };
}
