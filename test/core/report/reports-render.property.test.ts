import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommitLocation } from '../../../src/core/report/github/blob-links.js';
import { toJobSummary } from '../../../src/core/report/github/job-summary.js';
import { toPrComment } from '../../../src/core/report/github/pr-comment.js';
import { suggestChanges } from '../../../src/core/report/github/review-suggestions.js';
import { toMarkdown } from '../../../src/core/report/to-markdown.js';
import type { DomainProfile, Report } from '../../../src/core/types.js';
import { makeFinding, makeReport } from '../../helpers/findings.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';
import { gfmRenderers, hostileText, hrefsOf, liveReferenceIn, shapeOf, visibleText } from '../../helpers/render-gfm.js';

// Untrusted text put into every slot of every Markdown reporter exactly where the reporter puts it, then
// rendered by two GFM renderers: the document must keep the shape it has with harmless text in the same
// slots (no extra link, image, HTML, emphasis, row or block), link only to the commit's blobs, and show
// no live mention or issue reference.

/** The untrusted texts a report carries into Markdown: from file names, pages, servers or a report file. */
interface Slots {
  readonly file: string;
  readonly message: string;
  readonly suggestion: string;
  readonly warning: string;
  readonly reason: string;
  readonly domain: string;
  readonly topText: string;
}

const harmless: Slots = {
  file: 'x',
  message: 'x',
  suggestion: 'x',
  warning: 'x',
  reason: 'x',
  domain: 'x',
  topText: 'x',
};

const at: CommitLocation = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abc1234' };
const blobPrefix = 'https://github.com/octo/docs/blob/abc1234/';
const runUrl = 'https://github.com/octo/docs/actions/runs/1';

/** The one line the review suggestion replaces a link in, and the span of that link. */
const suggestedLine = 'See [x](#gone) here.';

function reportWith(slots: Slots): Report {
  const profile: DomainProfile = {
    domain: slots.domain,
    links: 2,
    distinctTexts: 1,
    topText: slots.topText,
    topShare: 1,
    entropy: 0,
    categories: {
      'exact-match': 0,
      'partial-match': 0,
      branded: 0,
      descriptive: 2,
      'naked-url': 0,
      generic: 0,
      image: 0,
      empty: 0,
    },
  };
  // One finding: a second would only repeat the same placements and make every render slower. Its
  // message holds the text both as a rule writes a value (in backticks) and bare.
  const findings = [
    makeFinding({
      file: `d/${slots.file}`,
      column: 5,
      endColumn: 15,
      url: '#gone',
      rule: 'missing-fragment',
      message: `\`${slots.message}\` has no heading ${slots.message}`,
      suggestion: slots.suggestion,
    }),
  ];
  const report = makeReport(findings, { warnings: [slots.warning], anchors: [profile] });
  return { ...report, incomplete: { reason: slots.reason, filesChecked: 1, filesTotal: 2, linksUnchecked: 3 } };
}

/**
 * The report without its anchor profile and interruption: the job summary renders both through the same
 * functions as `--format markdown`, which carries them here, and every render of a longer document
 * costs the fuzz run time.
 */
function findingsAndWarnings(slots: Slots): Report {
  const report = reportWith(slots);
  return {
    tool: report.tool,
    stats: report.stats,
    findings: report.findings,
    links: [],
    warnings: report.warnings,
    anchors: [],
  };
}

/** Every Markdown document linkvet writes from a report, by where it goes. */
const documents: ReadonlyArray<readonly [string, (slots: Slots) => string]> = [
  ['--format markdown', (slots) => toMarkdown(reportWith(slots))],
  ['the sticky comment', (slots) => toPrComment(reportWith(slots), { at, runUrl })],
  ['the job summary', (slots) => toJobSummary(findingsAndWarnings(slots), { at })],
  [
    'a review suggestion',
    (slots) => {
      const [finding] = reportWith(slots).findings;
      const file = finding?.file ?? '';
      const changes = suggestChanges(finding ? [finding] : [], {
        linesOf: (name) => (name === file ? [suggestedLine] : undefined),
        inDiff: () => true,
      });
      expect(changes).toHaveLength(1);
      return changes.map((change) => change.body).join('\n\n');
    },
  ],
];

/** The shape of each document with harmless text, by renderer and document. */
const harmlessShapes = new Map(
  gfmRenderers.flatMap(([renderer, render]) =>
    documents.map(([document, write]) => [`${renderer} ${document}`, shapeOf(render(write(harmless)))] as const),
  ),
);

type Document = (typeof documents)[number];

/** Why the render of `document` with `slots` shows untrusted text live, or undefined when it does not. */
function holeIn([document, write]: Document, slots: Slots): string | undefined {
  const markdown = write(slots);
  for (const [renderer, render] of gfmRenderers) {
    const html = render(markdown);
    const where = `${renderer}, ${document}`;
    if (shapeOf(html) !== harmlessShapes.get(`${renderer} ${document}`)) return `${where}: new markup\n${html}`;
    const foreign = hrefsOf(html).find((href) => !href.startsWith(blobPrefix) && href !== runUrl);
    if (foreign !== undefined) return `${where}: a link to ${foreign}\n${html}`;
    const live = liveReferenceIn(visibleText(html));
    if (live !== undefined) return `${where}: ${live}\n${html}`;
  }
  return undefined;
}

const slotText = hostileText();
const hostileSlots: fc.Arbitrary<Slots> = fc.record({
  file: slotText,
  message: slotText,
  suggestion: slotText,
  warning: slotText,
  reason: slotText,
  domain: slotText,
  topText: slotText,
});

describe('untrusted text in every Markdown report, rendered by micromark and markdown-it', () => {
  it('keeps the harmless shape, links only to blobs and pings no one, in every slot of every report', () => {
    for (const document of documents) expect(holeIn(document, harmless)).toBeUndefined();
    // Each input goes into one document, drawn with it: rendering all four each time would make the
    // 100,000-input fuzz run take several times longer for no more kinds of placement.
    fc.assert(
      fc.property(fc.constantFrom(...documents), hostileSlots, (document, slots) => {
        expect(holeIn(document, slots), JSON.stringify(slots)).toBeUndefined();
      }),
      fuzzParameters(400),
    );
  });

  it('shows the harmless reports with their own markup only', () => {
    // The baseline the property compares against: linkvet's own tables, headings, notes and links.
    const [, render] = gfmRenderers[0] ?? [];
    const html = render?.(toPrComment(reportWith(harmless), { at, runUrl })) ?? '';
    expect(shapeOf(html)).toContain('table');
    expect(hrefsOf(html).filter((href) => href.startsWith(blobPrefix))).toHaveLength(1);
  });
});
