/** Command-line budgets of policy evaluation, shared by `scan`, `policy test` and `rego eval`. */
import { InvalidArgumentError, Option } from 'commander';
import { heapSizeLimitMb } from '../rego/index.js';

/** `--timeout`, `--rule-timeout`: a number of seconds greater than 0. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError(`expected a number of seconds greater than 0, got ${JSON.stringify(value)}`);
  }
  return seconds;
}

/** `--memory-limit`: whole megabytes, more than 0 and within the process's heap limit. */
export function parseMegabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb <= 0) {
    throw new InvalidArgumentError(`expected a whole number of megabytes greater than 0, got ${JSON.stringify(value)}`);
  }
  const heap = heapSizeLimitMb();
  if (mb >= heap) {
    throw new InvalidArgumentError(
      `${mb} MB is not below this process's heap limit of ${heap} MB (raise that with NODE_OPTIONS=--max-old-space-size=MB)`,
    );
  }
  return mb;
}

export function memoryLimitOption(): Option {
  return new Option(
    '--memory-limit <MB>',
    'heap budget of policy evaluation in MB (default: three quarters of the Node.js heap limit); past it evaluation stops',
  ).argParser(parseMegabytes);
}
