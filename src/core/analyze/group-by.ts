/** Groups items by a key, keeping first-seen order of keys and items. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** `file:line`, for naming the other places a finding covers. */
export function placeOf(link: { file: string; span: { start: { line: number } } }): string {
  return `${link.file}:${link.span.start.line}`;
}

/** Up to `shown` places, then how many more. */
export function listPlaces(places: readonly string[], shown = 5): string {
  const more = places.length - shown;
  return places.slice(0, shown).join(', ') + (more > 0 ? ` and ${more} more` : '');
}
