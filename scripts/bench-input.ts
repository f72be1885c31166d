/**
 * Input reading benchmark: writes a JSON inventory of about `--mb` megabytes (one account with
 * many IAM roles) whose last role has one wrong field, then loads it as `scan` and `inventory
 * validate` do, in a child process with `--heap` MB of heap. Reports the file size, the wall
 * time to the located schema error, and the peak resident memory of the child.
 *
 *   npm run bench:input [-- --mb 200 --heap 4096]
 *
 * BENCH_LOAD_JS=path/to/dist/inventory/load.js measures another build (e.g. an older checkout).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '200' }, heap: { type: 'string', default: '4096' } } });
const targetBytes = Number(values.mb) * 1e6;

const dir = mkdtempSync(join(tmpdir(), 'scv-guard-bench-input-'));
const file = join(dir, 'inventory.json');
const fd = openSync(file, 'w');
writeSync(fd, '{\n "schemaVersion": "1",\n "generatedAt": "2026-01-01T00:00:00Z",\n "environments": [],\n "salesforce": {"orgs": []},\n');
writeSync(fd, ' "aws": {"accounts": [{"id": "123456789012", "name": "bench", "environment": null, "state": null, "tags": {}, "connectInstances": [], "s3Buckets": [], "kinesisStreams": [], "cloudTrail": {"trails": []},\n  "iamRoles": [\n');
let written = 0;
let i = 0;
const role = (n: number, path: string): string =>
  `   {"arn": "arn:aws:iam::123456789012:role/r${n}", "name": "r${n}", "path": ${path}, "tags": {"Environment": "prod"}, ` +
  `"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}`;
let chunk = '';
while (written < targetBytes) {
  chunk += role(i++, '"/"') + ',\n';
  if (chunk.length > 1e6) {
    written += writeSync(fd, chunk);
    chunk = '';
  }
}
writeSync(fd, chunk + role(i++, '42') + '\n  ]}]},\n "collection": {"sources": [], "errors": []}\n}\n');
closeSync(fd);
const size = statSync(file).size;

const child = `
  const { loadInventoryFile } = await import(${JSON.stringify(process.env.BENCH_LOAD_JS ?? join(import.meta.dirname, '..', 'dist', 'inventory', 'load.js'))});
  const started = performance.now();
  try { await loadInventoryFile(${JSON.stringify(file)}); console.log(JSON.stringify({ error: null })); }
  catch (err) { console.log(JSON.stringify({ error: err.message.slice(0, 160), ms: performance.now() - started })); }
`;
const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, `--max-old-space-size=${values.heap}`, '--input-type=module', '-e', child], {
  encoding: 'utf8',
  env: { ...process.env, SCV_GUARD_MAX_FILE_BYTES: String(size + 1) },
});
rmSync(dir, { recursive: true, force: true });
const last = run.stdout.trim().split('\n').at(-1) ?? '';
const result = (last.startsWith('{') ? JSON.parse(last) : { error: `no answer: ${run.stderr.split('\n').find((l) => /FATAL|heap|memory/i.test(l)) ?? 'see stderr'}` }) as {
  error: string | null;
  ms?: number;
};
const peakKb = Number(run.stderr.trim().split('\n').at(-1)?.replace(/\D/g, ''));
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`file: ${(size / 1e6).toFixed(0)} MB, ${i} roles; exit ${run.status}`);
console.log(`error: ${result.error}`);
console.log(`time to the located error: ${((result.ms ?? NaN) / 1000).toFixed(1)} s; peak RSS ${(peakKb / 1024).toFixed(0)} MiB`);
