/**
 * The writer of exported flows, shared by `export flows` and `backup`: one flow-language JSON
 * document per flow or module, named `<TYPE>/<name>.json` (names made safe for file systems, a
 * repeated name numbered), in canonical JSON — keys sorted at every level, two-space indent, final
 * newline, no time — so writing an unchanged instance again changes no byte. A flow holding
 * credential-looking literals (as the SCV-FLOW-002 analysis sees them) is left out, or written
 * with those values replaced by REDACTED when `redact` is asked.
 */
import type { DescribedFlow } from '../collect/aws/connect-flows.js';
import { classifyValue } from '../collect/flow-language/secrets.js';
import type { ContactFlow } from '../inventory/types.js';
import { REDACTED } from '../redaction/shapes.js';
import { parseEmbeddedJson } from '../input/json.js';
import { jsonOutput } from '../text/control-chars.js';

/**
 * A name as one path segment: no separators, reserved or control characters (C0, DEL, C1,
 * bidirectional controls, which could make a listing show another name), no leading dot.
 */
export function fileNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^\.+/, '_').trim();
  return safe === '' ? '_' : safe;
}

/**
 * JSON with object keys sorted at every level, two-space indent, final newline; DEL, C1 and
 * bidirectional controls written as `\uXXXX` (the same value, nothing raw in the file).
 */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return jsonOutput(sort(value));
}

/** Replaces every credential-looking string (as the SCV-FLOW-002 analysis sees it) with REDACTED. */
function redactValues(value: unknown, name: string): unknown {
  if (typeof value === 'string') return classifyValue(name, value).length > 0 ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactValues(v, name));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValues(v, k)]));
  }
  return value;
}

export interface FlowDocument {
  flow: ContactFlow;
  /** `<TYPE>/<name>.json`; null when the flow is left out. */
  file: string | null;
  /** The document to write (credential-looking values replaced when redacted); null when left out. */
  doc: unknown;
  /** Left out: it holds credential-looking literals and `redact` was not asked. */
  withheld: boolean;
  /** Written with credential-looking values replaced. */
  redacted: boolean;
}

/**
 * The documents of one instance's flows and modules, sorted by type, name and id. Flows whose
 * content was not read or is not valid JSON as the input reader sees it (syntax, duplicate keys,
 * depth and string limits) are skipped: the collector read it with the same reader and recorded
 * the error, located inside the content (SCV-COLL-001).
 */
export function flowDocuments(described: readonly DescribedFlow[], redact: boolean): FlowDocument[] {
  const used = new Set<string>();
  const out: FlowDocument[] = [];
  const sorted = [...described].sort((a, b) => a.flow.type.localeCompare(b.flow.type) || a.flow.name.localeCompare(b.flow.name) || a.flow.id.localeCompare(b.flow.id));
  for (const { flow, content } of sorted) {
    if (content === null) continue;
    let doc: unknown;
    try {
      doc = parseEmbeddedJson(content, 'flow content');
    } catch {
      continue; // recorded by the collector as InvalidFlowContent
    }
    const holdsSecrets = flow.secrets.length > 0;
    if (holdsSecrets && !redact) {
      out.push({ flow, file: null, doc: null, withheld: true, redacted: false });
      continue;
    }
    const base = `${flow.type}/${fileNameOf(flow.name)}`;
    let file = `${base}.json`;
    for (let n = 2; used.has(file.toLowerCase()); n++) file = `${base} (${n}).json`;
    used.add(file.toLowerCase());
    out.push({ flow, file, doc: holdsSecrets ? redactValues(doc, '') : doc, withheld: false, redacted: holdsSecrets });
  }
  return out;
}
