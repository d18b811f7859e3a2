/**
 * A generated documentation tree of `count` pages in folders of 50: headings (some repeated),
 * lists, code, tables, HTML ids, reference definitions and suppression comments, with links
 * between pages that are valid, point at missing files, or at missing headings. A few files
 * are unreadable or badly encoded, so file problems are part of the report too.
 */
export function docsTree(count: number): Record<string, string | Uint8Array> {
  let seed = 7;
  const pick = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const words = ['install', 'configure', 'deploy', 'cluster', 'token', 'cache', 'release', 'metrics', 'role'];
  const phrase = (length: number): string => Array.from({ length }, () => words[pick(words.length)]).join(' ');
  const page = (index: number): string => `docs/part-${Math.floor(index / 50)}/page-${index}.md`;
  const relative = (from: number, to: number): string =>
    Math.floor(from / 50) === Math.floor(to / 50) ? `page-${to}.md` : `../part-${Math.floor(to / 50)}/page-${to}.md`;
  const headings = (index: number): string[] => [`Page ${index}`, 'Setup', 'Usage', 'Usage', `The ${words[index % 9]}`];
  const slug = (heading: string): string => heading.toLowerCase().replace(/ /g, '-');
  const files: Record<string, string | Uint8Array> = {};
  for (let index = 0; index < count; index++) {
    const lines: string[] = [];
    for (const [at, heading] of headings(index).entries()) {
      const to = pick(count);
      const kind = pick(8);
      const target =
        kind === 0
          ? relative(index, to).replace('.md', '-gone.md')
          : kind === 1
            ? `${relative(index, to)}#no-${slug(heading)}`
            : kind === 2
              ? `#usage-${pick(3)}`
              : `${relative(index, to)}#${slug(headings(to)[pick(5)] ?? '')}`;
      lines.push(`${at === 0 ? '#' : '##'} ${heading}`, '', `${phrase(12)}.`, '');
      if (kind === 3) lines.push('<!-- linkvet-disable-next-line missing-fragment -->');
      lines.push(`- See [${phrase(2)}](${target}) and [${phrase(1)}][ref-${at}].`, `- ${phrase(6)} [here](#setup).`);
      lines.push('', '```sh', `linkvet --root . ${phrase(3)}`, '```', '', `<a id="anchor-${at}"></a>`, '');
      lines.push(`[ref-${at}]: ${relative(index, pick(count))}#anchor-${pick(6)}`, '');
    }
    files[page(index)] = lines.join('\n');
  }
  files['docs/binary.md'] = new Uint8Array([0x23, 0x20, 0x00, 0x01]);
  files['docs/latin1.md'] = new Uint8Array([
    0x23, 0x20, 0xe9, 0x0a, 0x5b, 0x78, 0x5d, 0x28, 0x79, 0x2e, 0x6d, 0x64, 0x29,
  ]);
  return files;
}
