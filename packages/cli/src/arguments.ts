// Parsers of option values shared by the commands (commander argParsers): each turns the text into
// a value or throws commander's InvalidArgumentError with the reason, which commander prints with
// the option's name and maps to exit code 2. Durations and instants are read by core's parsers.

import { InvalidArgumentError } from 'commander';
import { parseDuration, parseInstant } from '@autoscale/core';

/** `30s`, `15m`, `1h30m`, `PT15M`: milliseconds. */
export function durationArgument(value: string): number {
  const r = parseDuration(value);
  if (!r.ok) throw new InvalidArgumentError(r.reason);
  return r.ms;
}

/** An ISO 8601 instant with a zone: milliseconds since the epoch. */
export function instantArgument(value: string): number {
  const r = parseInstant(value);
  if (!r.ok) throw new InvalidArgumentError(r.reason);
  return r.ms;
}

/** A whole number (may be negative), safe as a double. */
export function integerArgument(value: string): number {
  const n = Number(value);
  if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`"${value}" is not an integer`);
  return n;
}

/** A parser of whole numbers from `min` to `max`; `what` completes "is not ..." in the error. */
export function wholeNumberArgument(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`"${value}" is not ${what}`);
    return n;
  };
}

/** A repeatable option: each use adds its value to the list. */
export function collectArgument(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A repeatable `--var NAME=VALUE`: the pairs so far as a map, refusing a use without a name or `=`. */
export function variableArgument(value: string, previous: Map<string, string> | undefined): Map<string, string> {
  const eq = value.indexOf('=');
  const name = value.slice(0, Math.max(0, eq)).trim();
  if (eq < 0 || name === '') throw new InvalidArgumentError(`"${value}" is not NAME=VALUE`);
  return new Map([...(previous ?? []), [name, value.slice(eq + 1)]]);
}
