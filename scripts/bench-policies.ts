/**
 * Built-in policy catalog benchmark: evaluates every rule through the built-in engine over the
 * generated 1x / 10x / 100x estates (100x = 1,000 orgs and 1,000 accounts, scripts/lib/estate-generator.ts
 * with the policy-relevant resources added), each size in its own process so peak memory is per size.
 * Prints load (parse + compile) time, evaluation time (cold: first in the process, warm: best of
 * two more) as wall time and as the process's CPU time (user + system, which a busy machine
 * inflates far less than wall time), findings, and peak RSS; --per-rule adds the
 * slowest rules, each evaluated alone.
 * Usage: npm run bench:policies [-- 1 10 100] [--per-rule]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BuiltinRegoEngine } from '../src/engine/builtin.js';
import type { PolicyData } from '../src/engine/types.js';
import { generateEstate } from './lib/estate-generator.js';

const DATA: PolicyData = {
  config: {},
  scanner: { now: '2026-01-01T00:00:00Z', waivers: [{ rule: 'SCV-DATA-001', resource: 'arn:aws:s3:::x', reason: 'bench', expires: '2025-12-31' }] },
};

async function runOne(scale: number, perRule: boolean): Promise<void> {
  const inventory = generateEstate(scale, { rich: true });
  let t = performance.now();
  const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [] });
  const loadMs = performance.now() - t;
  // Cold: the first evaluation in the process (JIT warm-up included); warm: the best of two more.
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result!: Awaited<ReturnType<typeof engine.evaluate>>;
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    t = performance.now();
    result = await engine.evaluate(inventory, DATA);
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const coldMs = times[0]!;
  const evalMs = Math.min(times[1]!, times[2]!);
  const evalCpuMs = Math.min(cpuTimes[1]!, cpuTimes[2]!);
  const slowest: [string, number][] = [];
  if (perRule) {
    for (const rule of engine.catalog()) {
      const one = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], include: [rule.id] });
      const t1 = performance.now();
      await one.evaluate(inventory, DATA);
      slowest.push([rule.id, Math.round(performance.now() - t1)]);
    }
    slowest.sort((a, b) => b[1] - a[1]);
  }
  console.log(
    JSON.stringify({
      scale,
      orgs: inventory.salesforce.orgs.length,
      accounts: inventory.aws.accounts.length,
      rules: result.results.length,
      loadMs: Math.round(loadMs),
      coldMs: Math.round(coldMs),
      evalMs: Math.round(evalMs),
      evalCpuMs: Math.round(evalCpuMs),
      loadAverage: Number(loadavg()[0]!.toFixed(1)),
      findings: result.findings.length,
      failing: result.results.filter((r) => r.outcome === 'fail').length,
      couldNotEvaluate: result.results.filter((r) => r.outcome === 'could-not-evaluate').map((r) => `${r.ruleId}: ${r.error}`),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      slowest: slowest.slice(0, 5),
    }),
  );
}

const argv = process.argv.slice(2);
const perRule = argv.includes('--per-rule');
const numbers = argv.filter((a) => /^\d+$/.test(a)).map(Number);
if (argv[0] === '--one') {
  await runOne(numbers[0]!, perRule);
} else {
  const scales = numbers.length > 0 ? numbers : [1, 10, 100];
  console.log('scale   orgs  accounts  rules  load      evaluate cold / warm  warm CPU   findings  peak-RSS  load avg');
  let base: { scale: number; ms: number } | undefined;
  for (const s of scales) {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), '--one', String(s), ...(perRule ? ['--per-rule'] : [])];
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      scale: number; orgs: number; accounts: number; rules: number; loadMs: number; coldMs: number; evalMs: number; evalCpuMs: number;
      loadAverage: number; findings: number;
      couldNotEvaluate: string[]; maxRssMb: number; slowest: [string, number][];
    };
    base ??= { scale: r.scale, ms: Math.max(r.evalCpuMs, 1) };
    const growth = (r.evalCpuMs / base.ms / (r.scale / base.scale)).toFixed(2);
    console.log(
      `${String(r.scale).padStart(5)}  ${String(r.orgs).padStart(5)}  ${String(r.accounts).padStart(8)}  ${String(r.rules).padStart(5)}  ` +
        `${String(r.loadMs).padStart(5)} ms  ${String(r.coldMs).padStart(6)} / ${String(r.evalMs).padStart(6)} ms  ${String(r.evalCpuMs).padStart(6)} ms  ${String(r.findings).padStart(8)}  ${String(r.maxRssMb).padStart(5)} MB  ${String(r.loadAverage).padStart(5)}` +
        `   (warm CPU per 1x of estate vs ${base.scale}x: ${growth})`,
    );
    if (r.couldNotEvaluate.length > 0) console.log(`       could not evaluate: ${r.couldNotEvaluate.join('; ')}`);
    if (r.slowest.length > 0) console.log(`       slowest rules alone: ${r.slowest.map(([id, ms]) => `${id} ${ms} ms`).join(', ')}`);
  }
}
