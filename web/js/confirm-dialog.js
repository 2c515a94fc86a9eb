// Asks before doing what cannot be undone, in the page's one native <dialog> (modal: focus stays inside,
// Escape cancels, the rest of the page is inert while it is open).

/**
 * Opens the dialog with this title, text and confirming button label; resolves true when that button was
 * pressed, false for Cancel, Escape or anything else that closed it. Focus starts on Cancel, the harmless
 * choice, and goes back to where it was when the dialog closes.
 * @param {{title: string, text: string, confirmLabel: string}} question
 */
export function confirmAction({ title, text, confirmLabel }) {
  const dialog = document.getElementById('confirm');
  const yes = document.getElementById('confirm-yes');
  const cancel = document.getElementById('confirm-cancel');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  yes.textContent = confirmLabel;
  const returnTo = document.activeElement;
  return new Promise((resolve) => {
    const onYes = () => dialog.close('confirm');
    const onCancel = () => dialog.close('cancel');
    yes.addEventListener('click', onYes);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('close', () => {
      yes.removeEventListener('click', onYes);
      cancel.removeEventListener('click', onCancel);
      const confirmed = dialog.returnValue === 'confirm';
      dialog.returnValue = '';
      if (returnTo && returnTo.isConnected && typeof returnTo.focus === 'function') {
        returnTo.focus();
      }
      resolve(confirmed);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    cancel.focus();
  });
}
