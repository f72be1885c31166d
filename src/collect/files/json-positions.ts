/**
 * JSON parsing that keeps positions, so resources read from plan and flow files can say on which
 * line and column they were declared (terraform writes a plan on one line, where only the column
 * tells its resources apart). The text is checked and parsed by the input JSON reader
 * (src/input/json.ts); positions come from jsonc-parser's syntax tree.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { parseJson, type JsonPathSegment, type TextPosition } from '../../input/json.js';

export type { JsonPathSegment, TextPosition };

export interface PositionedJson {
  value: unknown;
  /** 1-based line where the value at `path` starts, or null when the path does not exist. */
  lineOf(path: readonly JsonPathSegment[]): number | null;
  /** Line and column where the value at `path` starts, or null when the path does not exist. */
  positionOf(path: readonly JsonPathSegment[]): TextPosition | null;
}

export function parseJsonWithPositions(text: string, file: string): PositionedJson {
  // Checked (syntax, duplicate keys, limits) and parsed by the one JSON reader of inputs; the
  // syntax tree that answers position queries is built only when the first one is asked.
  const { value } = parseJson(text, file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let tree: { root: Node; lineStarts: number[] } | undefined;
  const treeOf = (): { root: Node; lineStarts: number[] } => {
    tree ??= { root: parseTree(body, [], { disallowComments: true, allowTrailingComma: false })!, lineStarts: lineStartOffsets(body) };
    return tree;
  };
  const lineAt = (lineStarts: number[], offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const positionOf = (path: readonly JsonPathSegment[]): TextPosition | null => {
    const { root, lineStarts } = treeOf();
    const node = findNodeAtLocation(root, [...path]);
    if (node === undefined) return null;
    const line = lineAt(lineStarts, node.offset);
    return { line, column: node.offset - lineStarts[line - 1]! + 1 };
  };
  return { value, lineOf: (path) => positionOf(path)?.line ?? null, positionOf };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
