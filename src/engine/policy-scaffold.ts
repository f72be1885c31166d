/**
 * `scv-guard policy new ID --dir DIR`: a custom rule to start from — `<dir>/<family>/<name>.rego`
 * with its METADATA (id, severity, title, description, remediation, custom.inputs) and a working
 * example check, and `<name>_test.rego` beside it whose tests pass as written.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScvGuardError } from '../errors.js';
import type { Severity } from '../findings/severity.js';
import { RULE_ID_PATTERN } from './catalog.js';

export interface ScaffoldOptions {
  id: string;
  dir: string;
  severity: Severity;
  /** Ids already taken (the built-in catalog and the rules under `dir`). */
  takenIds: ReadonlySet<string>;
}

export interface ScaffoldResult {
  rule: string;
  test: string;
  package: string;
}

/** `ACME-CONNECT-001` → family `acme`, name `connect_001` (package `scv.rules.acme.connect_001`). */
export function packageFor(id: string): { family: string; name: string } {
  const [first, ...rest] = id.toLowerCase().split('-');
  return { family: first!.replace(/[^a-z0-9_]/g, '_'), name: rest.join('_').replace(/[^a-z0-9_]/g, '_') };
}

function ruleText(id: string, severity: Severity, pkg: string): string {
  return `# METADATA
# title: Amazon Connect instance without an Owner tag
# description: |
#   Fires once per Amazon Connect instance that has no Owner tag, so that every instance has a
#   team to call. Replace this example check with your own.
# custom:
#   id: ${id}
#   severity: ${severity}
#   remediation: Tag the instance with Owner set to the team that runs it.
#   inputs: [aws.connectInstances]
#   tags: [custom]
package ${pkg}

import data.scv.lib.estate
import rego.v1

deny contains finding if {
	some entry in estate.instances # every Connect instance, with its account
	not entry.instance.tags.Owner
	finding := {
		"msg": sprintf("Amazon Connect instance %s has no Owner tag: tag it with the team that runs it.", [entry.instance.arn]),
		"resource": estate.instance_ref(entry.instance.arn),
	}
}
`;
}

function testText(pkg: string, testPkg: string): string {
  return `package ${testPkg}

import data.${pkg} as rule
import rego.v1

# A minimal inventory: one AWS account with one Connect instance carrying the given tags.
inv(tags) := {
	"schemaVersion": "1",
	"environments": [],
	"salesforce": {"orgs": []},
	"aws": {"accounts": [{
		"id": "111111111111",
		"environment": "uat",
		"connectInstances": [{
			"id": "i-1",
			"arn": "arn:aws:connect:us-east-1:111111111111:instance/i-1",
			"region": "us-east-1",
			"environment": "uat",
			"tags": tags,
		}],
	}]},
	"collection": {"sources": [], "errors": []},
}

test_untagged_instance_fires if {
	findings := rule.deny with input as inv({})
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:connect:us-east-1:111111111111:instance/i-1"
}

test_tagged_instance_passes if {
	count(rule.deny) == 0 with input as inv({"Owner": "voice-team"})
}
`;
}

export function scaffoldPolicy(opts: ScaffoldOptions): ScaffoldResult {
  if (!RULE_ID_PATTERN.test(opts.id)) {
    throw new ScvGuardError('usage', `rule id ${JSON.stringify(opts.id)} is not an id like ACME-CONNECT-001 (upper-case words joined by dashes)`);
  }
  if (opts.takenIds.has(opts.id)) throw new ScvGuardError('usage', `rule id ${opts.id} is already used by a loaded policy`);
  const { family, name } = packageFor(opts.id);
  const pkg = `scv.rules.${family}.${name}`;
  const folder = join(opts.dir, family);
  const rule = join(folder, `${name}.rego`);
  const test = join(folder, `${name}_test.rego`);
  for (const file of [rule, test]) {
    if (existsSync(file)) throw new ScvGuardError('usage', 'file exists; pick another rule id or remove the file', { file });
  }
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(rule, ruleText(opts.id, opts.severity, pkg), { flag: 'wx' });
    writeFileSync(test, testText(pkg, `scv.test.rules.${family}.${name}`), { flag: 'wx' });
  } catch (e) {
    throw new ScvGuardError('output', `cannot write the rule: ${(e as Error).message}`, { file: folder });
  }
  return { rule, test, package: pkg };
}
