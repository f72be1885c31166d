/**
 * Analyzer for Amazon Connect flows: the flow language (the JSON `Content` of a contact flow or
 * flow module, and exported flow files) and the older console export (`modules`, see
 * ./older-format.ts). It lists what a flow points at (Lambda functions with their alias, flows,
 * modules, Lex bots, queues, prompts, any other ARN) and credential-looking literals. Given the
 * file and the positions of a flow file, each reference and secret gets the line and column of the
 * action or module that holds it.
 *
 * Used by the live AWS collector (DescribeContactFlow / DescribeContactFlowModule content) and by
 * the pre-deploy flow-file gate, which adds the file name to the errors thrown here.
 */
import { ScvGuardError } from '../../errors.js';
import { parseEmbeddedJson } from '../../input/json.js';
import type { FlowReference, FlowReferenceKind, FlowSecret, Origin } from '../../inventory/types.js';
import { shapeProblem, type FieldSpecs } from '../shape.js';
import { OLDER_DOCUMENT_SHAPE, readModule } from './older-format.js';
import { findSecrets, isDynamicValue } from './secrets.js';
import { isRecord } from '../../plain-objects.js';

export interface FlowAnalysis {
  references: FlowReference[];
  secrets: FlowSecret[];
}

/** Parameter names whose value names a resource of a known kind, wherever they appear. */
const KIND_BY_PARAMETER: Readonly<Record<string, FlowReferenceKind>> = {
  LambdaFunctionARN: 'lambda',
  FunctionArn: 'lambda', // InvokeExternalResource in older exports
  ContactFlowId: 'flow',
  FlowModuleId: 'module',
  QueueId: 'queue',
  PromptId: 'prompt',
  AliasArn: 'lex',
};

/** Containers whose every string value is a flow (UpdateContactEventHooks). */
const FLOW_CONTAINERS = new Set(['EventHooks']);

/** Kind of a literal ARN, from its service and resource path. */
export function kindOfArn(arn: string): FlowReferenceKind {
  const m = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.*)$/.exec(arn);
  if (!m) return 'other';
  const [, service, resource] = m as unknown as [string, string, string];
  if (service === 'lambda' && resource.startsWith('function:')) return 'lambda';
  if (service === 'lex') return 'lex';
  if (service === 'connect') {
    if (/\/contact-flow\//.test(resource)) return 'flow';
    if (/\/flow-module\//.test(resource)) return 'module';
    if (/\/queue\//.test(resource)) return 'queue';
    if (/\/prompt\//.test(resource)) return 'prompt';
  }
  return 'other';
}

/** The fields of a flow-language document and action the analyzer reads or names flows by. */
const FLOW_DOCUMENT_SHAPE: FieldSpecs = {
  Version: 'string?',
  StartAction: 'string?',
  Metadata: 'object?',
  'Metadata.name': 'string?',
  'Metadata.type': 'string?',
  'Metadata.description': 'string?',
  'Metadata.ActionMetadata': 'object?',
};
const FLOW_ACTION_SHAPE: FieldSpecs = { Identifier: 'name', Type: 'name', Parameters: 'object?', Transitions: 'object?' };

/** Where a flow file's JSON values start, for the positions of its actions or modules. */
export interface FlowSource {
  file: string;
  positionOf(path: readonly (string | number)[]): { line: number; column: number } | null;
}

/**
 * Parses flow JSON (either format) and returns its references and secrets.
 * Throws ScvGuardError (`input-parse` for invalid JSON, `input-schema` for a wrong shape) whose
 * message names the JSON path; callers add the file or flow name.
 */
export function analyzeFlowContent(content: string): FlowAnalysis {
  // Never quotes the content in an error: flow content may hold secrets.
  return analyzeFlowDocument(parseEmbeddedJson(content, 'flow content'));
}

const jsonPath = (path: readonly (string | number)[]): string =>
  `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/**
 * Analyzes a parsed flow document. With `source` (a flow file), every reference and secret
 * carries the origin of its action or module, and errors name the file and line.
 */
export function analyzeFlowDocument(doc: unknown, source?: FlowSource): FlowAnalysis {
  const problem = (message: string, path: (string | number)[]): never => {
    if (source === undefined) throw new ScvGuardError('input-schema', message, { path: jsonPath(path) });
    // The nearest existing value gives the line (a missing key's parent).
    let position = null;
    for (let n = path.length; n >= 0 && position === null; n--) position = source.positionOf(path.slice(0, n));
    throw new ScvGuardError('input-schema', `${jsonPath(path)}: ${message}`, { file: source.file, ...(position ? { line: position.line } : {}) });
  };
  const originOf = (path: (string | number)[]): Origin | undefined => {
    const position = source?.positionOf(path);
    return source && position ? { file: source.file, line: position.line, column: position.column } : undefined;
  };
  if (!isRecord(doc)) problem('expected a flow-language JSON object with an Actions array (or an older console export with modules)', []);
  const flow = doc as Record<string, unknown>;
  if (flow.Actions === undefined && flow.modules !== undefined) {
    if (!Array.isArray(flow.modules)) problem('expected a list of modules', ['modules']);
    const older = shapeProblem(flow, OLDER_DOCUMENT_SHAPE);
    if (older !== null) problem(older.message, older.path);
    return analyzeModules(flow.modules as unknown[], flow.metadata, problem, originOf);
  }
  if (!Array.isArray(flow.Actions)) problem('expected an array of flow actions', ['Actions']);
  const malformed = shapeProblem(flow, FLOW_DOCUMENT_SHAPE);
  if (malformed !== null) problem(malformed.message, malformed.path);

  const references: FlowReference[] = [];
  const secrets: FlowSecret[] = [];
  const addReference = referenceCollector(references);

  (flow.Actions as unknown[]).forEach((action, i) => {
    if (!isRecord(action) || typeof action.Type !== 'string') problem('expected an action object with a string Type', ['Actions', i, 'Type']);
    const actionProblem = shapeProblem(action, FLOW_ACTION_SHAPE);
    if (actionProblem !== null) problem(actionProblem.message, ['Actions', i, ...actionProblem.path]);
    const a = action as Record<string, unknown>;
    const type = a.Type as string;
    const params = a.Parameters;
    if (params === undefined || params === null) return;
    if (!isRecord(params)) problem('expected Parameters to be an object', ['Actions', i, 'Parameters']);
    const origin = originOf(['Actions', i]);
    // The action's Identifier names the block that holds a reference or secret, when given.
    const actionId = typeof a.Identifier === 'string' && a.Identifier !== '' ? a.Identifier : undefined;
    const found: FlowSecret[] = [];
    collectReferences(type, params, undefined, (ref) => addReference(withOrigin(actionId === undefined ? ref : withActionId(ref, actionId), origin)));
    findSecrets(type, params, '', found);
    secrets.push(...found.map((s) => withOrigin(actionId === undefined ? s : { action: s.action, actionId, parameter: s.parameter, kind: s.kind }, origin)));
  });

  // Exported flows repeat parameter values in Metadata; only value-shaped credentials count there.
  if (flow.Metadata !== undefined) {
    const metadataSecrets: FlowSecret[] = [];
    findSecrets('Metadata', flow.Metadata, '', metadataSecrets);
    for (const s of metadataSecrets) {
      if (s.kind === 'named-secret') continue;
      // `ActionMetadata.<action id>...` belongs to that action's metadata entry.
      const id = /^ActionMetadata\.([^.[]+)/.exec(s.parameter)?.[1];
      secrets.push(withOrigin(s, originOf(id !== undefined ? ['Metadata', 'ActionMetadata', id] : ['Metadata'])));
    }
  }
  return { references, secrets };
}

function withOrigin<T extends FlowReference | FlowSecret>(entry: T, origin: Origin | undefined): T {
  return origin === undefined ? entry : { ...entry, origin };
}

/** Adds references once per kind, target and action type (the first one found keeps its origin). */
function referenceCollector(references: FlowReference[]): (ref: FlowReference) => void {
  const seen = new Set<string>();
  return (ref) => {
    const key = `${ref.kind}\u0000${ref.arn}\u0000${ref.action}\u0000${ref.actionId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    references.push(ref);
  };
}

function analyzeModules(
  modules: unknown[],
  metadata: unknown,
  problem: (message: string, path: (string | number)[]) => never,
  originOf: (path: (string | number)[]) => Origin | undefined,
): FlowAnalysis {
  const references: FlowReference[] = [];
  const secrets: FlowSecret[] = [];
  const addReference = referenceCollector(references);
  modules.forEach((module, i) => {
    const found = readModule(module, i, kindOfArn, problem);
    const origin = originOf(['modules', i]);
    // An older-format module's id names the block, as an action's Identifier does.
    const id = isRecord(module) && typeof module.id === 'string' && module.id !== '' ? module.id : undefined;
    for (const ref of found.references) addReference(withOrigin(id === undefined ? ref : withActionId(ref, id), origin));
    secrets.push(...found.secrets.map((s) => withOrigin(id === undefined ? s : { action: s.action, actionId: id, parameter: s.parameter, kind: s.kind }, origin)));
  });
  if (metadata !== undefined) {
    const found: FlowSecret[] = [];
    findSecrets('metadata', metadata, '', found);
    secrets.push(...found.filter((s) => s.kind !== 'named-secret').map((s) => withOrigin(s, originOf(['metadata']))));
  }
  return { references, secrets };
}

/** The reference with `actionId` placed right after `action` (inventories keep a stable key order). */
function withActionId(ref: FlowReference, actionId: string): FlowReference {
  const { kind, arn, action, dynamic } = ref;
  return dynamic ? { kind, arn, action, actionId, dynamic } : { kind, arn, action, actionId };
}

function collectReferences(
  action: string,
  value: unknown,
  key: string | undefined,
  add: (ref: FlowReference) => void,
  inFlowContainer = false,
): void {
  if (typeof value === 'string') {
    const byName = key !== undefined ? KIND_BY_PARAMETER[key] : undefined;
    const named = byName ?? (inFlowContainer ? 'flow' : undefined);
    const dynamic = isDynamicValue(value);
    const literalArn = !dynamic && value.startsWith('arn:');
    if (value.trim() === '' || (named === undefined && !literalArn)) return;
    // A literal ARN says what it is; the parameter name decides for ids, dynamic values and ARNs of unknown shape.
    const byArn = literalArn ? kindOfArn(value) : 'other';
    const kind: FlowReferenceKind = byArn !== 'other' ? byArn : (named ?? 'other');
    add(dynamic ? { kind, arn: value, action, dynamic: true } : { kind, arn: value, action });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(action, item, key, add, inFlowContainer);
    return;
  }
  if (!isRecord(value)) return;
  if (key === 'LexBot') {
    const lexV1 = lexV1Reference(value);
    if (lexV1 !== null) add({ kind: 'lex', arn: lexV1, action, ...(lexV1.includes('$.') ? { dynamic: true } : {}) });
    return;
  }
  const childrenAreFlows = inFlowContainer || (key !== undefined && FLOW_CONTAINERS.has(key));
  for (const [childKey, child] of Object.entries(value)) {
    collectReferences(action, child, childKey, add, childrenAreFlows);
  }
}

/** Lex V1 bots are named, not ARN'd: `lex-v1/<region>/<name>/<alias>` (parts absent stay empty). */
function lexV1Reference(bot: Record<string, unknown>): string | null {
  const name = typeof bot.Name === 'string' ? bot.Name : null;
  if (name === null || name.trim() === '') return null;
  const region = typeof bot.Region === 'string' ? bot.Region : '';
  const alias = typeof bot.Alias === 'string' ? bot.Alias : '';
  return `lex-v1/${region}/${name}/${alias}`;
}
