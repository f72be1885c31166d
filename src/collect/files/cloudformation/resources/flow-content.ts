/**
 * A template flow's `Content` read as far as it is known before deploy. An `Fn::Sub` whose
 * variables are not all known (a parameter without value, `Fn::GetAtt`, `Fn::ImportValue`) is
 * substituted with what is known; each value not known is read as a value the flow itself reads at
 * run time (`$.…`), which the flow analysis treats as a dynamic reference — never compared, never a
 * literal credential — whatever the string around it said. A value not known where JSON expects a
 * number or boolean is `null`. Content that is still no flow is not known (null).
 */
import { ScvGuardError } from '../../../../errors.js';
import { parseEmbeddedJson } from '../../../../input/json.js';
import { analyzeFlowContent } from '../../../flow-language/analyze.js';

/** Stands for a value not known in the substituted text; chosen so no template writes it. */
export const NOT_KNOWN_MARK = '@@scv-guard:not-known-before-deploy@@';

/** What a string holding a value not known becomes: a run-time value, as the flow reader reads one. */
export const NOT_KNOWN_VALUE = '$.NotKnownBeforeDeploy';

export type FlowContentReading = { content: string; partial: boolean } | { content: null; problem: string };

/** Reads substituted content (NOT_KNOWN_MARK where a value is not known) into flow content. */
export function readPartialFlowContent(text: string): FlowContentReading {
  if (!text.includes(NOT_KNOWN_MARK)) return { content: text, partial: false };
  let doc: unknown;
  try {
    doc = parseEmbeddedJson(marksOutsideStringsAsNull(text), 'flow content');
  } catch (err) {
    if (err instanceof ScvGuardError) return { content: null, problem: 'with the values not known before deploy it is not JSON' };
    throw err;
  }
  const content = JSON.stringify(replaceMarks(doc));
  try {
    analyzeFlowContent(content);
  } catch (err) {
    if (err instanceof ScvGuardError) return { content: null, problem: `with the values not known before deploy it is not a contact flow (${err.message})` };
    throw err;
  }
  return { content, partial: true };
}

/** The mark where JSON expects a value (not inside a string) becomes `null`. */
function marksOutsideStringsAsNull(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (text.startsWith(NOT_KNOWN_MARK, i)) {
      out += 'null';
      i += NOT_KNOWN_MARK.length - 1;
    } else out += c;
  }
  return out;
}

function replaceMarks(v: unknown): unknown {
  if (typeof v === 'string') return v.includes(NOT_KNOWN_MARK) ? NOT_KNOWN_VALUE : v;
  if (Array.isArray(v)) return v.map(replaceMarks);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.split(NOT_KNOWN_MARK).join('NotKnownBeforeDeploy'), replaceMarks(x)]));
  }
  return v;
}
