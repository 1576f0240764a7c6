/**
 * The filter box's matching, pure: every word typed must appear (case-insensitive) in one of
 * the item's searchable texts. "web 8080" finds the container named web that publishes 8080.
 */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesTerms(texts: readonly string[], terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const lowered = texts.map((t) => t.toLowerCase());
  return terms.every((term) => lowered.some((t) => t.includes(term)));
}

/** The items whose texts match the query, in their original order. */
export function filterItems<T>(items: readonly T[], query: string, textsOf: (item: T) => string[]): T[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...items];
  return items.filter((item) => matchesTerms(textsOf(item), terms));
}

/** Labels as "key=value" (and the bare key, so typing a key alone finds them). */
export function labelTexts(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([k, v]) => [k, `${k}=${v}`]);
}
