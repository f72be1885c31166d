/**
 * The package as users get it: `npm pack` ships the CLI, the policies, the docs and the inventory
 * JSON Schema and nothing else, and the packed CLI, installed globally (under a temp prefix),
 * scans the demo estate from another folder. Installing from a Git URL builds the CLI on install
 * (`prepare`); that case clones and installs the dev dependencies, so it runs in CI (CI=true, as
 * .ci/run sets it) or with SCV_GUARD_INSTALL_TESTS=1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL_TIMEOUT = 600_000;

interface PackResult {
  filename: string;
  files: { path: string }[];
}

const work = mkdtempSync(join(tmpdir(), 'scv-guard-pack-'));
let pack: PackResult;

beforeAll(() => {
  // dist/ is already built by the test set-up; --ignore-scripts keeps `prepare` from rebuilding it
  // under the feet of the other test files.
  const out = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  pack = (JSON.parse(out) as PackResult[])[0]!;
}, INSTALL_TIMEOUT);

afterAll(() => rmSync(work, { recursive: true, force: true }), INSTALL_TIMEOUT);

/** Scans a copy of the demo inventory in a fresh folder with the given scv-guard command. */
function scanDemo(command: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; sarif: { runs: { results: unknown[] }[] } } {
  const dir = mkdtempSync(join(work, 'scan-'));
  copyFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), join(dir, 'inventory.json'));
  const run = spawnSync(command[0]!, [...command.slice(1), 'scan', '--inventory', 'inventory.json', '--format', 'sarif', '--output-dir', 'out', '--fail-on', 'high', '--quiet'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Error:/);
  return { code: run.status, sarif: JSON.parse(readFileSync(join(dir, 'out', 'scv-guard.sarif'), 'utf8')) };
}

describe('npm pack', () => {
  it('ships bin/, dist/, policies/, docs/ (with the inventory JSON Schema) and the README, nothing else', () => {
    const paths = pack.files.map((f) => f.path);
    const outside = paths.filter((p) => !/^(bin|dist|policies|docs)\//.test(p) && !['README.md', 'package.json', 'LICENSE'].includes(p));
    expect(outside).toEqual([]);
    for (const required of [
      'bin/scv-guard.js',
      'dist/cli/main.js',
      'policies/lib/estate.rego',
      'docs/config.md',
      'docs/custom-rules.md',
      'docs/inventory.md',
      'docs/inventory-v1.schema.json',
      'docs/rules.md',
    ]) {
      expect(paths).toContain(required);
    }
    expect(paths.some((p) => p.startsWith('dist/') && p.endsWith('.test.js'))).toBe(false);
  });

  it('installs globally from the tarball and the installed scv-guard scans the demo from another folder', () => {
    const prefix = join(work, 'global');
    execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(work, pack.filename)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: INSTALL_TIMEOUT,
    });
    const { code, sarif } = scanDemo([join(prefix, 'bin', 'scv-guard')]);
    expect(code).toBe(1);
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  }, INSTALL_TIMEOUT);
});

const installTests = process.env['CI'] === 'true' || process.env['SCV_GUARD_INSTALL_TESTS'] === '1';

describe.skipIf(!installTests)('npm install git+file://', () => {
  it('builds the CLI on install (prepare) and `npx scv-guard` scans the demo', () => {
    const project = mkdtempSync(join(work, 'git-install-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', `git+file://${ROOT}#${commit}`], {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: INSTALL_TIMEOUT,
    });
    const { code, sarif } = scanDemo([join(project, 'node_modules', '.bin', 'scv-guard')]);
    expect(code).toBe(1);
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  }, INSTALL_TIMEOUT);
});
