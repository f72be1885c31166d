/**
 * strings.render_template for the common subset of Go text/template: `{{.key}}` and nested
 * `{{.a.b}}` field references, with `{{- ... -}}` trimming. Other actions are refused clearly.
 */
import { RegoObject, RegoSet, type Value } from '../value.js';
import { def, obj, str } from './args.js';
import { numberText } from './goformat.js';
import { BuiltinError, type Builtin } from './types.js';

/** Go's %v of the JSON-like value text/template receives. */
function goValueText(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return numberText(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goValueText).join(' ') + ']';
  if (v instanceof RegoSet) return '[' + v.sorted().map(goValueText).join(' ') + ']';
  const o = v as RegoObject;
  const keys = o.keys().map((k) => (typeof k === 'string' ? k : JSON.stringify(k))).sort();
  return 'map[' + keys.map((k) => `${k}:${goValueText(o.get(k)!)}`).join(' ') + ']';
}

function render(template: string, vars: RegoObject): string {
  const name = 'strings.render_template';
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new BuiltinError(name, 'template: unclosed action');
    let text = template.slice(i, open);
    let action = template.slice(open + 2, close);
    if (action.startsWith('-') && /^-\s/.test(action)) {
      text = text.replace(/\s+$/, '');
      action = action.slice(1);
    }
    let trimRight = false;
    if (/\s-$/.test(action)) {
      trimRight = true;
      action = action.slice(0, -1);
    }
    out += text;
    const expr = action.trim();
    if (!/^(\.[A-Za-z_][A-Za-z0-9_]*)+$|^\.$/.test(expr)) {
      throw new BuiltinError(name, `template: unsupported action {{${action}}}; only field references like {{.name}} are supported`);
    }
    let cur: Value | undefined = vars;
    for (const field of expr.split('.').slice(1).filter(Boolean)) {
      cur = cur instanceof RegoObject ? cur.get(field) : undefined;
      if (cur === undefined) break;
    }
    out += cur === undefined ? '<no value>' : goValueText(cur);
    i = close + 2;
    if (trimRight) while (i < template.length && /\s/.test(template[i]!)) i++;
  }
  return out;
}

export const TEMPLATE_BUILTINS: Builtin[] = [
  def('strings.render_template', 2, (args) =>
    render(str('strings.render_template', args, 1), obj('strings.render_template', args, 2)),
  ),
];
