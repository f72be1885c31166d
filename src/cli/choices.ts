/**
 * Flags that take one of a fixed set of values (`--fail-on`, `--format`, `--engine`, ...): the
 * value is matched case-insensitively (`--fail-on CRITICAL` is `critical`), and a value outside
 * the set is a usage error naming every valid choice.
 */
import { InvalidArgumentError, Option } from 'commander';

/** The choice `value` names, ignoring case; throws the usage error commander prints on one line. */
export function parseChoice<T extends string>(value: string, choices: readonly T[]): T {
  const wanted = value.trim().toLowerCase();
  const match = choices.find((c) => c.toLowerCase() === wanted);
  if (match === undefined) {
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
  }
  return match;
}

/**
 * An option taking one of `choices`, case-insensitively. The help lists the choices as
 * commander's own `.choices()` does.
 */
export function choiceOption<T extends string>(flags: string, description: string, choices: readonly T[], defaultValue?: T): Option {
  const option = new Option(flags, description).choices(choices).argParser((value: string) => parseChoice(value, choices));
  return defaultValue === undefined ? option : option.default(defaultValue);
}
