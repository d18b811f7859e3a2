import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): { stream: PassThrough & { isTTY: boolean }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('progressReporter', () => {
  it('stays quiet for a moment, then redraws one line on a terminal and clears it at the end', () => {
    let time = 0;
    const { stream, text } = terminal(true);
    const progress = progressReporter(stream, () => time);
    progress.update({ phase: 'parse', done: 1, total: 10 });
    expect(text()).toBe('');
    time = 1000;
    progress.update({ phase: 'parse', done: 5, total: 10 });
    progress.update({ phase: 'parse', done: 6, total: 10 });
    progress.done();
    expect(text()).toBe('\r\u001b[2Klinkvet: parse 5/10 files\r\u001b[2K');
  });

  it('counts URLs while checking the web', () => {
    let time = 0;
    const { stream, text } = terminal(true);
    const progress = progressReporter(stream, () => time);
    time = 2000;
    progress.update({ phase: 'check', done: 7, total: 40 });
    expect(text()).toBe('\r\u001b[2Klinkvet: check 7/40 URLs');
  });

  it('never writes when standard error is not a terminal', () => {
    let time = 0;
    const { stream, text } = terminal(false);
    const progress = progressReporter(stream, () => time);
    time = 5000;
    progress.update({ phase: 'parse', done: 5, total: 10 });
    progress.done();
    expect(text()).toBe('');
  });
});
