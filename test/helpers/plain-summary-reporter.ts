import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** Ends the run with a plain `N passed, N failed, N skipped` line, which CI reads whatever the runner. */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    // An error thrown outside any test still fails the run, so it counts as a failure here too.
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const testModule of testModules) {
      // A file that fails to load or throws outside its tests (a syntax error) has no tests to count.
      counts.failed += testModule.errors().length;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
