/**
 * Reading inventory files (JSON or YAML). Every failure is a ScvGuardError naming the file:
 * `input-read` (cannot read), `input-parse` (syntax, with line and column) and `input-schema`
 * (with the JSON path, the line of the offending node and what was expected).
 */
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { ScvGuardError } from '../errors.js';
import { parseJson as parseJsonInput } from '../input/json.js';
import { describeFsError, readInputFile } from '../input/read.js';
import { parseYamlInput } from '../input/yaml.js';
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
  return readInputFile(file, { what: 'inventory file' });
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
  const doc = parseJsonInput(text, file);
  // Located by a linear scan of the text, only when a schema error needs a line.
  return { value: doc.value, locate: (path) => doc.locate(path)?.line };
}

function parseYaml(text: string, file: string): Parsed {
  const { doc, lineCounter } = parseYamlInput(text, file, { uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = lineCounter.linePos(syntaxError.pos[0]);
    const reason = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScvGuardError('input-parse', `invalid YAML: ${reason}`, { file, line: pos.line, column: pos.col });
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

export { describeFsError };
