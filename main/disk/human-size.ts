/** Sizes written the docker CLI's way; no imports, so the renderer can use it too. */
/**
 * Go's units.HumanSizeWithPrecision, as the docker CLI prints sizes ("1.983MB", "0B"): decimal
 * units, `%.<precision>g`. Used to compare with the CLI's own output and shown in the UI.
 */
export function humanSize(bytes: number, precision = 4): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let i = 0;
  let n = bytes;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${formatG(n, precision)}${units[i]}`;
}

/** C's %.Ng for the small positive numbers humanSize produces (no exponent form needed below 1000). */
function formatG(n: number, precision: number): string {
  if (n === 0) return '0';
  const s = n.toPrecision(precision);
  return s.includes('e') ? String(Number(s)) : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
