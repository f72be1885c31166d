/**
 * scv-guard command-line entry point. Commands live one per file in ./commands/ and only parse
 * flags, call the library and map results to exit codes (0 clean, 1 findings, 2 usage/input error).
 */
import { formatError } from './output.js';
import { buildProgram } from './program.js';

const program = buildProgram();
program.parseAsync(process.argv).catch((err: unknown) => {
  // Commands report their own errors; anything reaching here is a bug, still shown without a stack.
  process.stderr.write(`${formatError(err)}\n`);
  process.exitCode = 2;
});
