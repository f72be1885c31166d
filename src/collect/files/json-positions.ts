/**
 * JSON parsing that keeps positions, so resources read from plan and flow files can say on which
 * line and column they were declared (terraform writes a plan on one line, where only the column
 * tells its resources apart). Built on jsonc-parser's syntax tree; comments and trailing commas are
 * rejected, as in strict JSON.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { ScvGuardError } from '../../errors.js';
import { setOwn } from '../../own-properties.js';

export type JsonPathSegment = string | number;

/** 1-based line and column (in UTF-16 code units, as SARIF counts by default). */
export interface TextPosition {
  line: number;
  column: number;
}

export interface PositionedJson {
  value: unknown;
  /** 1-based line where the value at `path` starts, or null when the path does not exist. */
  lineOf(path: readonly JsonPathSegment[]): number | null;
  /** Line and column where the value at `path` starts, or null when the path does not exist. */
  positionOf(path: readonly JsonPathSegment[]): TextPosition | null;
}

export function parseJsonWithPositions(text: string, file: string): PositionedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineStarts = lineStartOffsets(text);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const positionAt = (offset: number): TextPosition => {
    const line = lineAt(offset);
    return { line, column: offset - lineStarts[line - 1]! + 1 };
  };
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    const line = first ? lineAt(first.offset) : 1;
    const what = first ? printParseErrorCode(first.error) : 'empty document';
    throw new ScvGuardError('input-parse', `invalid JSON: ${what}`, { file, line });
  }
  return {
    value: nodeValue(root),
    lineOf(path) {
      const node = findNodeAtLocation(root, [...path]);
      return node === undefined ? null : lineAt(node.offset);
    },
    positionOf(path) {
      const node = findNodeAtLocation(root, [...path]);
      return node === undefined ? null : positionAt(node.offset);
    },
  };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) {
          // defineProperty: a "__proto__" key stays a plain key, never a prototype.
          setOwn(out, String(key.value), nodeValue(value));
        }
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
