/**
 * The one JSON reader of every input (inventories, plans, flows, templates, parameters, baselines,
 * policy documents held in strings). Strict JSON (no comments, no trailing commas); a syntax error,
 * a duplicate key, nesting past the depth limit or a string past the length limit is an error with
 * its line and column. `__proto__`, `constructor` and `prototype` are ordinary keys.
 *
 * One linear scan (jsonc-parser's visitor, which keeps no tree) checks the text; JSON.parse then
 * builds the value. Positions are found later by another linear scan, only when an error or a
 * finding needs them, so a large file is never held as a syntax tree or re-read as YAML.
 */
import { visit, ParseErrorCode, printParseErrorCode, type JSONPath } from 'jsonc-parser';
import { ScvGuardError, type ErrorLocation } from '../errors.js';
import { INPUT_LIMIT_VARIABLES, inputLimits, type InputLimits } from './limits.js';

export type JsonPathSegment = string | number;

/** 1-based line and column (in UTF-16 code units, as SARIF counts by default). */
export interface TextPosition {
  line: number;
  column: number;
}

/** The 1-based line and column of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export interface JsonDocument {
  value: unknown;
  /** Where the value at `path` starts (the nearest existing parent's when it does not exist). */
  locate(path: readonly JsonPathSegment[]): TextPosition | undefined;
  /** `locate` for many paths in one scan; keyed by `pathKey(path)`. */
  locateAll(paths: readonly (readonly JsonPathSegment[])[]): Map<string, TextPosition>;
}

export interface JsonReadOptions {
  limits?: InputLimits;
  /** What the text is, put before the message ("baseline: invalid JSON: ..."). */
  what?: string;
}

/** A problem found by the scan: the message and where, 1-based. */
interface JsonProblem {
  message: string;
  line: number;
  column: number;
  path?: JSONPath;
}

class JsonProblemError extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message);
  }
}

const SCAN_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** Checks and parses JSON text (a leading byte order mark is dropped); `file` names it in errors. */
export function parseJson(text: string, file: string, opts: JsonReadOptions = {}): JsonDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problem = checkJson(body, opts.limits ?? inputLimits(), true);
  if (problem) {
    throw new ScvGuardError('input-parse', opts.what ? `${opts.what}: ${problem.message}` : problem.message, {
      file,
      line: problem.line,
      column: problem.column,
      ...(problem.path ? { path: jsonPathText(problem.path) } : {}),
    });
  }
  const value: unknown = JSON.parse(body);
  return {
    value,
    locate: (path) => locateAll(body, [path]).get(pathKey(path)) ?? nearestParent(body, path),
    locateAll: (paths) => locateAll(body, paths),
  };
}

/**
 * JSON held in a string of another input (a plan's policy document, a flow's content, an AWS
 * answer's policy): the same checks and limits. An error names `where` (the outer place) and the
 * position inside the string, and never quotes the text, which may hold secrets.
 */
export function parseEmbeddedJson(text: string, what: string, where: ErrorLocation = {}, limits: InputLimits = inputLimits()): unknown {
  const problem = checkJson(text, limits, false);
  if (problem) {
    const inside = `line ${problem.line}, column ${problem.column}${problem.path ? `, ${jsonPathText(problem.path)}` : ''}`;
    throw new ScvGuardError('input-parse', `${what}: ${problem.message} (at ${inside} of the ${what})`, where);
  }
  return JSON.parse(text);
}

/** A map key for a JSON path. */
export function pathKey(path: readonly JsonPathSegment[]): string {
  return JSON.stringify(path);
}

/** Segments shown at the start and end of a long path; the middle is counted, not shown. */
const SHOWN_HEAD = 12;
const SHOWN_TAIL = 2;

/** `['aws', 'accounts', 0, 'id']` → `$.aws.accounts[0].id`; a very deep path is shortened. */
export function jsonPathText(path: readonly JsonPathSegment[]): string {
  const text = (segs: readonly JsonPathSegment[]): string =>
    segs.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
  if (path.length <= SHOWN_HEAD + SHOWN_TAIL + 1) return '$' + text(path);
  const hidden = path.length - SHOWN_HEAD - SHOWN_TAIL;
  return `$${text(path.slice(0, SHOWN_HEAD))}…(${hidden} more)…${text(path.slice(-SHOWN_TAIL))}`;
}

class Stop extends Error {}

/** The first problem of JSON text, or undefined; `quote` shows the text at a syntax error. */
function checkJson(text: string, limits: InputLimits, quote: boolean): JsonProblem | undefined {
  // One entry per open container: the keys seen so far (objects) or null (arrays).
  const open: (Set<string> | null)[] = [];
  const fail = (message: string, line: number, character: number, path?: JSONPath): never => {
    throw new JsonProblemError({ message, line: line + 1, column: character + 1, ...(path ? { path } : {}) });
  };
  const enter = (keys: Set<string> | null, line: number, character: number, path: () => JSONPath): void => {
    open.push(keys);
    if (open.length > limits.maxDepth) {
      fail(`nested deeper than ${limits.maxDepth} levels (${INPUT_LIMIT_VARIABLES.maxDepth})`, line, character, path());
    }
  };
  const checkString = (s: string, line: number, character: number, path: () => JSONPath): void => {
    if (s.length > limits.maxStringLength) {
      fail(`a string of ${s.length} characters, longer than the limit of ${limits.maxStringLength} (${INPUT_LIMIT_VARIABLES.maxStringLength})`, line, character, path());
    }
  };
  let failedAt: { error: ParseErrorCode; offset: number; length: number; line: number; character: number } | undefined;
  try {
    visit(
      text,
      {
        onObjectBegin: (_o, _l, line, character, path) => enter(new Set(), line, character, path),
        onArrayBegin: (_o, _l, line, character, path) => enter(null, line, character, path),
        onObjectEnd: () => void open.pop(),
        onArrayEnd: () => void open.pop(),
        onObjectProperty: (key, _o, _l, line, character, path) => {
          checkString(key, line, character, path);
          const keys = open[open.length - 1];
          if (keys?.has(key)) fail(`duplicate key ${JSON.stringify(key)}`, line, character, [...path(), key]);
          keys?.add(key);
        },
        onLiteralValue: (value, _o, _l, line, character, path) => {
          if (typeof value === 'string') checkString(value, line, character, path);
        },
        onError: (error, offset, length, line, character) => {
          failedAt = { error, offset, length, line, character };
          throw new Stop();
        },
      },
      SCAN_OPTIONS,
    );
  } catch (err) {
    if (err instanceof JsonProblemError) return err.problem;
    if (!(err instanceof Stop)) throw err;
  }
  if (!failedAt) return undefined;
  const { error, offset, length, line, character } = failedAt;
  const found = length === 0 ? ' at end of input' : quote ? ` at ${JSON.stringify(text.slice(offset, offset + Math.min(length, 20)))}` : '';
  return { message: `invalid JSON: ${JSON_ERRORS[error] ?? printParseErrorCode(error)}${found}`, line: line + 1, column: character + 1 };
}

const JSON_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a double-quoted property name',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected ":"',
  [ParseErrorCode.CommaExpected]: 'expected ","',
  [ParseErrorCode.CloseBraceExpected]: 'expected "}"',
  [ParseErrorCode.CloseBracketExpected]: 'expected "]"',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected content after the document',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'incomplete number',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in string',
};

/** A trie of wanted paths: `key` is set on the nodes that end a wanted path. */
interface PathTrie {
  children: Map<JsonPathSegment, PathTrie>;
  key?: string;
}

/**
 * Start positions of the values at `paths`, found in one linear scan of checked JSON text (paths
 * that do not exist are absent from the result). The scan follows only the branches of wanted
 * paths and ends once every path is found.
 */
function locateAll(text: string, paths: readonly (readonly JsonPathSegment[])[]): Map<string, TextPosition> {
  const root: PathTrie = { children: new Map() };
  let wanted = 0;
  for (const p of paths) {
    let node = root;
    for (const seg of p) {
      let child = node.children.get(seg);
      if (!child) node.children.set(seg, (child = { children: new Map() }));
      node = child;
    }
    if (node.key === undefined) {
      node.key = pathKey(p);
      wanted++;
    }
  }
  const found = new Map<string, TextPosition>();
  if (wanted === 0) return found;
  // Per open container: its trie node (null off every wanted path), array index, current key.
  const open: { trie: PathTrie | null; index: number; key: string | null }[] = [];
  const valueStart = (line: number, character: number): PathTrie | null => {
    const parent = open[open.length - 1];
    let trie: PathTrie | null;
    if (!parent) trie = root;
    else if (parent.key === null) trie = parent.trie?.children.get(++parent.index) ?? null;
    else trie = parent.trie?.children.get(parent.key) ?? null;
    if (trie?.key !== undefined && !found.has(trie.key)) {
      found.set(trie.key, { line: line + 1, column: character + 1 });
      if (found.size === wanted) throw new Stop();
    }
    return trie !== null && trie.children.size > 0 ? trie : null;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (_o, _l, line, character) => void open.push({ trie: valueStart(line, character), index: -1, key: '' }),
        onArrayBegin: (_o, _l, line, character) => void open.push({ trie: valueStart(line, character), index: -1, key: null }),
        onObjectEnd: () => void open.pop(),
        onArrayEnd: () => void open.pop(),
        onObjectProperty: (key) => void (open[open.length - 1]!.key = key),
        onLiteralValue: (_v, _o, _l, line, character) => void valueStart(line, character),
      },
      SCAN_OPTIONS,
    );
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return found;
}

/** The position of `path`, else of its nearest parent that exists (a missing field's object). */
function nearestParent(text: string, path: readonly JsonPathSegment[]): TextPosition | undefined {
  const parents = Array.from({ length: path.length }, (_, n) => path.slice(0, n));
  const found = locateAll(text, parents);
  for (let n = path.length - 1; n >= 0; n--) {
    const pos = found.get(pathKey(path.slice(0, n)));
    if (pos) return pos;
  }
  return undefined;
}
