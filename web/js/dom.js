// The two ways the page builds its elements, so that every view makes them alike.

/** An element with an optional class and text content (text, never HTML). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * A button that never submits anything (type="button"). The accessible name is for labels that are
 * ambiguous on their own: a screen reader hears "Copy link of cat.png", not "Copy link" five times. It must
 * start with the visible label (WCAG 2.5.3, label in name), so that saying what is on the button works.
 * @param {string} label
 * @param {{className?: string, accessibleName?: string, onClick?: (event: MouseEvent) => void}} options
 */
export function button(label, { className, accessibleName, onClick } = {}) {
  const node = element('button', className, label);
  node.type = 'button';
  if (accessibleName) {
    node.setAttribute('aria-label', accessibleName);
  }
  if (onClick) {
    node.addEventListener('click', onClick);
  }
  return node;
}
