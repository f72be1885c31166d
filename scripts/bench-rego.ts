/**
 * Rego engine benchmark: the lean estates of scripts/lib/estate-generator.ts at 1x / 10x / 100x
 * (100x = 1,000 Salesforce orgs and 1,000 AWS accounts), evaluated with a join-heavy policy set,
 * plus the built-in catalog when present.
 * Each size runs in its own process so peak memory is per size. Usage: npm run bench:rego [-- 1 10 100]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/rego/index.js';
import { fromJSON, RegoSet, RegoObject } from '../src/rego/value.js';
import { generateEstate } from './lib/estate-generator.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const JOIN_POLICY = `package bench.joins
import rego.v1

# Orgs grouped by AWS account (comprehension keyed by an outer variable: indexed).
orgs_by_account[acct.id] := [o.id | some o in input.salesforce.orgs; o.awsAccountKey == acct.id] if {
  some acct in input.aws.accounts
}

# Accounts linked to more than one org.
multi_org contains acct.id if {
  some acct in input.aws.accounts
  count([o | some o in input.salesforce.orgs; o.awsAccountKey == acct.id]) > 1
}

# Buckets written by instances in different environments.
bucket_envs[b] := envs if {
  some acct in input.aws.accounts
  some inst in acct.connectInstances
  some st in inst.storage
  b := st.s3.bucket
  envs := {i.environment | some a2 in input.aws.accounts; some i in a2.connectInstances; some s2 in i.storage; s2.s3.bucket == b}
}

shared_buckets contains b if {
  some b, envs in bucket_envs
  count(envs) > 1
}

# Orgs pointing at accounts that are not in the inventory (set lookup by key).
known_accounts := {a.id | some a in input.aws.accounts}

dangling contains o.id if {
  some o in input.salesforce.orgs
  o.awsAccountKey != null
  not known_accounts[o.awsAccountKey]
}

# Contact centers whose Connect instance is missing (object lookup by key).
instance_account := {i.id: a.id | some a in input.aws.accounts; some i in a.connectInstances}

missing_instances contains cc.id if {
  some o in input.salesforce.orgs
  some cc in o.contactCenters
  not instance_account[cc.connect.instanceId]
}

# A nested join written naively (planned as a hash join: linear, not orgs x accounts).
org_account_pairs contains [o.id, acct.id] if {
  some o in input.salesforce.orgs
  some acct in input.aws.accounts
  acct.id == o.awsAccountKey
}

# Production orgs sharing an account with a sandbox (rule referenced once per org: cached).
mixed_tiers contains o.id if {
  some o in input.salesforce.orgs
  o.kind == "production"
  some other_id in orgs_by_account[o.awsAccountKey]
  other_id != o.id
}
`;

function regoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...regoFiles(p));
    else if (name.endsWith('.rego') && !name.endsWith('_test.rego')) out.push(p);
  }
  return out;
}

function size(v: unknown): number {
  if (v instanceof RegoSet || v instanceof RegoObject) return v.size;
  return Array.isArray(v) ? v.length : 0;
}

/** Runs f three times: the first (cold: JIT warm-up included) and the best of the other two (warm). */
function timed<T>(f: () => T): { value: T; coldMs: number; warmMs: number } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    value = f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { value, coldMs: Math.round(times[0]!), warmMs: Math.round(Math.min(times[1]!, times[2]!)) };
}

function runOne(scale: number): void {
  const input = fromJSON(generateEstate(scale));
  const joins = compile([{ file: 'bench_joins.rego', text: JOIN_POLICY }]);
  const j = timed(() => joins.evalRef(['bench', 'joins'], { input }) as RegoObject);
  const counts = ['multi_org', 'shared_buckets', 'dangling', 'missing_instances', 'mixed_tiers', 'org_account_pairs'].map((k) => `${k}=${size(j.value.get(k))}`).join(' ');
  let catalog = { coldMs: NaN, warmMs: NaN };
  let findings = 0;
  const policyDir = join(root, 'policies');
  if (existsSync(policyDir)) {
    const files = regoFiles(policyDir);
    const policy = compile(files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') })));
    const c = timed(() => policy.evalRef(['scv', 'rules'], { input }));
    catalog = c;
    if (c.value instanceof RegoObject) {
      for (const [, family] of c.value.entries()) {
        if (!(family instanceof RegoObject)) continue;
        for (const [, pkg] of family.entries()) if (pkg instanceof RegoObject) findings += size(pkg.get('deny'));
      }
    }
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      scale,
      orgs: 10 * scale,
      accounts: 10 * scale,
      join: `${j.coldMs} / ${j.warmMs}`,
      catalog: `${catalog.coldMs} / ${catalog.warmMs}`,
      findings,
      maxRssMb: Math.round(maxRssMb),
      counts,
    }),
  );
}

const argv = process.argv.slice(2);
if (argv[0] === '--one') runOne(Number(argv[1]));
else {
  const scales = argv.length ? argv.map(Number) : [1, 10, 100];
  console.log('evaluation time in ms, cold (first run) / warm (best of two more); peak RSS of the process per size');
  console.log('scale  orgs  accounts  join policies  built-in catalog  findings  peak RSS');
  for (const s of scales) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', String(s)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string>;
    console.log(
      `${String(r['scale']).padStart(5)}  ${String(r['orgs']).padStart(4)}  ${String(r['accounts']).padStart(8)}  ${String(r['join']).padStart(13)}  ${String(r['catalog']).padStart(16)}  ${String(r['findings']).padStart(8)}  ${String(r['maxRssMb']).padStart(5)} MB   ${r['counts']}`,
    );
  }
}
