/**
 * Follows docs/custom-rules.md's walkthrough as written: every `npx scv-guard` command of its sh
 * blocks runs (in order, in a fresh folder), every rego block is written to the file the text
 * names just before it, and the rule then appears in SARIF with its severity.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

interface Step {
  kind: 'sh' | 'rego';
  text: string;
  /** For rego blocks: the last `path.rego` named in the prose before the block. */
  file?: string;
}

function walkthroughSteps(): Step[] {
  const page = readFileSync(join(ROOT, 'docs', 'custom-rules.md'), 'utf8');
  const start = page.indexOf('## Walkthrough');
  const section = page.slice(start, page.indexOf('\n## ', start + 1));
  const steps: Step[] = [];
  const block = /```(sh|rego)\n([\s\S]*?)```/g;
  let last = 0;
  for (let m = block.exec(section); m; m = block.exec(section)) {
    const prose = section.slice(last, m.index);
    const named = [...prose.matchAll(/`([\w./-]+\.rego)`/g)].pop()?.[1];
    steps.push({ kind: m[1] as Step['kind'], text: m[2]!, ...(named ? { file: named } : {}) });
    last = m.index + m[0].length;
  }
  return steps;
}

/** Splits a shell line into words: whitespace-separated, single quotes group (no expansion). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2]!);
  return words;
}

const work = mkdtempSync(join(tmpdir(), 'scv-guard-walkthrough-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('docs/custom-rules.md walkthrough', () => {
  it('takes a custom rule from an empty folder into SARIF with its severity', () => {
    const steps = walkthroughSteps();
    expect(steps.filter((s) => s.kind === 'rego').map((s) => s.file)).toEqual([
      'policies-custom/acme/connect_001.rego',
      'policies-custom/acme/connect_001_test.rego',
    ]);
    let cwd = work;
    const commands: string[][] = [];
    for (const step of steps) {
      if (step.kind === 'rego') {
        writeFileSync(join(cwd, step.file!), step.text);
        continue;
      }
      for (const line of step.text.split('\n').filter((l) => l.trim() !== '')) {
        const words = shellWords(line);
        if (words[0] === 'mkdir') {
          // mkdir DIR && cd DIR: a fresh, empty folder
          cwd = mkdtempSync(join(work, `${words[1]}-`));
        } else if (words[0] === 'cp') {
          copyFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), join(cwd, words[2]!));
        } else {
          expect(words.slice(0, 2), line).toEqual(['npx', 'scv-guard']);
          const run = runCli(words.slice(2), { cwd });
          expect(run.stderr, line).not.toMatch(/error/);
          expect(run.code, `${line}\n${run.stdout}${run.stderr}`).toBe(0);
          commands.push(words.slice(2));
          if (words[2] === 'policy' && words[3] === 'test') expect(run.stdout).toMatch(/PASS: (\d+)\/\1/);
          if (words[2] === 'rego') expect(run.stdout).not.toBe('');
        }
      }
    }
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['policy new', 'policy test', 'rego eval', 'policy show', 'scan --inventory']),
    );

    const sarif = JSON.parse(readFileSync(join(cwd, 'reports', 'scv-guard.sarif'), 'utf8'));
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'ACME-CONNECT-001');
    expect(rule).toBeDefined();
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties['security-severity']).toBe('8.0');
    expect(rule.helpUri).toBeUndefined();
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'ACME-CONNECT-001');
    // The demo's dev instance runs without Contact Lens; the others have it on.
    expect(results.map((r: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName)).toEqual([
      'arn:aws:connect:us-east-1:222222222222:instance/a1b2c3d4-0003-4e5f-8a9b-dev000000003',
    ]);
    expect(results[0].level).toBe('error');
  }, 300_000); // eight CLI runs in sequence
});
