/** What a failing scan may print on stderr without a terminal: the CI list of src/cli/ci-log.ts, and nothing else. */
import { expect } from 'vitest';

const LIST_LINE = /^(CRITICAL|HIGH|MEDIUM|LOW|INFO|INCOMPLETE|COULD-NOT-EVALUATE) \S+ |^\.\.\. and \d+ more$|^\d+ resources? had no known AWS account/;

/** stderr is the CI list of a failing scan: the counts, list lines, the verdict — no error, notice or warning. */
export function expectOnlyCiList(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^scv-guard: \d+ findings? \(/);
  expect(lines[1]).toMatch(/^Rules: \d+ evaluated/);
  expect(lines.at(-1)).toMatch(/^Result: fail \(--fail-on /);
  for (const line of lines.slice(2, -1)) expect(line).toMatch(LIST_LINE);
}
