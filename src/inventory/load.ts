/**
 * Reading inventory files (JSON or YAML). Every failure is a ScvGuardError naming the file:
 * `input-read` (cannot read), `input-parse` (syntax, with line and column) and `input-schema`
 * (with the JSON path, the line of the offending node and what was expected).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { parseTree, ParseErrorCode, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ScvGuardError } from '../errors.js';
import type { Inventory } from './types.js';
import { validateInventory, type LineLocator } from './validate.js';

/** Aliases a YAML inventory may use; more is treated as an alias bomb (billion laughs). */
export const MAX_YAML_ALIASES = 100;

export type InventoryFormat = 'json' | 'yaml';

export interface LoadedInventory {
  file: string;
  inventory: Inventory;
}

/** `.json` is JSON, `.yaml`/`.yml` YAML; anything else by its first character (`{` → JSON). */
export function inventoryFormatOf(file: string, text: string): InventoryFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export async function readInventoryText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ScvGuardError('input-read', `cannot read inventory file: ${describeFsError(err)}`, { file });
  }
}

/** Reads, parses and validates one inventory file. */
export async function loadInventoryFile(file: string): Promise<LoadedInventory> {
  const text = await readInventoryText(file);
  return { file, inventory: parseInventory(text, file) };
}

/** Parses and validates inventory text; `file` names the source in errors. */
export function parseInventory(text: string, file: string, format: InventoryFormat = inventoryFormatOf(file, text)): Inventory {
  const { value, locate } = parseJsonOrYaml(text, file, format);
  return validateInventory(value, file, locate);
}

/**
 * Parses a JSON or YAML document with located syntax errors (ScvGuardError 'input-parse' with
 * line and column) and bounded YAML aliases; `locate` finds the line of a path for later errors.
 */
export function parseJsonOrYaml(text: string, file: string, format: InventoryFormat): Parsed {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

export interface Parsed {
  value: unknown;
  locate: LineLocator;
}

function parseJson(text: string, file: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch {
    const { offset, reason } = jsonSyntaxError(text);
    const { line, column } = lineColumnAt(text, offset);
    throw new ScvGuardError('input-parse', `invalid JSON: ${reason}`, { file, line, column });
  }
  // JSON is YAML: the YAML parser finds the line of a node only when a schema error needs it.
  return { value, locate: lazyYamlLocator(text) };
}

/** Where and why strict JSON fails to parse (JSON.parse does not always give a position). */
function jsonSyntaxError(text: string): { offset: number; reason: string } {
  const errors: ParseError[] = [];
  parseTree(stripBom(text), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const first = errors[0];
  if (!first) return { offset: text.length, reason: 'not valid JSON' };
  const found = first.length > 0 ? ` at ${JSON.stringify(text.slice(first.offset + bom, first.offset + bom + Math.min(first.length, 20)))}` : ' at end of input';
  return { offset: first.offset + bom, reason: `${JSON_ERRORS[first.error] ?? printParseErrorCode(first.error)}${found}` };
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

function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = syntaxError.linePos?.[0];
    const reason = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScvGuardError('input-parse', `invalid YAML: ${reason}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/alias/i.test(message)) {
      throw new ScvGuardError(
        'input-parse',
        `invalid YAML: too many alias expansions (more than ${MAX_YAML_ALIASES}); refusing a possible alias bomb`,
        { file },
      );
    }
    throw new ScvGuardError('input-parse', `invalid YAML: ${message}`, { file });
  }
  return { value, locate: yamlLocator(doc, lineCounter) };
}

function yamlLocator(doc: Document, lineCounter: LineCounter): LineLocator {
  return (path) => {
    // Walk down as far as the path exists; a missing field is reported at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (node && (isMap(node) || isSeq(node) || isScalar(node)) && node.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
}

function lazyYamlLocator(text: string): LineLocator {
  let locate: LineLocator | undefined;
  return (path) => {
    if (!locate) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
      locate = doc.errors.length === 0 ? yamlLocator(doc, lineCounter) : () => undefined;
    }
    return locate(path);
  };
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
