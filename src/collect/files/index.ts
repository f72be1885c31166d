/**
 * Pre-deploy gate inputs: `--plan FILE` (a `terraform show -json` plan or a CloudFormation
 * template, told apart by content) and `--flows DIR` (exported contact flows).
 */
import { ScvGuardError } from '../../errors.js';
import { readInputFileSync } from '../../input/read.js';
import { cloudFormationParser, readParameterFile } from './cloudformation/index.js';
import { flowExportParser, readFlowDirectory } from './flows/index.js';
import { terraformPlanParser } from './terraform/index.js';
import type { InputParser, ParseOptions, ParsedInput } from './types.js';

export type { InputKind, InputParser, ParseOptions, ParsedInput, Attachments } from './types.js';
export { overlayPlanned, plannedOnly } from './overlay.js';
export { readFlowDirectory, readParameterFile };
export { PLANNED_ACCOUNT_ID } from './planned.js';

/** Parsers `--plan` tries, in order. */
export const PLAN_PARSERS: readonly InputParser[] = [terraformPlanParser, cloudFormationParser];
export const ALL_PARSERS: readonly InputParser[] = [...PLAN_PARSERS, flowExportParser];

/** Reads one `--plan` file with the parser that recognises it. */
export function readPlanFile(file: string, opts: ParseOptions): ParsedInput {
  const text = readInputFileSync(file, { what: 'plan file' });
  const parser = PLAN_PARSERS.find((p) => p.canParse(file, text));
  if (!parser) {
    throw new ScvGuardError(
      'input-schema',
      'not a Terraform plan (`terraform show -json` output with format_version and resource_changes) or a CloudFormation template (with Resources)',
      { file },
    );
  }
  return parser.parse(file, text, opts);
}
