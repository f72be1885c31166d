/**
 * JWT key files named by `salesforce.orgs[].auth.privateKeyFile`: one that does not exist or
 * cannot be read is a config error (a wrong path in the config), found before anything is
 * collected and located at its line. So is one larger than a PEM private key can be
 * (`MAX_PRIVATE_KEY_BYTES`): the wrong file named. A file that exists but holds no usable key is a
 * collection error of that org (SCV-COLL-001, with the key-file remediation): the login itself fails.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { throwProblems, type Problem } from '../errors.js';
import { formatBytes } from '../input/limits.js';
import { configLocation } from './load.js';
import type { ScannerConfig } from './types.js';

/** A PEM RSA private key is a few KB; past this size the file named is not one. */
export const MAX_PRIVATE_KEY_BYTES = 1024 * 1024;

/** Why a key file cannot be read, or undefined when it can. */
function unreadable(file: string): string | undefined {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return 'is not a file';
    if (stats.size > MAX_PRIVATE_KEY_BYTES) return `is ${formatBytes(stats.size)}, larger than a PEM private key can be (${formatBytes(MAX_PRIVATE_KEY_BYTES)})`;
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'does not exist';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
    return `cannot be read (${code ?? 'unknown error'})`;
  }
}

/** Every JWT key file (of the orgs named by `aliases`, all when absent) that cannot be read, located in the config. */
export function keyFileProblems(config: ScannerConfig, aliases?: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  (config.salesforce?.orgs ?? []).forEach((org, i) => {
    if (org.auth.method !== 'jwt' || (aliases !== undefined && !aliases.includes(org.alias))) return;
    const why = unreadable(org.auth.privateKeyFile);
    if (why === undefined) return;
    problems.push({
      message: `private key file ${org.auth.privateKeyFile} ${why} (the path is relative to the config file's folder)`,
      location: configLocation(config, ['salesforce', 'orgs', i, 'auth', 'privateKeyFile']),
    });
  });
  return problems;
}

/** Throws a config error listing every JWT key file that cannot be read. */
export function checkKeyFiles(config: ScannerConfig, aliases?: readonly string[]): void {
  throwProblems('config', keyFileProblems(config, aliases));
}
