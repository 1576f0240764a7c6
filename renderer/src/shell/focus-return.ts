/**
 * Focus goes back where it came from when a dialog closes, for every dialog in the app (ours and
 * other features'), without each one having to remember its opener: we track the last element
 * focused outside any dialog, and when a dialog leaves the page while focus fell to <body>, we
 * put it back there (or, if that element is gone too, on the main region). Likewise when the
 * focused element itself disappears (a removed container's row), focus goes to the main region
 * instead of being lost on <body>.
 */
export function installFocusReturn(root: HTMLElement): () => void {
  let lastOutside: HTMLElement | null = null;
  const inDialog = (el: Element) => el.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null;
  const onFocusIn = (e: FocusEvent) => {
    const t = e.target;
    if (t instanceof HTMLElement && !inDialog(t)) lastOutside = t;
  };
  const restore = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    if (lastOutside?.isConnected && !lastOutside.closest('[hidden]')) lastOutside.focus();
    else document.getElementById('main-content')?.focus({ preventScroll: true });
  };
  const observer = new MutationObserver((records) => {
    const dialogGone = records.some((r) =>
      [...r.removedNodes].some((n) => n instanceof Element && (n.matches('dialog, [role="dialog"]') || n.querySelector('dialog, [role="dialog"]') !== null)),
    );
    // A dialog closing with close() (still in the page) is handled by the browser; this is for dialogs React removed.
    if (dialogGone) queueMicrotask(restore);
    else if (document.activeElement === document.body && lastOutside && !lastOutside.isConnected) {
      lastOutside = null;
      document.getElementById('main-content')?.focus({ preventScroll: true });
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
  };
}
