import { describe, expect, it } from 'vitest';
import type { CommitLocation } from '../../../../src/core/report/github/blob-links.js';
import {
  commentLimitChars,
  isStickyComment,
  stickyCommentMarker,
  toPrComment,
} from '../../../../src/core/report/github/pr-comment.js';
import { makeFinding, makeReport, manyFindings } from '../../../helpers/findings.js';

const at: CommitLocation = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abcdef0123456789' };
const runUrl = 'https://github.com/octo/docs/actions/runs/42';

function rowCount(markdown: string): number {
  return markdown.match(/^\| (❌|⚠️|ℹ️) \|/gmu)?.length ?? 0;
}

describe('toPrComment', () => {
  it('starts with the sticky marker and lists findings by file, linked to the commit', () => {
    const report = makeReport([
      makeFinding({ file: 'docs/a.md', line: 3, message: 'ping @octocat about #12' }),
      makeFinding({ file: 'b.md', line: 5, severity: 'warning' }),
    ]);
    const comment = toPrComment(report, { at, runUrl });
    expect(comment.startsWith(`${stickyCommentMarker}\n### linkvet\n\n❌ **1** error, **1** warning,`)).toBe(true);
    expect(comment).toContain('#### ` docs/a.md ` · 1 finding');
    expect(comment).toContain('#### ` b.md ` · 1 finding');
    expect(comment).toContain('[3:1](https://github.com/octo/docs/blob/abcdef0123456789/docs/a.md?plain=1#L3)');
    expect(comment).toContain('ping \u200B@octocat about \\#\u200B12');
    expect(comment.endsWith(`<sub>Checked at abcdef0 · [workflow run](${runUrl}) · linkvet 1.2.3</sub>\n`)).toBe(true);
    expect(rowCount(comment)).toBe(2);
    expect(comment).not.toContain('more finding');
  });

  it('says what was checked when it was not everything', () => {
    const scope = 'Only the files this pull request changes were checked.';
    const comment = toPrComment(makeReport([makeFinding()]), { at, scope });
    expect(comment).toContain(`in 1 link in 1 file.\n\n${scope}\n`);
  });

  it('becomes a short all-clear once there are no findings', () => {
    const comment = toPrComment(makeReport([]), { at });
    expect(comment).toBe(
      `${stickyCommentMarker}\n### linkvet\n\n✅ All 0 links in 0 files are fine.\n\n<sub>Checked at abcdef0 · linkvet 1.2.3</sub>\n`,
    );
  });

  it('stays within 65,536 characters for 20,000 findings and points to the job summary for the rest', () => {
    const comment = toPrComment(makeReport(manyFindings(20_000)), { at, runUrl });
    expect(commentLimitChars).toBe(65_536);
    expect(comment.length).toBeLessThanOrEqual(commentLimitChars);
    expect(comment.startsWith(stickyCommentMarker)).toBe(true);
    const match = /^…and \*\*(\d+)\*\* more findings not shown here; see the \[job summary\]\((.+)\)\.$/mu.exec(
      comment,
    );
    expect(match?.[2]).toBe(runUrl);
    expect(rowCount(comment) + Number(match?.[1])).toBe(20_000);
    expect(rowCount(comment)).toBeGreaterThan(0);
    expect(comment).toContain('<sub>Checked at abcdef0');
  });

  it('keeps to a smaller limit it is given, and names the job summary without a run link', () => {
    const comment = toPrComment(makeReport(manyFindings(300)), { at, limitChars: 5000 });
    expect(comment.length).toBeLessThanOrEqual(5000);
    const match = /^…and \*\*(\d+)\*\* more findings not shown here; see the job summary\.$/mu.exec(comment);
    expect(rowCount(comment) + Number(match?.[1])).toBe(300);
  });
});

describe('isStickyComment', () => {
  it('recognises a body that starts with the marker', () => {
    expect(isStickyComment(toPrComment(makeReport([]), { at }))).toBe(true);
    expect(isStickyComment(`${stickyCommentMarker}\nanything`)).toBe(true);
  });

  it('does not claim other comments, even ones quoting the marker', () => {
    expect(isStickyComment(`> ${stickyCommentMarker}`)).toBe(false);
    expect(isStickyComment(`Look: ${stickyCommentMarker}`)).toBe(false);
    expect(isStickyComment(` ${stickyCommentMarker}`)).toBe(false);
    expect(isStickyComment('')).toBe(false);
    expect(isStickyComment(undefined)).toBe(false);
    expect(isStickyComment(null)).toBe(false);
  });
});
