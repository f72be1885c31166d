/**
 * Where each resource of an inventory file is written: its key (org id, contact center id,
 * account id, ARN, id or name) → line and column of its entry. Findings about the live estate
 * point there when no closer place (a declaration, a config entry) is known. A JSON inventory is
 * located by one linear scan of its text (a large file is never held as a syntax tree).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { parseJson, pathKey, type JsonDocument, type TextPosition } from '../input/json.js';
import { isRecord } from '../plain-objects.js';

export type { TextPosition };

type Path = (string | number)[];
type Obj = Record<string, unknown>;

/** Keys a resource entry is found by: its ARN, id and name, where they are strings. */
function keysOf(entry: Obj): string[] {
  return ['arn', 'id', 'name'].map((k) => entry[k]).filter((v): v is string => typeof v === 'string' && v !== '');
}

export function inventoryEntryPositions(text: string): Map<string, TextPosition> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out = new Map<string, TextPosition>();
  // JSON (what `collect` writes) is located by a linear scan; YAML through its syntax tree.
  if (body.trimStart().startsWith('{')) {
    let doc: JsonDocument;
    try {
      doc = parseJson(body, '');
    } catch {
      return out; // the loader reported it already; nothing to point at
    }
    const entries = entriesOf(doc.value);
    const found = doc.locateAll(entries.map((e) => e.path));
    for (const { path, keys } of entries) {
      const pos = found.get(pathKey(path));
      if (pos) for (const k of keys) if (!out.has(k)) out.set(k, pos);
    }
    return out;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, version: '1.2' });
  if (doc.errors.length > 0) return out;
  for (const { path, keys } of entriesOf(doc.toJS({ maxAliasCount: 100 }) as unknown)) {
    const pos = positionOf(doc, lineCounter, path);
    if (pos !== null) for (const k of keys) if (!out.has(k)) out.set(k, pos);
  }
  return out;
}

/** The resource entries of an inventory value and the keys each is found by, in document order. */
function entriesOf(value: unknown): { path: Path; keys: string[] }[] {
  const out: { path: Path; keys: string[] }[] = [];
  if (!isRecord(value)) return out;
  const at = (path: Path, keys: string[]): void => void out.push({ path, keys });
  const orgs = isRecord(value.salesforce) && Array.isArray(value.salesforce.orgs) ? value.salesforce.orgs : [];
  orgs.forEach((org, i) => {
    if (!isRecord(org)) return;
    at(['salesforce', 'orgs', i], keysOf(org).filter((k) => k === org.id));
    const ccs = Array.isArray(org.contactCenters) ? org.contactCenters : [];
    ccs.forEach((cc, j) => {
      if (isRecord(cc) && typeof cc.id === 'string') at(['salesforce', 'orgs', i, 'contactCenters', j], [cc.id]);
    });
  });
  const accounts = isRecord(value.aws) && Array.isArray(value.aws.accounts) ? value.aws.accounts : [];
  accounts.forEach((account, i) => {
    if (!isRecord(account)) return;
    if (typeof account.id === 'string') at(['aws', 'accounts', i], [account.id]);
    for (const [field, list] of Object.entries(account)) {
      if (!Array.isArray(list)) continue;
      list.forEach((entry, j) => {
        if (!isRecord(entry)) return;
        at(['aws', 'accounts', i, field, j], keysOf(entry));
        const flows = Array.isArray(entry.flows) ? entry.flows : [];
        flows.forEach((flow, k) => {
          if (isRecord(flow)) at(['aws', 'accounts', i, field, j, 'flows', k], keysOf(flow).filter((key) => key !== flow.name));
        });
      });
    }
  });
  return out;
}

function positionOf(doc: Document, lines: LineCounter, path: Path): TextPosition | null {
  const node = doc.getIn(path, true);
  if (!isNode(node) || !node.range) return null;
  const pos = lines.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}
