/**
 * Analyzer for the Amazon Connect flow language (the JSON `Content` of a contact flow or flow
 * module, and exported flow files). It lists what a flow points at (Lambda functions with their
 * alias, flows, modules, Lex bots, queues, prompts, any other ARN) and credential-looking literals.
 *
 * Used by the live AWS collector (DescribeContactFlow / DescribeContactFlowModule content) and by
 * the pre-deploy flow-file gate, which adds the file name to the errors thrown here.
 */
import { ScvGuardError } from '../../errors.js';
import type { FlowReference, FlowReferenceKind, FlowSecret } from '../../inventory/types.js';
import { findSecrets, isDynamicValue } from './secrets.js';

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

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Parses flow-language JSON and returns its references and secrets.
 * Throws ScvGuardError (`input-parse` for invalid JSON, `input-schema` for a wrong shape) whose
 * message names the JSON path; callers add the file or flow name.
 */
export function analyzeFlowContent(content: string): FlowAnalysis {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    // V8 quotes a slice of the input in some messages; flow content may hold secrets, so drop it.
    const detail = (err instanceof Error ? err.message : String(err)).replace(/, ".*" is not valid JSON$/s, ' is not valid JSON');
    throw new ScvGuardError('input-parse', `flow content is not valid JSON (${detail})`);
  }
  if (!isObject(doc)) {
    throw new ScvGuardError('input-schema', 'expected a flow-language JSON object with an Actions array', { path: '$' });
  }
  if (!Array.isArray(doc.Actions)) {
    throw new ScvGuardError('input-schema', 'expected an array of flow actions', { path: '$.Actions' });
  }

  const references: FlowReference[] = [];
  const secrets: FlowSecret[] = [];
  const seen = new Set<string>();
  const addReference = (ref: FlowReference): void => {
    const key = `${ref.kind}\u0000${ref.arn}\u0000${ref.action}\u0000${ref.actionId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    references.push(ref);
  };

  doc.Actions.forEach((action, i) => {
    if (!isObject(action) || typeof action.Type !== 'string') {
      throw new ScvGuardError('input-schema', 'expected an action object with a string Type', { path: `$.Actions[${i}].Type` });
    }
    const type = action.Type;
    const params = action.Parameters;
    if (params === undefined || params === null) return;
    if (!isObject(params)) {
      throw new ScvGuardError('input-schema', 'expected Parameters to be an object', { path: `$.Actions[${i}].Parameters` });
    }
    // The action's Identifier names the block that holds a reference or secret, when given.
    const actionId = typeof action.Identifier === 'string' && action.Identifier !== '' ? action.Identifier : undefined;
    collectReferences(type, params, undefined, (ref) => addReference(actionId === undefined ? ref : withActionId(ref, actionId)));
    const found: FlowSecret[] = [];
    findSecrets(type, params, '', found);
    secrets.push(...(actionId === undefined ? found : found.map((s) => ({ action: s.action, actionId, parameter: s.parameter, kind: s.kind }))));
  });

  // Exported flows repeat parameter values in Metadata; only value-shaped credentials count there.
  if (doc.Metadata !== undefined) {
    const metadataSecrets: FlowSecret[] = [];
    findSecrets('Metadata', doc.Metadata, '', metadataSecrets);
    secrets.push(...metadataSecrets.filter((s) => s.kind !== 'named-secret'));
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
  if (!isObject(value)) return;
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
