/**
 * Placeholders in exported flows. `export flows --parameterize` writes `${AccountId}`,
 * `${Region}`, `${InstanceId}` and `${LambdaAlias}` in place of the exporting environment's own
 * values, and the values it replaced to the mapping file `parameters.json` beside the flows.
 * `scan --flows DIR --environment ENV` reads such a folder for ENV: every placeholder takes ENV's
 * value (`flowParameterValues` in src/scan/sources.ts: the config's `flowParameters.<ENV>`, else
 * the account the config maps ENV to, its one region, and ENV's name as the Lambda alias), so the
 * files that will be deployed are the files checked. A placeholder without a value is an error
 * naming the file and line: never left in place for the rules to read as an unknown account.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScvGuardError } from '../../../errors.js';
import { lineColumnAt, parseJson } from '../../../input/json.js';
import { readInputFileSync } from '../../../input/read.js';
import { getOwn } from '../../../own-properties.js';

/** The mapping file `export flows --parameterize` writes at the top of the export folder. */
export const EXPORT_MAPPING_FILE = 'parameters.json';

/** The placeholders `export flows --parameterize` writes. */
export const EXPORT_PLACEHOLDERS = ['AccountId', 'Region', 'InstanceId', 'LambdaAlias'] as const;
export type ExportPlaceholder = (typeof EXPORT_PLACEHOLDERS)[number];

/** `${Name}` as it stands in an exported file. */
export function placeholderText(name: string): string {
  return `\${${name}}`;
}

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The mapping of an export folder (placeholder → the exporting environment's value); null when the folder has none. */
export function readExportMapping(dir: string): Record<string, string> | null {
  const file = join(dir, EXPORT_MAPPING_FILE);
  if (!existsSync(file)) return null;
  const parsed = parseJson(readInputFileSync(file, { what: 'export mapping' }), file).value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ScvGuardError('input-schema', 'expected the export mapping: an object of placeholder names and the values they replaced', { file, line: 1 });
  }
  const mapping: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name) || typeof value !== 'string') {
      throw new ScvGuardError('input-schema', `expected a placeholder name and a string value, got ${JSON.stringify(name)}: ${JSON.stringify(value)}`, { file, path: name });
    }
    mapping[name] = value;
  }
  return mapping;
}

export interface PlaceholderValues {
  /** The environment the values belong to (`--environment`). */
  environment: string;
  /** Placeholder name → the environment's value. */
  values: Readonly<Record<string, string>>;
}

/**
 * The text with every placeholder of `names` replaced by its value (JSON-escaped: placeholders
 * stand inside JSON strings). Throws for the first placeholder without a value.
 */
export function resolvePlaceholders(text: string, file: string, names: ReadonlySet<string>, target: PlaceholderValues | undefined): string {
  return text.replace(PLACEHOLDER, (whole: string, name: string, offset: number) => {
    if (!names.has(name)) return whole;
    const value = target !== undefined ? (getOwn(target.values, name) as string | undefined) : undefined;
    if (value === undefined) {
      const { line, column } = lineColumnAt(text, offset);
      const where = target === undefined ? 'no --environment is given' : `it has no value for environment ${target.environment}`;
      const how = target === undefined ? 'give --environment' : `set flowParameters.${target.environment}.${name} in the config`;
      throw new ScvGuardError('input-schema', `placeholder ${whole} cannot be resolved: ${where} (${how})`, { file, line, column });
    }
    return JSON.stringify(value).slice(1, -1);
  });
}
