/**
 * Structural equality of JSON data (what arrives over the API: objects, arrays, strings, numbers,
 * booleans, null). Used to keep the store's old value when the engine re-sends the same list (a
 * re-read after an event that changed nothing shown, or the engine's fresh read after the server's
 * kept list): a new array with the same rows would re-render every row for nothing (issue 16).
 * Hand-written rather than a dependency: a dozen lines, and JSON needs no Map, Set or Date cases.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  const ka = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ka.length !== Object.keys(bo).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameJson((a as Record<string, unknown>)[k], bo[k]));
}
