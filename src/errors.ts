/**
 * User-facing errors. Every error a user can cause (bad input, bad config, bad flags) is a
 * ScvGuardError with a closed code; the CLI prints `message` on one line and exits 2.
 * Anything else reaching the CLI is a bug.
 */
export const ERROR_CODES = [
  'usage', // bad flags or arguments
  'input-read', // a file or folder could not be read
  'input-parse', // JSON/YAML/HCL syntax error
  'input-schema', // parsed, but not the expected shape
  'inventory-merge-conflict', // two partial inventories disagree
  'config', // scanner config invalid (unknown key, bad value, missing env var)
  'policy', // a policy failed to parse/compile or lacks METADATA
  'engine', // the policy engine could not be set up
  'bundle', // an OPA Wasm bundle is malformed or unsupported
  'output', // a report could not be written
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorLocation {
  file?: string;
  /** JSON path (`$.aws.accounts[0].id`) or config key path. */
  path?: string;
  line?: number;
  column?: number;
}

export class ScvGuardError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(formatMessage(message, location));
    this.name = 'ScvGuardError';
    this.code = code;
    this.location = location;
  }
}

/** `file:line:col: path: message`, leaving out what is not known. */
function formatMessage(message: string, loc: ErrorLocation): string {
  let where = loc.file ?? '';
  if (loc.file && loc.line !== undefined) where += `:${loc.line}`;
  if (loc.file && loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
  const parts = [where, loc.path].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? `${parts.join(': ')}: ${message}` : message;
}

export function isScvGuardError(err: unknown): err is ScvGuardError {
  return err instanceof ScvGuardError;
}
