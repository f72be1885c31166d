/**
 * Limits on every input file (inventories, plans, templates, parameters, flows, config, baseline):
 * how large a file may be, how deep its values may nest and how long one string may be. An input
 * past one fails with exit 2 and a located error before it can exhaust memory or the stack.
 * Each limit can be changed with an environment variable (docs/security.md).
 */
import { ScvGuardError } from '../errors.js';

export interface InputLimits {
  /** Largest input file, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of objects and arrays (the document itself is level 1). */
  maxDepth: number;
  /** Longest string (value or key), in UTF-16 code units. */
  maxStringLength: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxFileBytes: 256 * 1024 * 1024,
  maxDepth: 128,
  maxStringLength: 8 * 1024 * 1024,
};

/** The environment variable that sets each limit. */
export const INPUT_LIMIT_VARIABLES: Readonly<Record<keyof InputLimits, string>> = {
  maxFileBytes: 'SCV_GUARD_MAX_FILE_BYTES',
  maxDepth: 'SCV_GUARD_MAX_DEPTH',
  maxStringLength: 'SCV_GUARD_MAX_STRING_LENGTH',
};

/** Past this the parsers' own recursion could overflow the stack: a higher depth limit is refused. */
const DEPTH_CEILING = 1000;

/** The limits in force: the defaults, each overridden by its environment variable when set. */
export function inputLimits(env: NodeJS.ProcessEnv = process.env): InputLimits {
  const out: InputLimits = { ...DEFAULT_INPUT_LIMITS };
  for (const key of Object.keys(INPUT_LIMIT_VARIABLES) as (keyof InputLimits)[]) {
    const name = INPUT_LIMIT_VARIABLES[key];
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = /^[1-9][0-9]*$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isSafeInteger(n)) throw new ScvGuardError('usage', `${name}: expected a positive whole number, got ${JSON.stringify(raw)}`);
    if (key === 'maxDepth' && n > DEPTH_CEILING) throw new ScvGuardError('usage', `${name}: at most ${DEPTH_CEILING}, got ${n}`);
    out[key] = n;
  }
  return out;
}

/** `268435456` → `256 MiB`, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}
