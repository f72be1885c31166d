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

/** One problem of an input that can have many (a config, an inventory): what, and where. */
export interface Problem {
  message: string;
  location: ErrorLocation;
}

/** How many problems an error lists; past that, a count of the rest. */
export const MAX_LISTED_PROBLEMS = 50;

/**
 * Every problem found in one input, reported together (one line each) so that a user fixes
 * them in one go. `location` is the first problem's; `message` holds the lines.
 */
export class ProblemListError extends ScvGuardError {
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, problems: readonly Problem[]) {
    const listed: readonly Problem[] = problems.length > 0 ? problems : [{ message: 'invalid input', location: {} }];
    super(code, listed[0]!.message, listed[0]!.location);
    this.name = 'ProblemListError';
    this.problems = listed;
    this.message = problemLines(listed).join('\n');
  }
}

/** `file:line:col: path: message` per problem: the first MAX_LISTED_PROBLEMS, then how many more. */
export function problemLines(problems: readonly Problem[]): string[] {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => formatMessage(p.message, p.location));
  const more = problems.length - MAX_LISTED_PROBLEMS;
  if (more > 0) lines.push(`... and ${more} more problem${more === 1 ? '' : 's'}`);
  return lines;
}

/** Throws the problems as one error (nothing when there are none). */
export function throwProblems(code: ErrorCode, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ProblemListError(code, problems);
}
