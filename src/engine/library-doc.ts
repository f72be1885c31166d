/**
 * The helper library reference (docs/policy-library.md), generated from the library's own source:
 * each `policies/lib/*.rego` package's METADATA title and description, then each rule or function
 * it defines with its arguments and the comment written above its first definition.
 * Regenerate with `npm run docs`.
 */
import { realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseModule } from '../rego/index.js';
import type { Module, Term } from '../rego/ast.js';
import { builtinPoliciesDir, readPolicyFiles } from './policy-files.js';

interface LibraryEntry {
  name: string;
  /** `(a, b)` for functions, '' for rules. */
  args: string;
  line: number;
  comment: string;
}

function argText(t: Term): string {
  if (t.type === 'var') return t.name;
  if (t.type === 'scalar') return JSON.stringify(t.value);
  return '_';
}

/** The comment block that ends on the line above `row`, without decoration-only lines. */
function commentAbove(mod: Module, row: number): string {
  const byRow = new Map(mod.comments.map((c) => [c.loc.row, c.text]));
  const lines: string[] = [];
  for (let r = row - 1; byRow.has(r); r--) lines.unshift(byRow.get(r)!.replace(/^#\s?/, ''));
  return lines
    .filter((l) => !/^[-=\s]*$/.test(l) && !/^-{3,}/.test(l.trim()))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function entries(mod: Module): LibraryEntry[] {
  const seen = new Map<string, LibraryEntry>();
  for (const rule of mod.rules) {
    const first = rule.head.ref[0];
    if (!first || first.type !== 'var') continue;
    const name = first.name;
    const existing = seen.get(name);
    if (existing) {
      if (existing.comment === '') existing.comment = commentAbove(mod, rule.loc.row);
      continue;
    }
    const args = rule.head.args ? `(${rule.head.args.map(argText).join(', ')})` : '';
    seen.set(name, { name, args, line: rule.loc.row, comment: commentAbove(mod, rule.loc.row) });
  }
  return [...seen.values()];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderLibraryMarkdown(): string {
  const libDir = join(builtinPoliciesDir(), 'lib');
  const files = readPolicyFiles([libDir]).filter((f) => !f.isTest);
  const lines = [
    '# Policy helper library (`data.scv.lib.*`)',
    '',
    '<!-- Generated from the comments in policies/lib/*.rego by `npm run docs`; do not edit. -->',
    '',
    'The built-in rules join the inventory through these packages; your own rules can import them',
    '(`import data.scv.lib.estate`, then `estate.bucket_ref(b)`). A scan always loads them;',
    '`policy test` and `rego eval` do unless `--no-builtin` is given. Rules are values computed once per',
    'evaluation (indexes); functions take arguments. Everything here reads `input` (the inventory,',
    'see [inventory.md](inventory.md)) and `data.config` (the rule settings).',
  ];
  for (const f of files) {
    const mod = parseModule(f.file, f.text, 'v1');
    const pkg = mod.packagePath.join('.');
    const ann = mod.annotations.find((a) => a.scope === 'package');
    const base = relative(realpathSync(resolve(builtinPoliciesDir(), '..')), f.absolute).split('\\').join('/');
    lines.push('', `## \`data.${pkg}\``, '');
    if (ann?.title) lines.push(`**${ann.title}.** ${(ann.description ?? '').replace(/\s+/g, ' ').trim()}`, '');
    lines.push(`Source: \`${base}\``, '', '| name | description |', '| --- | --- |');
    for (const e of entries(mod)) {
      lines.push(`| \`${e.name}${e.args}\` | ${cell(e.comment)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
