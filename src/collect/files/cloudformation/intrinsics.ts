/**
 * CloudFormation templates' YAML short forms (`!Ref`, `!Sub`, `!GetAtt`, ...) read into their JSON
 * long forms, so one evaluator (./evaluate.ts) serves YAML and JSON templates alike.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { ScvGuardError } from '../../../errors.js';
import { setOwn } from '../../../own-properties.js';

/** Short-form tag → long-form key. */
export const INTRINSIC_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** YAML node → plain value, short-form intrinsics as their long forms. */
export function nodeToValue(node: Node | null | undefined, file: string, lineAt: (offset: number) => number): unknown {
  if (node === null || node === undefined) return null;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      setOwn(out, key, nodeToValue(pair.value as Node, file, lineAt));
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => nodeToValue(item as Node, file, lineAt));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = null;
  }
  const tag = node.tag;
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const longForm = INTRINSIC_TAGS[tag];
  if (longForm === undefined) {
    throw new ScvGuardError('input-parse', `unknown YAML tag ${tag} (expected a CloudFormation intrinsic function)`, {
      file,
      line: node.range ? lineAt(node.range[0]) : undefined,
    });
  }
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return { [longForm]: value };
}
