import { describe, expect, it } from 'vitest';
import { analyzeFlowContent, analyzeFlowDocument } from '../../../src/collect/flow-language/analyze.js';
import { parseJsonWithPositions } from '../../../src/collect/files/json-positions.js';
import { ScvGuardError } from '../../../src/errors.js';
import { thrown } from '../../support/thrown.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:111111111111:function:crm-lookup';
const FLOW = 'arn:aws:connect:us-east-1:111111111111:instance/6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11/contact-flow/0a1b2c3d-0000-4000-8000-000000000001';
const QUEUE = 'arn:aws:connect:us-east-1:111111111111:instance/6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11/queue/0a1b2c3d-0000-4000-8000-000000000002';
const PROMPT = 'arn:aws:connect:us-east-1:111111111111:instance/6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11/prompt/0a1b2c3d-0000-4000-8000-000000000003';

const older = (modules: unknown[]): string => JSON.stringify({ modules, version: '1', type: 'contactFlow', start: 'm1', metadata: { name: 'Old flow' } }, null, 2);
const module = (type: string, parameters: unknown[]): unknown => ({ id: `${type}-id`, type, branches: [], parameters, metadata: { position: { x: 1, y: 2 } } });

describe('older console export (modules)', () => {
  it('reads Lambda, flow, queue, prompt and Lex V1 references, literal or read from attributes', () => {
    const { references } = analyzeFlowContent(older([
      module('InvokeExternalResource', [{ name: 'FunctionArn', value: LAMBDA, namespace: null }, { name: 'TimeLimit', value: '3' }]),
      module('Transfer', [{ name: 'ContactFlowId', value: FLOW, resourceName: 'Inbound' }]),
      module('SetQueue', [{ name: 'Queue', value: QUEUE, namespace: null, resourceName: 'Support' }]),
      module('PlayPrompt', [{ name: 'AudioPrompt', value: PROMPT, namespace: null }]),
      module('GetUserInput', [{ name: 'BotName', value: 'Booking' }, { name: 'BotAlias', value: 'prod' }, { name: 'BotRegion', value: 'us-east-1' }]),
      module('InvokeExternalResource', [{ name: 'FunctionArn', value: 'lambdaArn', namespace: 'User Defined' }]),
    ]));
    expect(references).toEqual([
      { kind: 'lambda', arn: LAMBDA, action: 'InvokeExternalResource', actionId: 'InvokeExternalResource-id' },
      { kind: 'flow', arn: FLOW, action: 'Transfer', actionId: 'Transfer-id' },
      { kind: 'queue', arn: QUEUE, action: 'SetQueue', actionId: 'SetQueue-id' },
      { kind: 'prompt', arn: PROMPT, action: 'PlayPrompt', actionId: 'PlayPrompt-id' },
      { kind: 'lex', arn: 'lex-v1/us-east-1/Booking/prod', action: 'GetUserInput', actionId: 'GetUserInput-id' },
      { kind: 'lambda', arn: '$.Attributes.lambdaArn', action: 'InvokeExternalResource', actionId: 'InvokeExternalResource-id', dynamic: true },
    ]);
  });

  it('finds credential-looking literals by attribute key, never in values read at run time', () => {
    const { secrets } = analyzeFlowContent(older([
      module('SetAttributes', [
        { name: 'Attribute', key: 'crmPassword', value: 'hunter2', namespace: null },
        { name: 'Attribute', key: 'apiToken', value: 'token', namespace: 'External' },
        { name: 'Attribute', key: 'note', value: '-----BEGIN RSA PRIVATE KEY-----', namespace: null },
      ]),
      { id: 'x', type: 'PlayPrompt', branches: [], parameters: [], metadata: { cached: 'AKIAZ7QX3N4P5L6M7K8J', secretName: 'not-a-value-shaped-secret' } },
    ]));
    expect(secrets).toEqual([
      { action: 'SetAttributes', actionId: 'SetAttributes-id', parameter: 'Attribute.crmPassword', kind: 'named-secret' },
      { action: 'SetAttributes', actionId: 'SetAttributes-id', parameter: 'Attribute.note', kind: 'private-key' },
      { action: 'PlayPrompt', actionId: 'x', parameter: 'metadata.cached', kind: 'aws-access-key' },
    ]);
  });

  it('names each block by its module id; a module without an id stays unnamed', () => {
    const { references, secrets } = analyzeFlowContent(older([
      { id: 'lookup-7', type: 'InvokeExternalResource', branches: [], parameters: [{ name: 'FunctionArn', value: LAMBDA }] },
      { type: 'SetAttributes', branches: [], parameters: [{ name: 'Attribute', key: 'k', value: 'AKIAZ7QX3N4P5L6M7K8J' }] },
      { id: '', type: 'Transfer', branches: [], parameters: [{ name: 'ContactFlowId', value: FLOW }] },
    ]));
    expect(references).toEqual([
      { kind: 'lambda', arn: LAMBDA, action: 'InvokeExternalResource', actionId: 'lookup-7' },
      { kind: 'flow', arn: FLOW, action: 'Transfer' },
    ]);
    expect(secrets).toEqual([{ action: 'SetAttributes', parameter: 'Attribute.k', kind: 'aws-access-key' }]);
  });

  it('with a file, puts each reference and secret at its module and names file and line in errors', () => {
    const text = older([module('PlayPrompt', []), module('SetAttributes', [{ name: 'Attribute', key: 'k', value: 'AKIAZ7QX3N4P5L6M7K8J', namespace: null }])]);
    const json = parseJsonWithPositions(text, 'old.json');
    const { secrets } = analyzeFlowDocument(json.value, { file: 'old.json', positionOf: (p) => json.positionOf(p) });
    expect(secrets[0]!.origin).toEqual({ file: 'old.json', ...json.positionOf(['modules', 1])! });
    const bad = older([module('PlayPrompt', []), { id: 'y', branches: [] }]);
    const badJson = parseJsonWithPositions(bad, 'bad.json');
    const err = thrown(() => analyzeFlowDocument(badJson.value, { file: 'bad.json', positionOf: (p) => badJson.positionOf(p) }), ScvGuardError);
    expect(err.message).toBe(`bad.json:${badJson.positionOf(['modules', 1])!.line}: $.modules[1].type: expected a module object with a string type`);
    expect(thrown(() => analyzeFlowContent(bad), ScvGuardError).message).toBe('$.modules[1].type: expected a module object with a string type');
  });
});
