/** Meta-tests of the built-in rule catalog: METADATA, ids, test files, generated docs. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src/engine/builtin.js';
import { readPolicyFiles } from '../../src/engine/policy-files.js';
import { SETTING_DESCRIPTIONS, settingDefaults } from '../../src/engine/policy-doc.js';
import { generateRulesDoc } from '../../src/cli/commands/policy.js';
import { knownSections } from '../../src/inventory/sections.js';
import { POLICIES, ROOT, RULES_MD, ruleFiles } from './helpers.js';

const { policy, catalog } = loadPolicies([]);

describe('built-in rule catalog', () => {
  it('has one catalog entry per rule file, each in its own package named after the file', () => {
    const files = ruleFiles();
    expect(catalog.map((r) => r.location.file).map((f) => join(ROOT, f)).sort()).toEqual(files);
    for (const rule of catalog) {
      const file = join(ROOT, rule.location.file);
      const family = basename(dirname(file));
      const name = basename(file, '.rego');
      expect(rule.package).toBe(`scv.rules.${family}.${name}`);
    }
  });

  it('gives every rule the required METADATA: title, description, related resources, id, severity, remediation, tags', () => {
    for (const rule of catalog) {
      expect(rule.title.length, rule.id).toBeGreaterThan(5);
      expect(rule.description.length, rule.id).toBeGreaterThan(40);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(20);
      expect(rule.tags.length, rule.id).toBeGreaterThan(0);
      expect(rule.relatedResources.length, rule.id).toBeGreaterThan(0);
      for (const r of rule.relatedResources) expect(r.ref, rule.id).toMatch(/^https:\/\//);
      expect(rule.id).toMatch(/^SCV-[A-Z]+-\d{3}$/);
    }
  });

  it('declares for every rule the inventory sections it reads (custom.inputs), each a real schema path', () => {
    const sections = knownSections();
    for (const rule of catalog) {
      expect(rule.inputs, `${rule.id} lacks custom.inputs`).toBeDefined();
      expect(rule.inputs!.length, rule.id).toBeGreaterThan(0);
      for (const input of rule.inputs!) expect(sections.has(input), `${rule.id}: ${input}`).toBe(true);
    }
    // the names are schema paths with array levels left out
    expect(sections.has('aws.connectInstances.flows')).toBe(true);
    expect(sections.has('salesforce.contactCenters')).toBe(true);
    expect(sections.has('aws.accounts.connectInstances')).toBe(false);
  });

  it('uses unique ids', () => {
    const ids = catalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.skipIf(!existsSync(RULES_MD))('implements exactly the rules of RULES.md, with their severities', () => {
    const md = readFileSync(RULES_MD, 'utf8');
    // A row marked `(planned)` is the contract of a rule not built yet: once built, it is held to
    // its severity like any other row; until then it may be missing from the catalog.
    const rows = [...md.matchAll(/^\| (SCV-[A-Z]+-\d{3}) \| (critical|high|medium|low|info)( \(planned\))? \|/gm)].map((m) => ({
      id: m[1]!,
      severity: m[2]!,
      planned: m[3] !== undefined,
    }));
    expect(rows.filter((r) => !r.planned).length).toBeGreaterThan(20);
    const built = new Set(catalog.map((r) => r.id));
    const expected = rows.filter((r) => !r.planned || built.has(r.id)).map((r) => [r.id, r.severity]);
    const fromCatalog = catalog.map((r) => [r.id, r.severity]);
    expect(fromCatalog.sort()).toEqual(expected.sort());
  });

  it('has a test file beside every rule and every helper', () => {
    for (const rule of catalog) {
      const testFile = join(ROOT, rule.location.file).replace(/\.rego$/, '_test.rego');
      expect(existsSync(testFile), `${relative(ROOT, testFile)} is missing`).toBe(true);
    }
    for (const helper of ['arn', 'config', 'env', 'estate', 'evidence', 'iam', 'times']) {
      expect(existsSync(join(POLICIES, 'lib', `${helper}_test.rego`)), helper).toBe(true);
    }
  });

  it('keeps test packages out of data.scv.rules (a Wasm bundle built with -e scv/rules holds no tests)', () => {
    for (const f of readPolicyFiles([POLICIES]).filter((p) => p.isTest)) {
      const pkg = /^package\s+(\S+)/m.exec(f.text)?.[1];
      expect(pkg, f.file).toMatch(/^scv\.test\./);
    }
  });

  it('points every rule location at its METADATA line', () => {
    for (const rule of catalog) {
      const lines = readFileSync(join(ROOT, rule.location.file), 'utf8').split('\n');
      expect(lines[rule.location.line - 1]?.trim(), rule.id).toBe('# METADATA');
    }
  });

  it('documents every setting default', () => {
    const defaults = settingDefaults(policy);
    expect(Object.keys(defaults).sort()).toEqual(Object.keys(SETTING_DESCRIPTIONS).sort());
    expect(defaults['environmentTagKey']).toBe('Environment');
    expect(defaults['nonProductionPhoneNumberAllowance']).toBe(1);
  });

  it('keeps docs/rules.md current (regenerate with `scv-guard policy doc -o docs/rules.md`)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(generateRulesDoc());
  });
});
