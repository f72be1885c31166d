/**
 * Go RE2 regular expressions through re2js (a port of RE2/Go regexp): Go's syntax exactly
 * (`(?P<name>...)`, `(?U)`, `\pL`, `[[:alpha:]]`, `\Q...\E`, ...) and matching in time linear in
 * the input, whatever the pattern, so a pattern from a policy or an inventory cannot stall an
 * evaluation. Compiled expressions are cached; FindAll follows Go's iteration rules.
 */
import { RE2JS } from 're2js';

export class RegexSyntaxError extends Error {}

/** A match as Go reports it: the whole match and each group ('' for a group that did not take part). */
export interface RegexMatch {
  index: number;
  end: number;
  /** [whole match, group 1, ...]; undefined for a group that did not participate. */
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

const CACHE_LIMIT = 500;
const cache = new Map<string, RE2JS>();

/** Compiles an RE2 pattern; throws RegexSyntaxError with Go's wording (`error parsing regexp: ...`) when invalid. */
export function compileRe2(pattern: string): RE2JS {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new RegexSyntaxError((e as Error).message);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

/** Go's FindAll iteration: at most n matches (n < 0: all); an empty match right after a match is skipped. */
export function findAll(re: RE2JS, s: string, n: number): RegexMatch[] {
  const out: RegexMatch[] = [];
  if (n === 0) return out;
  let prevEnd = -1;
  for (const m of re.matchAll(s)) {
    const index = m.index ?? 0;
    const end = index + m[0].length;
    const accept = !(m[0].length === 0 && index === prevEnd);
    prevEnd = end;
    if (!accept) continue;
    out.push({ index, end, groups: [...m], named: { ...(m.groups ?? {}) } });
    if (n > 0 && out.length >= n) break;
  }
  return out;
}
