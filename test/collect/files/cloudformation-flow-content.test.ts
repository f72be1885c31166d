/**
 * Template contact flows whose Content is an Fn::Sub with values not known before deploy
 * (fixtures/cloudformation/flow-content-sub.yaml, written as Salesforce's SCV stacks write theirs):
 * read as far as known, a value not known read as a run-time value, content that is no flow
 * recorded as not known with a notice — never an input error, never a flow dropped.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cloudFormationParser } from '../../../src/collect/files/cloudformation/index.js';
import { NOT_KNOWN_MARK, NOT_KNOWN_VALUE, readPartialFlowContent } from '../../../src/collect/files/cloudformation/resources/flow-content.js';
import type { ParseOptions } from '../../../src/collect/files/types.js';
import type { ContactFlow } from '../../../src/inventory/types.js';
import { validateInventory } from '../../../src/inventory/validate.js';

const FILE = 'fixtures/cloudformation/flow-content-sub.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const OPTS: ParseOptions = { generatedAt: '2026-11-20T09:12:44Z' };
const lineOf = (pattern: RegExp): number => TEXT.split('\n').findIndex((l) => pattern.test(l)) + 1;

function read(opts: ParseOptions = OPTS): { flows: Map<string, ContactFlow>; notices: string[] } {
  const parsed = cloudFormationParser.parse(FILE, TEXT, opts);
  validateInventory(parsed.inventory, FILE);
  const flows = parsed.inventory.aws.accounts.flatMap((a) => a.connectInstances.flatMap((i) => i.flows));
  return { flows: new Map(flows.map((f) => [f.origin!.declaredAs!, f])), notices: parsed.notices ?? [] };
}

describe('template flow content in an Fn::Sub with values not known before deploy', () => {
  it('records every flow of the template, each at its logical id', () => {
    const { flows } = read();
    expect([...flows.keys()].sort()).toEqual(['ImportedFlow', 'InboundFlow', 'TemplatedFlow', 'TransferModule']);
    expect(flows.get('InboundFlow')!.origin!.line).toBe(lineOf(/^ {2}InboundFlow:/));
  });

  it('string form: substitutes what is known; a string with a value not known is a run-time (dynamic) value; a number not known is null', () => {
    const inbound = read().flows.get('InboundFlow')!;
    expect(inbound.references).toEqual([
      { kind: 'lambda', arn: NOT_KNOWN_VALUE, action: 'InvokeLambdaFunction', actionId: 'invoke-telephony', dynamic: true },
      { kind: 'queue', arn: NOT_KNOWN_VALUE, action: 'UpdateContactTargetQueue', actionId: 'to-queue', dynamic: true },
      { kind: 'lambda', arn: 'arn:aws:lambda:us-west-2:111111111111:function:scv-fixed-lookup:PROD', action: 'InvokeLambdaFunction', actionId: 'fixed-lookup' },
    ]);
    // `apiToken: "${CallCenterApiName}-token"` is not known before deploy: no literal credential.
    expect(inbound.secrets).toEqual([]);
  });

  it('[string, map] form: an Fn::ImportValue and a parameter without value are not known', () => {
    const module = read().flows.get('TransferModule')!;
    expect(module.type).toBe('MODULE');
    expect(module.references.map((r) => [r.actionId, r.arn, r.dynamic])).toEqual([['t1', NOT_KNOWN_VALUE, true], ['t2', NOT_KNOWN_VALUE, true]]);
  });

  it('with the values given (--parameters), the same content is read in full', () => {
    const { flows } = read({ ...OPTS, region: 'us-west-2', accountId: '111111111111', parameters: new Map([['ConnectInstanceId', 'i-1'], ['CallCenterApiName', 'acmecc'], ['TimeoutSeconds', '8']]) });
    expect(flows.get('InboundFlow')!.references.find((r) => r.actionId === 'to-queue')).toEqual({
      kind: 'queue', arn: 'arn:aws:connect:us-west-2:111111111111:instance/i-1/queue/1f0e5b2c-0000-4000-8000-000000000001', action: 'UpdateContactTargetQueue', actionId: 'to-queue',
    });
    expect(flows.get('TransferModule')!.references.find((r) => r.actionId === 't2')!.arn).toBe('arn:aws:lambda:us-west-2:111111111111:function:acmecc-transfer');
    // The secret-named attribute now holds a literal.
    expect(flows.get('InboundFlow')!.secrets.map((s) => s.parameter)).toEqual(['Attributes.apiToken']);
  });

  it('content not known at all, or no flow once read, is recorded as not known with a notice naming the flow', () => {
    const { flows, notices } = read();
    expect(flows.get('ImportedFlow')!.references).toEqual([]);
    expect(flows.get('TemplatedFlow')!.references).toEqual([]);
    expect(notices).toEqual([
      `${FILE}:${lineOf(/^ {2}ImportedFlow:/)}: contact flow ImportedFlow: its Content is not known before deploy: its references and credentials are not checked`,
      `${FILE}:${lineOf(/^ {2}TemplatedFlow:/)}: contact flow TemplatedFlow: its Content is read as not known: with the values not known before deploy it is not a contact flow ($.Actions[0].Type: expected an action object with a string Type); its references and credentials are not checked`,
    ]);
  });

  it('reads the mark inside strings, keys and outside strings; text that is not JSON is not known', () => {
    const doc = `{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"UpdateContactAttributes","Parameters":{"Attributes":{"k${NOT_KNOWN_MARK}":"\\"${NOT_KNOWN_MARK}\\"","n":${NOT_KNOWN_MARK}}},"Transitions":{}}]}`;
    const reading = readPartialFlowContent(doc);
    expect(reading).toMatchObject({ partial: true });
    expect(JSON.parse((reading as { content: string }).content).Actions[0].Parameters.Attributes).toEqual({ kNotKnownBeforeDeploy: NOT_KNOWN_VALUE, n: null });
    expect(readPartialFlowContent(`{"Actions": [${NOT_KNOWN_MARK}`)).toEqual({ content: null, problem: 'with the values not known before deploy it is not JSON' });
    expect(readPartialFlowContent('{"Version":"2019-10-30"}')).toEqual({ content: '{"Version":"2019-10-30"}', partial: false });
  });
});
