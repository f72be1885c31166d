/**
 * `scv-guard rego eval -d FILE_OR_DIR... [-i input.json] [--data FILE] [--format json|raw] QUERY`:
 * evaluates a Rego query with the built-in engine, printing what `opa eval` prints.
 */
import { Command } from 'commander';
import { choiceOption } from '../choices.js';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { builtinPoliciesDir, readPolicyFiles } from '../../engine/policy-files.js';
import { extname, join, relative, sep } from 'node:path';
import { compile, defaultHeapBudgetMb, RegoError, type ModuleSource, type QueryResult } from '../../rego/index.js';
import { memoryLimitOption, parseSeconds } from '../eval-limits.js';
import { toJSON } from '../../rego/value.js';
import { EXIT_USAGE, forHumans, printError } from '../output.js';
import { ScvGuardError } from '../../errors.js';
import { jsonOutput } from '../../text/control-chars.js';
import { getOwn, setOwn } from '../../own-properties.js';
import { parseJsonOrYaml } from '../../inventory/load.js';
import { readInputFileSync } from '../../input/read.js';

export const REGO_EVAL_FORMATS = ['json', 'raw'] as const;
export type RegoEvalFormat = (typeof REGO_EVAL_FORMATS)[number];

interface EvalFlags {
  data: string[];
  input?: string;
  format: RegoEvalFormat;
  v0Compatible?: boolean;
  /** OPA's --strict: unused variables, arguments and imports and deprecated builtins are compile errors. */
  strict?: boolean;
  /** OPA's --strict-builtin-errors: a builtin error halts evaluation. */
  strictBuiltinErrors?: boolean;
  timeout?: number;
  memoryLimit?: number;
  /** false with --no-builtin: the built-in policies (rules and data.scv.lib helpers) are not loaded. */
  builtin?: boolean;
}

export function register(program: Command): void {
  const rego = program.command('rego').description('the built-in Rego engine');
  rego
    .command('eval')
    .description('evaluate a Rego query like `opa eval` (exit 0 when evaluated, defined or not; 2 on errors)')
    .argument('<query>', 'Rego query, e.g. data.scv.rules')
    .option(
      '-d, --data <path>',
      'policy (.rego) or data (.json/.yaml) file or directory, repeatable; data files in a directory go under their folder path',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('-i, --input <file>', 'input document (JSON or YAML)')
    .addOption(choiceOption('--format <format>', 'output format', REGO_EVAL_FORMATS, 'json'))
    .option('--v0-compatible', 'read modules with the pre-1.0 Rego syntax (p { ... })')
    .option('--strict', 'strict compilation, as `opa eval --strict`: unused variables, arguments and imports are errors')
    .option('--strict-builtin-errors', 'builtin errors halt evaluation instead of making the expression undefined')
    .option('--no-builtin', 'do not load the built-in policies and their helper library (data.scv.lib)')
    .option('--timeout <seconds>', 'stop evaluation after this many seconds (eval_cancel_error, exit 2)', parseSeconds)
    .addOption(memoryLimitOption())
    .action((query: string, flags: EvalFlags) => {
      try {
        process.stdout.write(regoEval(query, flags));
        process.exitCode = 0;
      } catch (e) {
        // Rego errors carry file:line:col and OPA's code; file errors are ScvGuardErrors.
        printError(e instanceof RegoError ? new ScvGuardError('policy', e.message) : e);
        process.exitCode = EXIT_USAGE;
      }
    });
}

export function regoEval(query: string, flags: EvalFlags): string {
  const modules: ModuleSource[] = [];
  // The built-in rules and helpers (not their tests), so data.scv.lib.* resolves as in a scan.
  const loaded = new Set<string>();
  if (flags.builtin !== false) {
    for (const f of readPolicyFiles([builtinPoliciesDir()])) {
      if (f.isTest) continue;
      loaded.add(f.absolute);
      modules.push({ file: f.file, text: f.text });
    }
  }
  let data: Record<string, unknown> = {};
  for (const p of flags.data ?? []) {
    for (const f of listFiles(p)) {
      const ext = extname(f).toLowerCase();
      if (ext === '.rego') {
        if (loaded.has(realpathSync(f))) continue;
        modules.push({ file: f, text: readInputFileSync(f, { what: 'policy file' }) });
      }
      else if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
        const prefix = statSync(p).isDirectory() ? relative(p, join(f, '..')).split(sep).filter(Boolean) : [];
        data = merge(data, nest(prefix, readDocument(f, 'data file'), f), f);
      }
    }
  }
  const policy = compile(modules, {
    regoVersion: flags.v0Compatible ? 'v0' : 'v1',
    strict: flags.strictBuiltinErrors === true,
    strictCompile: flags.strict === true,
  });
  const input = flags.input === undefined ? undefined : readDocument(flags.input, 'input file');
  const results = policy.evaluate(query, {
    data,
    ...(input !== undefined ? { input } : {}),
    strict: flags.strictBuiltinErrors === true,
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
    memoryLimitMb: flags.memoryLimit ?? defaultHeapBudgetMb(),
    // print() output quotes input and data: escaped for the terminal like every stderr line.
    print: (line) => process.stderr.write(forHumans(line) + '\n'),
  });
  return flags.format === 'raw' ? formatRaw(results) : formatJSON(results);
}

/** `opa eval` JSON: `{"result": [{"expressions": [...], "bindings": {...}}]}`, `{}` when undefined. */
export function formatJSON(results: QueryResult[]): string {
  if (results.length === 0) return '{}\n';
  const result = results.map((r) => {
    const out: Record<string, unknown> = {
      expressions: r.expressions.map((e) => ({ value: toJSON(e.value), text: e.text, location: e.location })),
    };
    const names = Object.keys(r.bindings);
    if (names.length > 0) out['bindings'] = Object.fromEntries(names.map((n) => [n, toJSON(r.bindings[n]!)]));
    return out;
  });
  return jsonOutput({ result });
}

/** Values only: each expression's value per result, strings unquoted, one per line. */
export function formatRaw(results: QueryResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const e of r.expressions) {
      const v = toJSON(e.value);
      lines.push(typeof v === 'string' ? v : JSON.stringify(v, null, 2));
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function listFiles(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new ScvGuardError('input-read', 'no such file or directory', { file: p });
  }
  if (!st.isDirectory()) return [p];
  const out: string[] = [];
  for (const name of readdirSync(p).sort()) {
    if (name.startsWith('.')) continue;
    const child = join(p, name);
    if (statSync(child).isDirectory()) out.push(...listFiles(child));
    else if (/\.(rego|json|ya?ml)$/i.test(name)) out.push(child);
  }
  return out;
}

/** An input or data document, read like every input file (size, UTF-8, duplicate keys, depth and string limits, located errors). */
function readDocument(f: string, what: string): unknown {
  return parseJsonOrYaml(readInputFileSync(f, { what }), f, extname(f).toLowerCase() === '.json' ? 'json' : 'yaml').value;
}

/** A data document placed at its folder path; a file given directly must hold an object. */
function nest(prefix: string[], doc: unknown, file: string): Record<string, unknown> {
  let out: unknown = doc;
  for (const k of [...prefix].reverse()) out = Object.fromEntries([[k, out]]);
  if (!isPlainObject(out)) throw new ScvGuardError('input-schema', `a data file given directly must hold an object, found ${Array.isArray(out) ? 'an array' : out === null ? 'null' : `a ${typeof out}`}`, { file });
  return out;
}

function merge(a: Record<string, unknown>, b: unknown, file: string): Record<string, unknown> {
  if (!isPlainObject(b)) throw new ScvGuardError('input-schema', 'a data document must be a JSON/YAML object', { file });
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = getOwn(out, k);
    if (cur === undefined) setOwn(out, k, v);
    else if (isPlainObject(cur) && isPlainObject(v)) setOwn(out, k, merge(cur, v, file));
    else throw new ScvGuardError('input-schema', `data.${k} is defined twice`, { file });
  }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
