/**
 * Shannon entropy of how often each text occurs, divided by its maximum (every link a different
 * text), so 0 means one text for every link and 1 means no text repeats.
 */
export function normalizedEntropy(counts: Iterable<number>): number {
  const values = [...counts].filter((count) => count > 0);
  const total = values.reduce((sum, count) => sum + count, 0);
  if (total <= 1) return 1;
  const entropy = -values.reduce((sum, count) => sum + (count / total) * Math.log2(count / total), 0);
  return Math.abs(entropy / Math.log2(total));
}
