import { describe, expect, it } from 'vitest';
import { ExternalChecker } from '../../../../src/core/check/external/check-external.js';
import { externalLink, externalOptions, useSiteAndAgent } from '../../../helpers/external.js';

const setup = useSiteAndAgent();

describe('ExternalChecker', () => {
  it('starts requests as links are added, file by file, and reports progress per URL', async () => {
    const progress: Array<[number, number]> = [];
    const checker = new ExternalChecker(externalOptions(setup.agent()), (done, total) => progress.push([done, total]));
    checker.add([externalLink(setup.site().url('/ok')), externalLink(setup.site().url('/not-found'))]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(setup.site().requests.length).toBeGreaterThan(0);
    checker.add([externalLink(setup.site().url('/ok'), 'b.md'), externalLink(setup.site().url('/gone'), 'b.md')]);
    const { violations } = await checker.finish();
    expect(violations.map((violation) => [violation.file, violation.url, violation.rule])).toEqual([
      ['a.md', setup.site().url('/not-found'), 'dead-link'],
      ['b.md', setup.site().url('/gone'), 'dead-link'],
    ]);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(setup.site().requestsTo('/ok')).toHaveLength(1);
  });
});
