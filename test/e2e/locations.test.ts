/**
 * Locations GitHub can show: every SARIF result points at a file under the scan's root, with a
 * URI relative to it — the planned change that introduced a finding, the config entry of the
 * account it belongs to, else an input file — never at a `../`, absolute or `node_modules` path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, runCli } from './cli.js';
import { validateSarif } from '../support/sarif-multitool.js';

const LIVE = 'fixtures/demo/inventory.json';
const PLAN = 'fixtures/plans/dev-recordings-to-uat-bucket.plan.json';
const UAT_BUCKET = 'arn:aws:s3:::acme-scv-uat-recordings';

interface SarifLocation {
  physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn?: number } };
  logicalLocations?: { fullyQualifiedName: string }[];
}
interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: (SarifLocation & { message?: { text: string } })[];
}
const results = (dir: string): SarifResult[] =>
  (JSON.parse(readFileSync(join(dir, 'scv-guard.sarif'), 'utf8')) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;

/** Every artifact URI of a SARIF log. */
function uris(dir: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'artifactLocation' && x && typeof x === 'object' && 'uri' in x) out.push((x as { uri: string }).uri);
        else walk(x);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(dir, 'scv-guard.sarif'), 'utf8')).runs[0].results);
  return out;
}

function expectUrisUnderRoot(dir: string): void {
  for (const uri of uris(dir)) {
    expect(uri).not.toMatch(/^(\.\.\/|\/|[a-z]+:)/i);
    expect(uri.split('/')).not.toContain('node_modules');
    expect(uri.split('/')).not.toContain('..');
  }
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-e2e-locations-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.concurrent('SARIF locations', () => {
  it('a plan that points the dev instance at the uat bucket: SCV-ENV-002 is located at the storage config entry of the plan', async () => {
    const out = join(work, 'env-002');
    const r = await runCli(['scan', '--inventory', LIVE, '--plan', PLAN, '--output-dir', out, '--format', 'sarif,json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    const shared = results(out).filter((x) => x.ruleId === 'SCV-ENV-002' && x.locations[0]!.logicalLocations![0]!.fullyQualifiedName === UAT_BUCKET);
    expect(shared).toHaveLength(1);
    const lines = readFileSync(resolve(ROOT, PLAN), 'utf8').split('\n');
    const changes = lines.findIndex((l) => l.includes('"resource_changes"'));
    const entry = lines.findIndex((l, i) => i > changes && l.includes('"address": "aws_connect_instance_storage_config.dev_recordings"'));
    expect(shared[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: PLAN, uriBaseId: 'SRCROOT' },
      region: { startLine: entry, startColumn: lines[entry - 1]!.indexOf('{') + 1 }, // the `{` opening the entry
    });
    expectUrisUnderRoot(out);
    // the JSON report has the same place, relative to the root
    const json = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; resource: { id: string }; location?: { file: string; line: number } }[] };
    expect(json.findings.find((f) => f.ruleId === 'SCV-ENV-002' && f.resource.id === UAT_BUCKET)!.location).toMatchObject({ file: PLAN, line: entry });
  });

  it('a live finding points at the config entry of its account; a plan outside the root is never a ../ URI', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const gate = join(work, 'gate');
    mkdirSync(gate, { recursive: true });
    cpSync(resolve(ROOT, PLAN), join(gate, 'plan.json'));
    cpSync(resolve(ROOT, LIVE), join(repo, 'inventory.json'));
    writeFileSync(
      join(repo, 'scv-guard.yaml'),
      'environments:\n  - { name: prod, tier: production }\n  - { name: uat, tier: non-production }\n  - { name: dev, tier: non-production }\naws:\n  regions: [us-east-1]\n  accounts:\n    - id: "111111111111"\n      environment: prod\n',
    );
    const out = join(repo, 'reports');
    const r = await runCli(['scan', '--config', 'scv-guard.yaml', '--inventory', 'inventory.json', '--plan', join(gate, 'plan.json'), '--output-dir', out, '--format', 'sarif', '--fail-on', 'none'], { cwd: repo });
    expect(r.stderr).toBe('');
    expectUrisUnderRoot(out);
    const all = results(out);
    expect(all.every((x) => x.locations[0]!.physicalLocation !== undefined)).toBe(true);
    const at = (ruleId: string, resource: string) =>
      all.find((x) => x.ruleId === ruleId && x.locations[0]!.logicalLocations![0]!.fullyQualifiedName === resource)!.locations[0]!.physicalLocation;
    // the prod bucket belongs to account 111111111111 of the config: shown at its entry (line 8: `- id: ...`)
    expect(at('SCV-ENV-002', 'arn:aws:s3:::acme-scv-prod-recordings')).toEqual({ artifactLocation: { uri: 'scv-guard.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 8, startColumn: 7 } });
    // the uat bucket's account is not in the config and the plan that shares it lies outside the
    // root: shown at the bucket's entry in the inventory file
    const lines = readFileSync(join(repo, 'inventory.json'), 'utf8').split('\n');
    const bucketLine = lines.findIndex((l) => l.includes('"arn": "arn:aws:s3:::acme-scv-uat-recordings"'));
    expect(at('SCV-ENV-002', UAT_BUCKET)!.artifactLocation.uri).toBe('inventory.json');
    expect(at('SCV-ENV-002', UAT_BUCKET)!.region.startLine).toBeLessThanOrEqual(bucketLine);
    expect(at('SCV-ENV-002', UAT_BUCKET)!.region.startLine).toBeGreaterThan(bucketLine - 3);
    const report = await validateSarif(join(out, 'scv-guard.sarif'));
    expect(report.errors).toEqual([]);
  });

  it('from a packaged install, run in a Git repository: every URI is under the root and the Multitool finds no error', async () => {
    const pkgDir = join(work, 'pkg');
    mkdirSync(pkgDir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', pkgDir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    // An install elsewhere: the package unpacked into node_modules/scv-guard of a folder outside
    // the repository, its dependencies beside it (from this checkout: no registry needed).
    const install = join(work, 'install');
    const modules = join(install, 'node_modules');
    mkdirSync(join(modules, 'scv-guard'), { recursive: true });
    execFileSync('tar', ['xzf', join(pkgDir, tarball), '-C', join(modules, 'scv-guard'), '--strip-components', '1']);
    for (const dep of readdirSync(join(ROOT, 'node_modules'))) {
      if (dep !== '.bin' && dep !== 'scv-guard') symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
    }
    const repo = join(work, 'user-repo');
    mkdirSync(join(repo, 'infra'), { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    cpSync(resolve(ROOT, LIVE), join(repo, 'infra', 'inventory.json'));
    cpSync(resolve(ROOT, 'fixtures/flows/uat'), join(repo, 'flows'), { recursive: true });
    const out = join(repo, 'reports');
    const bin = join(modules, 'scv-guard', 'bin', 'scv-guard.js');
    // run from a folder below the repository's top level: the root is still the top level
    const r = await runCliWith(bin, ['scan', '--inventory', 'inventory.json', '--flows', '../flows', '--environment', 'uat', '--output-dir', out, '--format', 'sarif,json', '--fail-on', 'none'], join(repo, 'infra'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectUrisUnderRoot(out);
    const text = readFileSync(join(out, 'scv-guard.sarif'), 'utf8');
    expect(text).not.toContain('node_modules');
    expect(results(out).length).toBeGreaterThan(0);
    expect(results(out).every((x) => x.locations[0]!.physicalLocation !== undefined)).toBe(true);
    const report = await validateSarif(join(out, 'scv-guard.sarif'));
    expect(report.errors).toEqual([]);
    const json = readFileSync(join(out, 'scv-guard.json'), 'utf8');
    expect(json).not.toContain('000000000000');
  });
});

/** Runs an installed scv-guard the way its bin is run. */
async function runCliWith(bin: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { execFile } = await import('node:child_process');
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}
