/**
 * Assembles the OPA-ABI test module in test/fixtures/wasm/policy.wat.tmpl with wabt, filling in
 * its ABI version, entrypoints and the result set opa_eval returns.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';

const TEMPLATE = fileURLToPath(new URL('../fixtures/wasm/policy.wat.tmpl', import.meta.url));

export interface TestModuleOptions {
  abiMajor?: number;
  abiMinor?: number;
  entrypoints?: Record<string, number>;
  /** The JSON result set opa_eval returns, e.g. [{"result": {...}}]. */
  result?: unknown;
  /** opa_eval calls opa_abort instead of returning. */
  abort?: boolean;
}

/** WAT string literals take `\"` and `\\`; everything else in JSON text is plain ASCII or escaped already. */
function watString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export async function assembleTestModule(opts: TestModuleOptions = {}): Promise<Uint8Array> {
  const wat = readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{ABI_MAJOR}}', String(opts.abiMajor ?? 1))
    .replaceAll('{{ABI_MINOR}}', String(opts.abiMinor ?? 2))
    .replaceAll('{{ENTRYPOINTS}}', watString(JSON.stringify(opts.entrypoints ?? { 'scv/rules': 0 })))
    .replaceAll('{{RESULT}}', watString(JSON.stringify(opts.result ?? [])))
    .replaceAll('{{ABORT}}', opts.abort ? '1' : '0');
  const wabt = await wabtFactory();
  const module = wabt.parseWat('policy.wat', wat);
  try {
    module.resolveNames();
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
