/** Regex fragments and readers for lengths of time: "10 seconds", "1m30s", "2 min 20 s", "0:45", "5秒". */

const AMOUNT = String.raw`\d{1,5}(?:\.\d{1,3})?`;
const HOURS = String.raw`(?:hours?|hrs?|h|个小时|小时)`;
// No bare "m" for minutes: "10m" is ten megabytes to most people who type it; "1m30s" still works.
const MINUTES = String.raw`(?:minutes?|mins?|分钟|分)`;
const SECONDS = String.raw`(?:seconds?|secs?|s|秒钟|秒)`;
const PART = String.raw`${AMOUNT}\s?(?:${HOURS}|${MINUTES}|${SECONDS})(?![a-z])`;
const MINUTES_SECONDS = String.raw`\d{1,3}m\s?\d{1,2}s(?![a-z])`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,3})?`;

/** A length of time with a unit or in clock form; never a bare number. */
export const DURATION = String.raw`(?<![\d.:])(?:${CLOCK}|${MINUTES_SECONDS}|${PART}(?:\s?(?:and\s)?${PART}){0,2})`;

/** DURATION, or a bare number ("from 10 to 45 seconds": the first end takes the second's unit). */
export const DURATION_OR_NUMBER = String.raw`(?:${DURATION}|(?<![\d.:])${AMOUNT}(?![\d:]))`;

const UNIT_SECONDS: [RegExp, number][] = [
  [new RegExp(`^${HOURS}$`), 3600],
  [new RegExp(`^${MINUTES}$`), 60],
  [/^m$/, 60],
  [new RegExp(`^${SECONDS}$`), 1],
];

/**
 * Seconds in a duration matched by DURATION_OR_NUMBER. A bare number counts in `bareUnitSeconds`
 * (1 unless the caller borrowed a unit from a neighbour).
 */
export function toSeconds(text: string, bareUnitSeconds = 1): number {
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(\.\d{1,3})?$/.exec(text.trim());
  if (clock) {
    const [, a, b, c, fraction] = clock;
    const whole = c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c);
    return whole + Number(fraction ?? 0);
  }
  let total = 0;
  let parts = 0;
  for (const [, amount, unit] of text.matchAll(/(\d{1,5}(?:\.\d{1,3})?)\s?([a-z]+|[^\s\d.a-z]+)?/g)) {
    const seconds = unit === undefined ? bareUnitSeconds : UNIT_SECONDS.find(([pattern]) => pattern.test(unit))?.[1];
    if (seconds === undefined) continue;
    total += Number(amount) * seconds;
    parts += 1;
  }
  return parts === 0 ? Number.NaN : total;
}

/** Seconds one unit of the last part of a duration stands for ("45 seconds" → 1, "2 min" → 60). */
export function lastUnitSeconds(text: string): number {
  if (/:/.test(text)) return 1;
  const units = [...text.matchAll(/\d\s?([a-z]+|[^\s\d.a-z]+)/g)];
  const unit = units.at(-1)?.[1];
  return (unit && UNIT_SECONDS.find(([pattern]) => pattern.test(unit))?.[1]) || 1;
}
