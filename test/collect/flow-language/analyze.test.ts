import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../support/thrown.js';
import { analyzeFlowContent, kindOfArn } from '../../../src/collect/flow-language/analyze.js';
import { ScvGuardError } from '../../../src/errors.js';

const fixture = readFileSync(new URL('../../../fixtures/aws/flows/inbound-main.json', import.meta.url), 'utf8');

function flow(actions: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2019-10-30', StartAction: 'x', Actions: actions, ...extra });
}

describe('analyzeFlowContent references', () => {
  it('lists Lambda (with alias), Lex V2, prompt, queue, module and flow references of the fixture flow', () => {
    const { references } = analyzeFlowContent(fixture);
    expect(references).toEqual([
      { kind: 'lambda', arn: 'arn:aws:lambda:us-east-1:111111111111:function:scv-crm-lookup:PROD', action: 'InvokeLambdaFunction', actionId: 'a2' },
      { kind: 'lex', arn: 'arn:aws:lex:us-east-1:111111111111:bot-alias/BOTID12345/ALIASID123', action: 'ConnectParticipantWithLexBot', actionId: 'a3' },
      {
        kind: 'prompt',
        arn: 'arn:aws:connect:us-east-1:111111111111:instance/11111111-aaaa-4bbb-8ccc-000000000001/prompt/9f0e5a2b-0000-4000-8000-00000000a001',
        action: 'MessageParticipant',
        actionId: 'a4',
      },
      {
        kind: 'queue',
        arn: 'arn:aws:connect:us-east-1:111111111111:instance/11111111-aaaa-4bbb-8ccc-000000000001/queue/7c1d2e3f-0000-4000-8000-00000000b001',
        action: 'UpdateContactTargetQueue',
        actionId: 'a5',
      },
      { kind: 'module', arn: '5d6e7f80-0000-4000-8000-00000000c001', action: 'InvokeFlowModule', actionId: 'a6' },
      { kind: 'lambda', arn: '$.Attributes.lambdaArn', action: 'InvokeLambdaFunction', actionId: 'a7', dynamic: true },
      {
        kind: 'flow',
        arn: 'arn:aws:connect:us-east-1:111111111111:instance/11111111-aaaa-4bbb-8ccc-000000000001/contact-flow/3a4b5c6d-0000-4000-8000-00000000d001',
        action: 'TransferToFlow',
        actionId: 'a9',
      },
    ]);
  });

  it('reads plain queue ids, Lex V1 bots, event-hook flows, and classifies unknown ARNs as other', () => {
    const { references } = analyzeFlowContent(
      flow([
        { Identifier: '1', Type: 'TransferContactToQueue', Parameters: { QueueId: 'q-plain-id' } },
        { Identifier: '2', Type: 'ConnectParticipantWithLexBot', Parameters: { LexBot: { Name: 'OrderBot', Region: 'eu-west-2', Alias: 'live' } } },
        { Identifier: '3', Type: 'UpdateContactEventHooks', Parameters: { EventHooks: { CustomerQueue: 'flow-id-queue-hold' } } },
        { Identifier: '4', Type: 'SomeFutureAction', Parameters: { Target: 'arn:aws:sns:us-east-1:111111111111:alerts', Note: 'plain text' } },
        { Identifier: '5', Type: 'GetParticipantInput', Parameters: { PromptId: '$.Attributes.prompt', StoreInput: 'True' } },
        { Identifier: '6', Type: 'InvokeExternalResource', Parameters: { FunctionArn: '$.Attributes.fn' } },
      ]),
    );
    expect(references).toEqual([
      { kind: 'queue', arn: 'q-plain-id', action: 'TransferContactToQueue', actionId: '1' },
      { kind: 'lex', arn: 'lex-v1/eu-west-2/OrderBot/live', action: 'ConnectParticipantWithLexBot', actionId: '2' },
      { kind: 'flow', arn: 'flow-id-queue-hold', action: 'UpdateContactEventHooks', actionId: '3' },
      { kind: 'other', arn: 'arn:aws:sns:us-east-1:111111111111:alerts', action: 'SomeFutureAction', actionId: '4' },
      { kind: 'prompt', arn: '$.Attributes.prompt', action: 'GetParticipantInput', actionId: '5', dynamic: true },
      { kind: 'lambda', arn: '$.Attributes.fn', action: 'InvokeExternalResource', actionId: '6', dynamic: true },
    ]);
  });

  it('reports a reference once per action type even when repeated', () => {
    const lambda = { Identifier: 'lookup', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:1:function:f' } };
    expect(analyzeFlowContent(flow([lambda, lambda])).references).toHaveLength(1);
  });

  it('classifies ARNs by service and resource path', () => {
    expect(kindOfArn('arn:aws-us-gov:lambda:us-gov-west-1:1:function:f:LIVE')).toBe('lambda');
    expect(kindOfArn('arn:aws:connect:us-east-1:1:instance/i/flow-module/m')).toBe('module');
    expect(kindOfArn('arn:aws:connect:us-east-1:1:instance/i')).toBe('other');
    expect(kindOfArn('not-an-arn')).toBe('other');
  });
});

describe('analyzeFlowContent secrets', () => {
  it('finds the planted access key and the literal API key but never returns their values', () => {
    const result = analyzeFlowContent(fixture);
    expect(result.secrets).toEqual([
      { action: 'UpdateContactAttributes', actionId: 'a1', parameter: 'Attributes.crmApiKey', kind: 'named-secret' },
      { action: 'UpdateContactAttributes', actionId: 'a1', parameter: 'Attributes.awsKey', kind: 'aws-access-key' },
    ]);
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain('AKIAZ7EXAMPLEPLANTED');
    expect(serialized).not.toContain('sk_live_51HxYzPlantedValue');
  });

  it('ignores dynamic values and secret-sounding names that hold no secret', () => {
    const { secrets } = analyzeFlowContent(
      flow([
        {
          Identifier: 'set',
          Type: 'UpdateContactAttributes',
          Parameters: {
            Attributes: {
              password: '$.External.pw',
              tokenType: 'bearer',
              secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:x',
              greeting: 'hello',
              useToken: 'true',
              tokenCount: '3',
            },
          },
        },
      ]),
    );
    expect(secrets).toEqual([]);
  });

  it('reads SSM paths, Secrets Manager and SSM ARNs, {{resolve:...}}, contact attributes and placeholders as references', () => {
    const { secrets } = analyzeFlowContent(
      flow([
        {
          Identifier: 'set-crm',
          Type: 'UpdateContactAttributes',
          Parameters: {
            Attributes: {
              crmApiKey: '/prod/CRM_API_KEY',
              apiToken: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:crm-token-AbCdEf',
              password: 'arn:aws:ssm:us-east-1:111111111111:parameter/prod/crm/password',
              secret: '{{resolve:secretsmanager:crm:SecretString:password}}',
              sessionToken: '$.Attributes.token',
              clientSecret: '<CLIENT_SECRET>',
              accessKey: '${CRM_ACCESS_KEY}',
              authKey: 'YOUR_API_KEY',
              privateKey: 'REPLACE_ME',
              Authorization: 'Bearer {{token}}',
            },
          },
        },
      ]),
    );
    expect(secrets).toEqual([]);
  });

  it('finds a literal Authorization: Basic/Bearer credential, whatever the parameter is called, naming the block', () => {
    const { secrets } = analyzeFlowContent(
      flow([
        {
          Identifier: 'call-crm',
          Type: 'UpdateContactAttributes',
          Parameters: {
            Attributes: {
              header: 'Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==',
              crmAuth: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.signature',
              headers: '{"Authorization": "Bearer abcdef1234567890"}',
              greeting: 'Bearer of good news',
            },
          },
        },
      ]),
    );
    expect(secrets).toEqual([
      { action: 'UpdateContactAttributes', actionId: 'call-crm', parameter: 'Attributes.header', kind: 'authorization-header' },
      { action: 'UpdateContactAttributes', actionId: 'call-crm', parameter: 'Attributes.crmAuth', kind: 'authorization-header' },
      { action: 'UpdateContactAttributes', actionId: 'call-crm', parameter: 'Attributes.headers', kind: 'authorization-header' },
    ]);
  });

  it('finds private key blocks, ASIA keys anywhere in parameters, and keys pasted into Metadata', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    const { secrets } = analyzeFlowContent(
      flow(
        [
          { Identifier: 'fn', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:1:function:f', LambdaInvocationAttributes: { cert: pem } } },
          { Identifier: 'say', Type: 'MessageParticipant', Parameters: { Text: 'use ASIAABCDEFGHIJKLMNOP now' } },
        ],
        { Metadata: { ActionMetadata: { n: { note: 'AKIAABCDEFGHIJKLMNOP', password: 'not-reported-from-metadata' } } } },
      ),
    );
    expect(secrets).toEqual([
      { action: 'InvokeLambdaFunction', actionId: 'fn', parameter: 'LambdaInvocationAttributes.cert', kind: 'private-key' },
      { action: 'MessageParticipant', actionId: 'say', parameter: 'Text', kind: 'aws-access-key' },
      { action: 'Metadata', parameter: 'ActionMetadata.n.note', kind: 'aws-access-key' },
    ]);
  });
});

describe('analyzeFlowContent errors', () => {
  function errorOf(content: string): { code: string; message: string } {
    const err = thrown(() => analyzeFlowContent(content), ScvGuardError);
    return { code: err.code, message: err.message };
  }

  it('throws a clear parse error for invalid JSON', () => {
    const err = errorOf('{"Actions": [');
    expect(err.code).toBe('input-parse');
    expect(err.message).toMatch(/^flow content: invalid JSON: expected "]" at end of input \(at line 1, column 14 of the flow content\)$/);
  });

  it('never quotes the content in the parse error', () => {
    const err = errorOf('AKIAABCDEFGHIJKLMNOP token=hunter2');
    expect(err.code).toBe('input-parse');
    expect(err.message).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(err.message).not.toContain('hunter2');
  });

  it('names the JSON path when the shape is wrong', () => {
    expect(errorOf('[]')).toMatchObject({ code: 'input-schema', message: expect.stringContaining('$:') });
    expect(errorOf('{"Actions": {}}')).toMatchObject({ code: 'input-schema', message: expect.stringContaining('$.Actions') });
    expect(errorOf('{"Actions": [{"Identifier": "a", "Type": "X"}, {"Identifier": "b", "Parameters": {}}]}').message).toContain('$.Actions[1].Type');
    expect(errorOf('{"Actions": [{"Type": "X"}]}').message).toBe('$.Actions[0].Identifier: expected a non-empty string, got nothing');
  });
});
