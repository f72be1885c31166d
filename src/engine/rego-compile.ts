/** Compiling policy files with the built-in Rego engine, turning Rego errors into user errors. */
import { compile, isRegoError, type CompiledPolicy } from '../rego/index.js';
import { ScvGuardError } from '../errors.js';
import type { PolicyFile } from './policy-files.js';

/** Compiles policy files; a parse or compile error becomes ScvGuardError 'policy' with file:line. */
export function compilePolicyFiles(files: PolicyFile[]): CompiledPolicy {
  try {
    return compile(
      files.map((f) => ({ file: f.file, text: f.text })),
      { regoVersion: 'v1' },
    );
  } catch (e) {
    if (isRegoError(e)) {
      const loc = e.location;
      throw new ScvGuardError(
        'policy',
        `${e.code}: ${e.detail}`,
        loc ? { file: loc.file, line: loc.row, column: loc.col } : {},
      );
    }
    throw e;
  }
}
