import type { Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';

/**
 * One line per failed or flaky test, printed last. CI keeps only the end of
 * a long log, and the list reporter prints each error in full above it, so
 * without this the first failures of a run can scroll out of sight.
 */
export default class SummaryReporter implements Reporter {
  private lines: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === 'passed' || result.status === 'skipped') return;
    const error = (result.error?.message ?? result.status).replace(/\u001b\[[0-9;]*m/g, '');
    const first = error.split('\n').find((l) => l.trim() !== '') ?? '';
    const where = result.error?.location
      ? `${result.error.location.file.split('/').slice(-1)[0]}:${result.error.location.line}`
      : `${test.location.file.split('/').slice(-1)[0]}:${test.location.line}`;
    const project = test.parent.project()?.name ?? '';
    this.lines.push(`[${project}] ${test.title} (try ${result.retry + 1}) at ${where}: ${first.trim().slice(0, 200)}`);
  }

  onEnd(_result: FullResult) {
    if (this.lines.length === 0) return;
    console.log('\nFailed attempts (a test that passed on its retry is flaky: fix it):');
    for (const line of this.lines) console.log(`  ${line}`);
  }
}
