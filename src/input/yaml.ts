/**
 * YAML inputs (inventories, CloudFormation templates, the config) under the same limits as JSON:
 * nesting past the depth limit and strings past the length limit are errors at their line. The
 * YAML parser recurses per level and reports a stack overflow as a parse error; that is turned
 * into the depth error it stands for, never shown as "Maximum call stack size exceeded".
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { ScvGuardError } from '../errors.js';
import { INPUT_LIMIT_VARIABLES, inputLimits, type InputLimits } from './limits.js';

export interface YamlRead {
  doc: Document;
  lineCounter: LineCounter;
}

type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Parses YAML text and checks it against the input limits. Syntax errors are left in `doc.errors`
 * for the caller to word, except a stack overflow, which is a depth error thrown here.
 */
export function parseYamlInput(text: string, file: string, options: YamlOptions = {}, limits: InputLimits = inputLimits()): YamlRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...options, lineCounter, prettyErrors: false });
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) {
    const pos = lineCounter.linePos(overflow.pos[0]);
    throw new ScvGuardError('input-parse', depthMessage(limits), { file, line: pos.line, column: pos.col });
  }
  if (doc.errors.length === 0) checkYamlLimits(doc, file, lineCounter, limits);
  return { doc, lineCounter };
}

function depthMessage(limits: InputLimits): string {
  return `nested deeper than ${limits.maxDepth} levels (${INPUT_LIMIT_VARIABLES.maxDepth})`;
}

/** Walks the document without recursion: collections deeper than the limit, strings too long. */
function checkYamlLimits(doc: Document, file: string, lineCounter: LineCounter, limits: InputLimits): void {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  const at = (node: { range?: [number, number, number] | null }): { line?: number; column?: number } => {
    if (!node.range) return {};
    const pos = lineCounter.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > limits.maxDepth) throw new ScvGuardError('input-parse', depthMessage(limits), { file, ...at(node) });
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    } else if (isScalar(node) && !isAlias(node) && typeof node.value === 'string' && node.value.length > limits.maxStringLength) {
      throw new ScvGuardError(
        'input-parse',
        `a string of ${node.value.length} characters, longer than the limit of ${limits.maxStringLength} (${INPUT_LIMIT_VARIABLES.maxStringLength})`,
        { file, ...at(node) },
      );
    }
  }
}
