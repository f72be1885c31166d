import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** The package version, read once from package.json (two levels above src/scan and dist/scan). */
export function toolVersion(): string {
  if (version === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
    version = pkg.version;
  }
  return version;
}
