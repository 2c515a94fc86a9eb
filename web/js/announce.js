// One polite live region for everything screen-reader users should hear about, in order.

const GAP_MS = 120;
let pending = Promise.resolve();

export function announce(text) {
  const region = document.getElementById('status');
  if (!region) {
    return;
  }
  // One message at a time, each after a blank: screen readers then read every message, even a repeat.
  pending = pending.then(() => new Promise((resolve) => {
    region.textContent = '';
    setTimeout(() => {
      region.textContent = text;
      setTimeout(resolve, GAP_MS);
    }, GAP_MS / 2);
  }));
}
