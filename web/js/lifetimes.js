// How long an uploaded image is kept: the server's lifetime labels ("7d") in words, and the page's "Keep" choice.

/** What the API calls "no lifetime": the image stays until someone deletes it. */
export const FOREVER = 'forever';

const LABEL = /^([1-9][0-9]{0,3})d$/;

/**
 * "1 day", "7 days", "1 year" for the API's labels "1d", "7d", "365d"; "Forever" for "forever". A label this
 * page cannot read is shown as the server wrote it rather than hidden: the server still accepts it.
 */
export function lifetimeWords(label) {
  if (label === FOREVER) {
    return 'Forever';
  }
  const match = LABEL.exec(String(label));
  if (!match) {
    return String(label);
  }
  const days = Number(match[1]);
  if (days % 365 === 0) {
    return plural(days / 365, 'year');
  }
  return plural(days, 'day');
}

function plural(count, unit) {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * The choices the "Keep" select offers for the server's limits, in order, and which one starts selected:
 * {options: [{value, text}], selected}. No options at all when the server offers no lifetimes (an older
 * server, or one that keeps everything forever): the page then shows no choice and sends no lifetime.
 */
export function keepChoices(limits) {
  const lifetimes = Array.isArray(limits && limits.lifetimes)
    ? limits.lifetimes.filter((label) => typeof label === 'string' && label !== FOREVER) : [];
  if (lifetimes.length === 0) {
    return { options: [], selected: null };
  }
  const values = limits.foreverAllowed === false ? lifetimes : [FOREVER, ...lifetimes];
  const fallback = values.includes(FOREVER) ? FOREVER : values[0];
  const selected = values.includes(limits.defaultLifetime) ? limits.defaultLifetime : fallback;
  return { options: values.map((value) => ({ value, text: lifetimeWords(value) })), selected };
}

/** "8 Dec 2026, 14:00" in this browser's language and time zone; null for a missing or unreadable instant. */
export function localDateTime(instant) {
  const when = new Date(instant);
  if (instant === null || instant === undefined || Number.isNaN(when.getTime())) {
    return null;
  }
  return when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
