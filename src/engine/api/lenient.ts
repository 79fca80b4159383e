// The cloud and the render node disagree on shapes (DESIGN.md): answers are read leniently,
// looking in `data` first, then at the top level, under each spelling the docs use.

/** A plain object view of an unknown JSON value (empty when it is not an object). */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The first of `keys` present in `data` or at the top level of `answer`. */
export function pick(answer: unknown, ...keys: string[]): unknown {
  const top = asRecord(answer);
  const data = asRecord(top.data);
  for (const key of keys) if (data[key] !== undefined && data[key] !== null) return data[key];
  for (const key of keys) if (top[key] !== undefined && top[key] !== null) return top[key];
  return undefined;
}

/** `pick` as a string: numbers become their decimal text (a session id must stay a string). */
export function pickString(answer: unknown, ...keys: string[]): string | undefined {
  const value = pick(answer, ...keys);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** `pick` as a finite number: numeric strings are accepted. */
export function pickNumber(answer: unknown, ...keys: string[]): number | undefined {
  const value = pick(answer, ...keys);
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}
