/**
 * A flow file read with `--flows` whose known fields have the wrong type — flow-language export,
 * older console export or describe-contact-flow output — is an error naming the file, the line
 * and the JSON path, never a flow read as if the field were absent. Through the CLI too: exit 2.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFlowDirectory } from '../../../src/collect/files/flows/index.js';
import { ScvGuardError } from '../../../src/errors.js';
import { thrown } from '../../support/thrown.js';
import { runCli } from '../../cli/run-cli.js';

const OPTS = { generatedAt: '2026-11-20T09:12:44Z', environment: 'uat', region: 'us-east-1' };

const action = (fields: Record<string, unknown>) => ({ Identifier: 'a1', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {}, ...fields });
const flowLanguage = (fields: Record<string, unknown>) => ({ Version: '2019-10-30', StartAction: 'a1', Metadata: { name: 'Inbound' }, Actions: [action({})], ...fields });
const older = (fields: Record<string, unknown>) => ({
  modules: [{ id: 'm1', type: 'Disconnect', branches: [], parameters: [{ name: 'Text', value: 'bye' }] }],
  version: '1',
  type: 'contactFlow',
  start: 'm1',
  metadata: { name: 'Old' },
  ...fields,
});

/** Pretty-printed as the console writes it: the line of each path is the line of its key. */
const CASES: { name: string; doc: unknown; path: string; line: number; message: string }[] = [
  { name: 'Actions that are not a list', doc: flowLanguage({ Actions: 'a1' }), path: '$.Actions', line: 7, message: 'expected an array of flow actions' },
  { name: 'an action without Identifier', doc: flowLanguage({ Actions: [action({}), { Type: 'DisconnectParticipant' }] }), path: '$.Actions[1].Identifier', line: 14, message: 'expected a non-empty string, got nothing' },
  { name: 'an action without Type', doc: flowLanguage({ Actions: [{ Identifier: 'a1' }] }), path: '$.Actions[0].Type', line: 8, message: 'expected an action object with a string Type' },
  { name: 'action Transitions that are a list', doc: flowLanguage({ Actions: [action({ Transitions: ['a2'] })] }), path: '$.Actions[0].Transitions', line: 12, message: 'expected an object, got a list' },
  { name: 'Metadata that is a string', doc: flowLanguage({ Metadata: 'Inbound' }), path: '$.Metadata', line: 4, message: 'expected an object, got a string' },
  { name: 'a flow name that is a number', doc: flowLanguage({ Metadata: { name: 7 } }), path: '$.Metadata.name', line: 5, message: 'expected a string, got a number' },
  { name: 'modules that are not a list', doc: older({ modules: { m1: {} } }), path: '$.modules', line: 2, message: 'expected a list of modules' },
  { name: 'module branches that are a string', doc: older({ modules: [{ id: 'm1', type: 'Disconnect', branches: 'none', parameters: [] }] }), path: '$.modules[0].branches', line: 6, message: 'expected a list of objects, got a string' },
  { name: 'a parameter namespace that is a number', doc: older({ modules: [{ id: 'm1', type: 'Disconnect', parameters: [{ name: 'Text', value: 'x', namespace: 1 }] }] }), path: '$.modules[0].parameters[0].namespace', line: 10, message: 'expected a string, got a number' },
];

function folderWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scv-flow-shapes-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('flow files of the wrong shape', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const dir = folderWith('flow.json', JSON.stringify(c.doc, null, 2));
    const err = thrown(() => readFlowDirectory(dir, OPTS), ScvGuardError);
    expect(err.code).toBe('input-schema');
    expect(err.message).toBe(`${join(dir, 'flow.json')}:${c.line}: ${c.path}: ${c.message}`);
  });

  it('describe-contact-flow output whose Name is not a string names its path and line', () => {
    const text = JSON.stringify({ ContactFlow: { Arn: 'arn:aws:connect:us-east-1:222222222222:instance/i/contact-flow/f', Name: ['Inbound'], Content: JSON.stringify(flowLanguage({})) } }, null, 2);
    const dir = folderWith('described.json', text);
    const err = thrown(() => readFlowDirectory(dir, OPTS), ScvGuardError);
    expect(err.location).toMatchObject({ file: join(dir, 'described.json'), line: 4, path: '$.ContactFlow.Name' });
    expect(err.message).toContain('expected a string, got a list');
  });

  it('well-formed files of all three kinds still read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-flow-shapes-'));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(flowLanguage({}), null, 2));
    writeFileSync(join(dir, 'old.json'), JSON.stringify(older({}), null, 2));
    writeFileSync(join(dir, 'described.json'), JSON.stringify({ ContactFlow: { Name: 'Described', Content: JSON.stringify(flowLanguage({})) } }));
    const parsed = readFlowDirectory(dir, OPTS);
    expect(parsed.inventory.aws.accounts.flatMap((a) => a.connectInstances.flatMap((i) => i.flows.map((f) => f.name))).sort()).toEqual(['Described', 'Inbound', 'Old']);
  });
});

describe('through the CLI', () => {
  it('a malformed flow file and a wrong-typed template property exit 2 with one located line each', () => {
    const root = mkdtempSync(join(tmpdir(), 'scv-shapes-cli-'));
    const flows = join(root, 'flows');
    mkdirSync(flows);
    writeFileSync(join(flows, 'inbound.json'), JSON.stringify(flowLanguage({ Actions: [{ Type: 'DisconnectParticipant' }] }), null, 2));
    const flowRun = runCli(['scan', '--flows', flows, '--environment', 'uat', '--format', 'json', '--output-dir', join(root, 'out1')]);
    expect(flowRun.code).toBe(2);
    expect(flowRun.stderr.trim()).toBe(`scv-guard: error: ${join(flows, 'inbound.json')}:8: $.Actions[0].Identifier: expected a non-empty string, got nothing`);

    const template = join(root, 'stack.yaml');
    writeFileSync(template, 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: 42\n');
    const templateRun = runCli(['scan', '--plan', template, '--format', 'json', '--output-dir', join(root, 'out2')]);
    expect(templateRun.code).toBe(2);
    expect(templateRun.stderr.trim()).toBe(
      `scv-guard: error: ${template}:5: $.Resources.Role.Properties.AssumeRolePolicyDocument: resource Role (AWS::IAM::Role): expected a policy document (an object or a JSON string), got number 42`,
    );
  }, 120_000);
});
