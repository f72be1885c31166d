import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowExportParser, readFlowDirectory } from '../../../src/collect/files/flows/index.js';
import { validateInventory } from '../../../src/inventory/validate.js';
import { ScvGuardError } from '../../../src/errors.js';

const DIR = 'fixtures/flows/uat';
const OPTS = { generatedAt: '2026-11-20T09:12:44Z', environment: 'uat', region: 'us-east-1' };

describe('flow export parser', () => {
  const parsed = readFlowDirectory(DIR, OPTS);
  const instances = parsed.inventory.aws.accounts.flatMap((a) => a.connectInstances);

  it('reads console exports and describe-contact-flow output into a valid inventory', () => {
    expect(() => validateInventory(parsed.inventory, DIR)).not.toThrow();
    expect(instances.flatMap((i) => i.flows.map((f) => f.name))).toEqual(['Inbound main', 'Queue transfer']);
  });

  it('finds the access key by location and kind, never keeping its value', () => {
    const flow = instances[0]!.flows[0]!;
    const text = readFileSync(join(DIR, 'inbound-main.json'), 'utf8');
    const doc = JSON.parse(text) as { Actions: { Type: string; Parameters?: { Attributes?: Record<string, string> } }[] };
    const index = doc.Actions.findIndex((a) => a.Parameters?.Attributes?.exportUser !== undefined);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"exportUser"'));
    // The secret points at its action: the object that holds it, found above its line.
    const actionLine = lines.slice(0, line).map((l, i) => [l, i] as const).filter(([l]) => /^\s*\{\s*$/.test(l)).pop()![1];
    expect(index).toBeGreaterThanOrEqual(0);
    expect(flow.secrets).toContainEqual({
      action: 'UpdateContactAttributes',
      actionId: expect.any(String),
      parameter: 'Attributes.exportUser',
      kind: 'aws-access-key',
      origin: { file: join(DIR, 'inbound-main.json'), line: actionLine + 1, column: lines[actionLine]!.indexOf('{') + 1 },
    });
    expect(JSON.stringify(parsed.inventory)).not.toContain('AKIAZ7QX3N4P5L6M7K8J');
    expect(JSON.stringify(parsed.inventory)).not.toContain('wJalrXUtnFEMI');
    expect(flow.origin).toEqual({ file: join(DIR, 'inbound-main.json'), line: 1, column: 1 });
  });

  it('puts flows without an ARN in the environment placeholder instance, others in their instance', () => {
    const [placeholder, known] = instances;
    expect(placeholder!.id).toBe('flow-export-uat');
    expect(placeholder!.environment).toBe('uat');
    expect(placeholder!.origin).toBeUndefined();
    expect(known!.id).toBe('5b2c8d4e-7f10-4a3b-9c6d-2e8f1a0b3c4d');
    expect(known!.flows[0]!.type).toBe('QUEUE_TRANSFER');
    expect(parsed.attachments.instances).toEqual([known!.arn]);
    // the one account the files name is where the placeholder goes too
    expect(parsed.inventory.aws.accounts.map((a) => a.id)).toEqual(['222222222222']);
  });

  it('locates describe-contact-flow output at its ContactFlow object, by column when written on one line', () => {
    const file = join(DIR, 'queue-transfer.describe.json');
    const text = readFileSync(file, 'utf8');
    const pretty = flowExportParser.parse(file, text, OPTS).inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!;
    const line = text.split('\n').findIndex((l) => l.includes('"ContactFlow":'));
    expect(pretty.origin).toEqual({ file, line: line + 1, column: text.split('\n')[line]!.indexOf('{') + 1 });
    const oneLine = `  ${JSON.stringify(JSON.parse(text))}`;
    const minified = flowExportParser.parse(file, oneLine, OPTS).inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!;
    expect(minified.origin).toEqual({ file, line: 1, column: oneLine.indexOf('{"Arn"') + 1 });
  });

  it('recognises flow files and rejects other JSON with the file', () => {
    expect(flowExportParser.canParse('f.json', '{"Actions": []}')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'scv-flows-'));
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}\n');
    expect(() => readFlowDirectory(dir, OPTS)).toThrow(ScvGuardError);
    expect(() => readFlowDirectory(dir, OPTS)).toThrow(/x\.json/);
    expect(() => readFlowDirectory(join(dir, 'missing'), OPTS)).toThrow(/missing/);
    const empty = mkdtempSync(join(tmpdir(), 'scv-flows-'));
    expect(() => readFlowDirectory(empty, OPTS)).toThrow(/no flow files \(\*\.json, or JSON files without an extension\)/);
  });
});
