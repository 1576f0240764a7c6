/**
 * What the learner just asked for with a click, so a view can tell the learner's action from
 * Dockside's own (a tab opened by a lesson's navigation, a periodic refresh). Lesson tasks must
 * tick only for the learner's actions: the Top tab's first call counts only after a click on the
 * tab (or on "Open in Dockside" for `docker top`), and the Shell tab opens a shell by itself only then.
 */
const FRESH_MS = 3000;
const intents = new Map<string, number>();

/** Records that the learner asked for `what` (e.g. "tab:top") just now. */
export function markIntent(what: string): void {
  intents.set(what, Date.now());
}

/** True (once) when the learner asked for `what` in the last few seconds. */
export function takeIntent(what: string): boolean {
  const at = intents.get(what);
  intents.delete(what);
  return at !== undefined && Date.now() - at <= FRESH_MS;
}
