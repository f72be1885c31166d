/**
 * The older Amazon Connect console export (`{modules, version, type, start, metadata}`), still in
 * many Git repositories: each module has an `id`, a `type` (`InvokeExternalResource`, `Transfer`,
 * `SetAttributes`, ...), `branches` and a `parameters` list of `{name, value, key?, namespace?}`.
 * A parameter with a `namespace` reads an attribute at run time (`$.External.x`); one without is a
 * literal. The same references and credential-looking literals as in the flow language are read.
 */
import type { FlowReference, FlowReferenceKind, FlowSecret } from '../../inventory/types.js';
import { shapeProblem, type FieldSpecs } from '../shape.js';
import { classifyValue, findSecrets } from './secrets.js';
import { isRecord } from '../../plain-objects.js';

type Obj = Record<string, unknown>;

/** Parameter names whose value names a resource, in the older export. */
const KIND_BY_NAME: Readonly<Record<string, FlowReferenceKind>> = {
  FunctionArn: 'lambda',
  LambdaFunctionARN: 'lambda',
  ContactFlowId: 'flow',
  FlowModuleId: 'module',
  Queue: 'queue',
  QueueId: 'queue',
  AudioPrompt: 'prompt',
  PromptId: 'prompt',
  AliasArn: 'lex',
};

/** The fields of an older export the reader reads or names flows by. */
export const OLDER_DOCUMENT_SHAPE: FieldSpecs = { version: 'string?', type: 'string?', start: 'string?', metadata: 'object?', 'metadata.name': 'string?', 'metadata.type': 'string?' };
// A module without an id stays unnamed (exports written by hand leave it out).
const MODULE_SHAPE: FieldSpecs = { id: 'string?', type: 'name', parameters: 'object[]?', branches: 'object[]?', metadata: 'object?' };
const PARAMETER_SHAPE: FieldSpecs = { name: 'name', key: 'string?', namespace: 'string?' };

/** What one module holds, with the JSON path of the module for errors and positions. */
export interface ModuleFindings {
  index: number;
  references: FlowReference[];
  secrets: FlowSecret[];
}

/** `namespace` of a parameter → the `$.` root the flow language names it by. */
function dynamicForm(namespace: string, value: string): string {
  const root = namespace === 'User Defined' ? 'Attributes' : namespace.replace(/\s+/g, '');
  return `$.${root}.${value}`;
}

/**
 * Reads one module. `kindOfArn` tells a literal ARN's kind; `problem` reports a wrong shape
 * (the caller adds the location).
 */
export function readModule(
  module: unknown,
  index: number,
  kindOfArn: (arn: string) => FlowReferenceKind,
  problem: (message: string, path: (string | number)[]) => never,
): ModuleFindings {
  if (!isRecord(module) || typeof module.type !== 'string') problem('expected a module object with a string type', ['modules', index, 'type']);
  const malformed = shapeProblem(module, MODULE_SHAPE);
  if (malformed !== null) problem(malformed.message, ['modules', index, ...malformed.path]);
  const m = module as Obj;
  const action = m.type as string;
  const references: FlowReference[] = [];
  const secrets: FlowSecret[] = [];
  const params = m.parameters ?? [];
  if (!Array.isArray(params)) problem('expected parameters to be a list', ['modules', index, 'parameters']);
  const bot: Record<string, string> = {};
  (params as unknown[]).forEach((p, j) => {
    if (!isRecord(p) || typeof p.name !== 'string') problem('expected a parameter object with a string name', ['modules', index, 'parameters', j]);
    const paramProblem = shapeProblem(p, PARAMETER_SHAPE);
    if (paramProblem !== null) problem(paramProblem.message, ['modules', index, 'parameters', j, ...paramProblem.path]);
    const param = p as Obj;
    const name = param.name as string;
    const key = typeof param.key === 'string' && param.key !== '' ? param.key : null;
    const where = key === null ? name : `${name}.${key}`;
    const value = param.value;
    const namespace = typeof param.namespace === 'string' && param.namespace !== '' ? param.namespace : null;
    if (typeof value !== 'string') {
      // Structured values are walked as the flow language's parameters are.
      if (value !== null && value !== undefined) findSecrets(action, value, where, secrets);
      return;
    }
    if (name === 'BotName' || name === 'BotAlias' || name === 'BotRegion') bot[name] = value;
    const dynamic = namespace !== null || value.trim().startsWith('$.');
    const named = KIND_BY_NAME[name];
    const literalArn = !dynamic && value.startsWith('arn:');
    if (value.trim() !== '' && (named !== undefined || literalArn)) {
      const byArn = literalArn ? kindOfArn(value) : 'other';
      const kind: FlowReferenceKind = byArn !== 'other' ? byArn : (named ?? 'other');
      references.push(dynamic ? { kind, arn: namespace !== null ? dynamicForm(namespace, value) : value, action, dynamic: true } : { kind, arn: value, action });
    }
    // A value read from an attribute at run time is no literal, whatever its name.
    if (namespace === null) for (const kind of classifyValue(key ?? name, value)) secrets.push({ action, parameter: where, kind });
  });
  if (bot.BotName !== undefined && bot.BotName.trim() !== '') {
    references.push({ kind: 'lex', arn: `lex-v1/${bot.BotRegion ?? ''}/${bot.BotName}/${bot.BotAlias ?? ''}`, action });
  }
  // Module metadata repeats values for the editor; only value-shaped credentials count there.
  if (m.metadata !== undefined) {
    const found: FlowSecret[] = [];
    findSecrets(action, m.metadata, 'metadata', found);
    secrets.push(...found.filter((s) => s.kind !== 'named-secret'));
  }
  return { index, references, secrets };
}
