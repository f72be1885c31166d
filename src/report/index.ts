/**
 * The report registry and writer. Formatters are pure (input → text); writeReports prepares and
 * renders every requested format before touching the disk, then writes them as one set.
 */
import { ScvGuardError } from '../errors.js';
import { redactText } from '../redaction/registry.js';
import { escapeControlChars } from '../text/control-chars.js';
import { formatHtml, prepareHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { FORMATS, REPORT_FILE_NAMES, REPORT_FORMATS, type Format, type Formatter, type ReportFormat, type ReportInput } from './types.js';
import { writeReportSet, type ReportFile, type WriteSetOptions } from './write-set.js';

export { FORMATS, REPORT_FILE_NAMES, REPORT_FORMATS, STDOUT_FORMATS } from './types.js';
export type { Format, Formatter, ReportFormat, ReportInput, RunInfo, StdoutFormat } from './types.js';

export const FORMATTERS: Record<Format, Formatter> = {
  sarif: formatSarif,
  json: formatJson,
  markdown: formatMarkdown,
  junit: formatJunit,
  html: formatHtml,
  github: formatGithub,
};

/**
 * Asynchronous work a format needs before its pure formatter runs: the HTML report's graph
 * layout (elkjs has only an async API). Formats without an entry need none.
 */
export const PREPARERS: Partial<Record<Format, (input: ReportInput) => Promise<ReportInput>>> = {
  html: prepareHtml,
};

/** Formats read by people as text, where a raw control character would reach a terminal or viewer. */
const TEXT_FORMATS: ReadonlySet<Format> = new Set(['markdown', 'junit', 'html', 'github']);

/**
 * Prepares (when the format needs it) and formats one report, then makes it safe to publish:
 * every credential the process holds is redacted, and control characters in the text formats
 * are shown as escapes (the JSON and SARIF formatters escape them themselves: see jsonOutput).
 */
export async function renderReport(format: Format, input: ReportInput): Promise<string> {
  const prepare = PREPARERS[format];
  const text = redactText(FORMATTERS[format](prepare ? await prepare(input) : input));
  return TEXT_FORMATS.has(format) ? escapeControlChars(text) : text;
}

/** A format written to a file (the others go to stdout). */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** `"sarif, JSON"` → ['sarif', 'json']; any case, duplicates collapse, an unknown or empty name is a usage error. */
export function parseFormats(list: string): Format[] {
  const allowed = FORMATS.join(', ');
  const names = list.split(',').map((name) => name.trim());
  const formats: Format[] = [];
  for (const given of names) {
    const name = given.toLowerCase();
    if (name === '') throw new ScvGuardError('usage', `--format: empty format name in "${list}" (allowed: ${allowed})`);
    if (!isFormat(name)) throw new ScvGuardError('usage', `--format: unknown report format "${given}" (allowed: ${allowed})`);
    if (!formats.includes(name)) formats.push(name);
  }
  return formats;
}

/**
 * Renders every format, then writes them to `<outputDir>/<REPORT_FILE_NAMES[format]>` as one set
 * (./write-set.ts: all or none, under a lock on the folder); returns the paths.
 */
export async function writeReports(formats: ReportFormat[], input: ReportInput, outputDir: string, opts: WriteSetOptions = {}): Promise<string[]> {
  const files: ReportFile[] = [];
  for (const format of formats) {
    files.push({ name: REPORT_FILE_NAMES[format], what: `the ${format} report`, text: await renderReport(format, input) });
  }
  return writeReportSet(files, outputDir, opts);
}
