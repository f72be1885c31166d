/**
 * Template parameter values: those given (`--parameters FILE`, in the JSON forms `aws
 * cloudformation` takes), else the parameter's `Default`, else not known (null). A list-typed
 * parameter (`CommaDelimitedList`, `List<...>`) is a list; an `AWS::SSM::Parameter::Value<...>`
 * names an SSM parameter whose value only deploy reads, so it is not known.
 */
import { ScvGuardError } from '../../../errors.js';
import { readInputFileSync } from '../../../input/read.js';
import { parseJsonWithPositions } from '../json-positions.js';
import type { ParameterValue } from './evaluate.js';
import { isRecord } from '../../../plain-objects.js';

/** Values from a parameters file: a string, or null when the file does not say (`UsePreviousValue`). */
export type GivenParameters = ReadonlyMap<string, string | null>;


function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** The value of every parameter a template declares. */
export function templateParameters(declared: unknown, given: GivenParameters | undefined): Map<string, ParameterValue> {
  const out = new Map<string, ParameterValue>();
  if (!isRecord(declared)) return out;
  for (const [name, spec] of Object.entries(declared)) {
    const type = isRecord(spec) && typeof spec.Type === 'string' ? spec.Type : 'String';
    let text: string | null;
    if (given?.has(name)) text = given.get(name)!;
    else if (isRecord(spec) && spec.Default !== undefined) text = Array.isArray(spec.Default) ? spec.Default.map(scalarText).join(',') : scalarText(spec.Default);
    else text = null;
    if (text === null || type.startsWith('AWS::SSM::Parameter::Value<')) out.set(name, null);
    else if (type === 'CommaDelimitedList' || type.startsWith('List<')) out.set(name, text === '' ? [] : text.split(',').map((s) => s.trim()));
    else out.set(name, text);
  }
  return out;
}

/**
 * Reads a parameters file: `[{"ParameterKey": K, "ParameterValue": V}, ...]` (as `aws cloudformation
 * create-stack --parameters file://...` takes it) or `{"Parameters": {K: V, ...}}` (a CodePipeline
 * template configuration). Anything else is an error naming the file and line.
 */
export function readParameterFile(file: string): Map<string, string | null> {
  const text = readInputFileSync(file, { what: 'parameters file' });
  const json = parseJsonWithPositions(text, file);
  const doc = json.value;
  const out = new Map<string, string | null>();
  const fail = (path: (string | number)[], what: string): never => {
    throw new ScvGuardError('input-schema', what, { file, line: json.lineOf(path) ?? 1 });
  };
  const valueText = (v: unknown, path: (string | number)[]): string => {
    if (Array.isArray(v) && v.every((x) => scalarText(x) !== null)) return v.map(scalarText).join(',');
    const s = scalarText(v);
    return s ?? fail(path, 'expected a parameter value (a string, number, boolean or list of them)');
  };
  if (Array.isArray(doc)) {
    doc.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.ParameterKey !== 'string' || entry.ParameterKey === '') {
        fail([i], 'expected {"ParameterKey": NAME, "ParameterValue": VALUE}');
      }
      const { ParameterKey: key, ParameterValue: value, UsePreviousValue: previous } = entry as Record<string, unknown>;
      if (previous === true) out.set(key as string, null);
      else if (value === undefined) fail([i], `parameter ${key as string}: expected a ParameterValue (or UsePreviousValue: true)`);
      else out.set(key as string, valueText(value, [i, 'ParameterValue']));
    });
    return out;
  }
  if (isRecord(doc) && isRecord(doc.Parameters)) {
    for (const [key, value] of Object.entries(doc.Parameters)) out.set(key, valueText(value, ['Parameters', key]));
    return out;
  }
  return fail([], 'expected a CloudFormation parameters file: [{"ParameterKey": ..., "ParameterValue": ...}] or {"Parameters": {...}}');
}
