/**
 * Collection benchmark: runs collectAws with the real SDK clients against the local AWS server
 * (test/support/aws-server, in a worker thread) for 1, 10 and 50 copies of the fixture account, with injected latency
 * and the Connect quota enforced by the server, and compares wall time with the quota floor.
 *
 *   npm run bench:collect [-- --accounts 1,10,50 --latency 50 --rate 2 --concurrency N]
 *
 * The quota floor is the least time the Connect calls can take at `rate` requests per second per
 * account and region: (most Connect calls in one account+region − 1) / rate, all accounts in
 * parallel. `floor@concurrency` also accounts for at most `concurrency` account/region tasks at once.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { collectAws } from '../src/collect/aws/index.js';
import { BASE_ACCESS_KEY, localConfig, localOptions } from '../test/support/aws-server/config.js';
import { cloneAccount, loadAccountFixture, type Estate } from '../test/support/aws-server/estate.js';
import { startAwsServerInWorker } from '../test/support/aws-server/worker.js';

// The SDK's notice about future Node versions is not a benchmark result.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1,10,50' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '2' },
    concurrency: { type: 'string' },
  },
});

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench-collect: --${name} must be a positive integer, got "${text}"`);
    process.exit(2);
  }
  return n;
}

const sizes = String(values.accounts).split(',').map((s) => positiveInt('accounts', s.trim()));
const latencyMs = Number(values.latency);
const rate = positiveInt('rate', String(values.rate));
const template = loadAccountFixture('accounts/111111111111.json');
const accountId = (i: number) => String(100000000000 + i);

interface Row {
  accounts: number;
  concurrency: number;
  calls: number;
  connectCalls: number;
  throttled: number;
  errors: number;
  wallS: number;
  /** CPU time of the whole process (collector and server thread). */
  cpuS: number;
  floorS: number;
  floorAtConcurrencyS: number;
}

async function runOnce(n: number): Promise<Row> {
  const estate: Estate = new Map();
  for (let i = 1; i <= n; i++) estate.set(accountId(i), cloneAccount(template, accountId(i)));
  const server = await startAwsServerInWorker({
    estate,
    accessKeys: { [BASE_ACCESS_KEY]: accountId(1) },
    pageSize: 100,
    latencyMs,
    connectQuotaPerSecond: rate,
  });
  const concurrency = values.concurrency ? positiveInt('concurrency', values.concurrency) : n;
  try {
    const accounts = Array.from({ length: n }, (_, i) => ({ id: accountId(i + 1) }));
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const inventory = await collectAws(localConfig(server, accounts, { rateLimits: { connect: rate }, concurrency }), localOptions());
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const calls = (await server.calls()).filter((c) => c.operation !== 'AssumeRole');
    const connect = calls.filter((c) => c.service === 'connect');
    const perAccountRegion = new Map<string, number>();
    for (const c of connect) perAccountRegion.set(`${c.account}/${c.region}`, (perAccountRegion.get(`${c.account}/${c.region}`) ?? 0) + 1);
    const most = Math.max(0, ...perAccountRegion.values());
    const floorS = Math.max(0, most - 1) / rate;
    const waves = Math.ceil(perAccountRegion.size / concurrency);
    return {
      accounts: n,
      concurrency,
      calls: calls.length,
      connectCalls: connect.length,
      throttled: connect.filter((c) => c.status === 429).length,
      errors: inventory.collection.errors.length,
      wallS,
      cpuS,
      floorS,
      floorAtConcurrencyS: waves * floorS,
    };
  } finally {
    await server.close();
  }
}

const cpu = cpus();
console.log(`# scv-guard collection benchmark — ${new Date().toISOString()}`);
console.log(`# ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`# latency ${latencyMs} ms per call, Connect quota ${rate}/s per account+region (server-enforced, burst 5), client pacing ${rate}/s`);
console.log('| accounts | concurrency | API calls | Connect calls | throttled | errors | wall (s) | CPU (s) | quota floor (s) | ratio | floor at concurrency (s) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const r = await runOnce(n);
  const ratio = r.floorS > 0 ? (r.wallS / r.floorS).toFixed(2) : 'n/a';
  console.log(
    `| ${r.accounts} | ${r.concurrency} | ${r.calls} | ${r.connectCalls} | ${r.throttled} | ${r.errors} | ${r.wallS.toFixed(2)} | ${r.cpuS.toFixed(2)} | ${r.floorS.toFixed(2)} | ${ratio} | ${r.floorAtConcurrencyS.toFixed(2)} |`,
  );
}
