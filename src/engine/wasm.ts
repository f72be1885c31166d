/**
 * The OPA Wasm engine: evaluates a bundle built with `opa build -t wasm -e scv/rules` through
 * @open-policy-agent/opa-wasm. The entrypoint's value is the tree data.scv.rules; each rule
 * package's `deny` set becomes findings exactly as in the built-in engine (raw-findings.ts).
 * The catalog comes from the METADATA of the .rego files in the bundle, else from the built-in
 * policies by package.
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import type { EvaluationResult, PolicyData, PolicyEngine, RuleSettingsInfo } from './types.js';
import type { RawFinding, RuleMeta, RuleResult } from '../findings/model.js';
import type { Inventory } from '../inventory/types.js';
import type { EngineOptions } from './index.js';
import { ScvGuardError } from '../errors.js';
import { getOwn } from '../own-properties.js';
import { buildCatalog, RULES_PACKAGE_PREFIX } from './catalog.js';
import { isTestFile } from './policy-files.js';
import { loadPolicies, selectRules } from './builtin.js';
import { compilePolicyFiles } from './rego-compile.js';
import { settingDefaults } from './policy-doc.js';
import { checkSettings } from './settings.js';
import { configKeysRead } from './rule-settings.js';
import { OriginIndex, toIncompleteReasons, toRawFindings } from './raw-findings.js';
import { readWasmBundle, type WasmBundle } from './wasm-bundle.js';

/** The entrypoint every scv-guard bundle is built with. */
export const WASM_ENTRYPOINT = RULES_PACKAGE_PREFIX.join('/');

/** The OPA Wasm ABI major version the SDK (and so this engine) runs. */
export const SUPPORTED_ABI_MAJOR = 1;

/** Exports the SDK calls on every module, whatever the ABI minor version. */
const REQUIRED_EXPORTS = ['opa_malloc', 'opa_json_parse', 'opa_json_dump', 'opa_heap_ptr_get', 'builtins', 'entrypoints'];

type LoadedPolicy = Awaited<ReturnType<typeof loadPolicy>>;

/** The part of the WebAssembly JS API used here (lib ES2023 declares no WebAssembly values). */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  Module: { exports(module: object): { name: string; kind: string }[] };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

interface LoadedRule {
  meta: RuleMeta;
  /** Path of the rule package below data.scv.rules. */
  path: string[];
}

function bundleError(file: string, message: string): ScvGuardError {
  return new ScvGuardError('bundle', message, { file });
}

/** The SDK throws strings and plain objects; make them readable. */
function thrownText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/** Checks what the SDK cannot check clearly: a valid module with the ABI's exports and a supported version. */
async function checkModule(bundle: WasmBundle): Promise<void> {
  let module: object;
  try {
    module = await wasmApi.compile(bundle.wasm);
  } catch (e) {
    throw bundleError(bundle.file, `policy.wasm is not a valid WebAssembly module (${thrownText(e)})`);
  }
  const exported = new Set(wasmApi.Module.exports(module).map((x) => x.name));
  const missing = REQUIRED_EXPORTS.filter((name) => !exported.has(name));
  if (missing.length > 0) {
    throw bundleError(bundle.file, `policy.wasm does not implement the OPA Wasm ABI (missing exports: ${missing.join(', ')})`);
  }
  if (!exported.has('opa_wasm_abi_version')) {
    throw bundleError(bundle.file, 'policy.wasm does not declare opa_wasm_abi_version; rebuild it with a current `opa build -t wasm`');
  }
}

interface BundlePolicies {
  catalog: RuleMeta[];
  /** Defaults of the built-in rule settings the policies declare (policies/lib/config.rego), if any. */
  settingDefaults: Record<string, unknown>;
  /** Other setting keys the bundle's .rego sources read by name; undefined without sources (the Wasm alone does not tell). */
  keysRead: ReadonlySet<string> | undefined;
}

/** Rule metadata and setting defaults: the bundle's own .rego sources when it ships them, else the built-in policies. */
function bundlePolicies(bundle: WasmBundle): BundlePolicies {
  if (bundle.regoFiles.length === 0) {
    const { policy, catalog } = loadPolicies([]);
    return { catalog, settingDefaults: settingDefaults(policy), keysRead: undefined };
  }
  const sources = bundle.regoFiles
    .filter((f) => !isTestFile(f.file))
    .map((f) => ({ file: f.file, absolute: f.file, text: f.text, isTest: false }));
  const policy = compilePolicyFiles(sources);
  const declaresSettings = policy.packages().some((p) => p.join('.') === 'scv.lib.config');
  return { catalog: buildCatalog(policy.modules), settingDefaults: declaresSettings ? settingDefaults(policy) : {}, keysRead: configKeysRead(policy) };
}

function childAt(tree: unknown, path: string[]): unknown {
  let node = tree;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = getOwn(node, seg);
  }
  return node;
}

export class WasmBundleEngine implements PolicyEngine {
  readonly name = 'wasm' as const;

  private constructor(
    private readonly bundle: WasmBundle,
    private readonly policy: LoadedPolicy,
    private readonly rules: LoadedRule[],
    private readonly defaults: Record<string, unknown>,
    private readonly keysRead: ReadonlySet<string> | undefined,
  ) {}

  static async load(opts: EngineOptions): Promise<WasmBundleEngine> {
    if (!opts.bundle) {
      throw new ScvGuardError('usage', '--engine wasm needs --bundle FILE (a tar.gz from `opa build -t wasm -e scv/rules`, or a policy.wasm)');
    }
    const bundle = await readWasmBundle(opts.bundle);
    await checkModule(bundle);
    let policy: LoadedPolicy;
    try {
      policy = await loadPolicy(bundle.wasm);
    } catch (e) {
      const text = thrownText(e);
      const abi = /unsupported ABI version (\d+)/.exec(text);
      throw bundleError(
        bundle.file,
        abi
          ? `policy.wasm uses OPA Wasm ABI version ${abi[1]}; scv-guard runs ABI ${SUPPORTED_ABI_MAJOR}.x`
          : `policy.wasm could not be loaded (${text})`,
      );
    }
    const entrypoints = Object.keys(policy.entrypoints as Record<string, number>);
    if (!entrypoints.includes(WASM_ENTRYPOINT)) {
      throw bundleError(
        bundle.file,
        `bundle has no entrypoint ${WASM_ENTRYPOINT} (it has: ${entrypoints.sort().join(', ') || 'none'}); build it with \`opa build -t wasm -e ${WASM_ENTRYPOINT}\``,
      );
    }
    const { catalog, settingDefaults: defaults, keysRead } = bundlePolicies(bundle);
    const selected = selectRules(catalog, opts.include, opts.exclude);
    const rules = selected.map((meta) => ({ meta, path: meta.package.split('.').slice(RULES_PACKAGE_PREFIX.length) }));
    return new WasmBundleEngine(bundle, policy, rules, defaults, keysRead);
  }

  catalog(): RuleMeta[] {
    return this.rules.map((r) => r.meta);
  }

  /** Defaults of the built-in rule settings, as the built-in engine reports them. */
  settingDefaults(): Record<string, unknown> {
    return { ...this.defaults };
  }

  settingsInfo(): RuleSettingsInfo {
    return { defaults: { ...this.defaults }, keysRead: this.keysRead };
  }

  async evaluate(inventory: Inventory, data: PolicyData): Promise<EvaluationResult> {
    checkSettings(data.config, this.defaults);
    let tree: unknown;
    try {
      this.policy.setData({ ...this.bundle.data, config: data.config, scanner: data.scanner });
      const resultSet = this.policy.evaluate(inventory, WASM_ENTRYPOINT) as { result?: unknown }[];
      if (resultSet.length === 0) {
        return this.allUnevaluated(`the bundle's ${WASM_ENTRYPOINT} entrypoint is undefined for this input`);
      }
      tree = resultSet[0]?.result;
    } catch (e) {
      // One evaluation covers every rule, so an abort (e.g. a conflict) leaves all of them unevaluated.
      return this.allUnevaluated(`OPA Wasm evaluation failed: ${thrownText(e)}`);
    }
    const origins = OriginIndex.of(inventory);
    const findings: RawFinding[] = [];
    const results: RuleResult[] = [];
    for (const rule of this.rules) {
      const ruleId = rule.meta.id;
      const pkg = childAt(tree, rule.path);
      if (pkg === undefined) {
        results.push({ ruleId, outcome: 'could-not-evaluate', error: `rule package ${rule.meta.package} is not in the bundle` });
        continue;
      }
      try {
        const found = toRawFindings(ruleId, childAt(pkg, ['deny']), origins);
        const cannotKnow = toIncompleteReasons(childAt(pkg, ['incomplete']));
        findings.push(...found);
        results.push({ ruleId, outcome: found.length > 0 ? 'fail' : 'pass', ...(cannotKnow.length > 0 ? { cannotKnow } : {}) });
      } catch (e) {
        results.push({ ruleId, outcome: 'could-not-evaluate', error: thrownText(e) });
      }
    }
    return { findings, results };
  }

  private allUnevaluated(error: string): EvaluationResult {
    return { findings: [], results: this.rules.map((r) => ({ ruleId: r.meta.id, outcome: 'could-not-evaluate', error })) };
  }
}
