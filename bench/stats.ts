/** The middle value (mean of the two middle ones for an even count); undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}

/** The fraction (0..1) of `items` for which `test` holds; undefined for no items. */
export function shareOf<T>(items: readonly T[], test: (item: T) => boolean): number | undefined {
  if (items.length === 0) return undefined;
  return items.filter(test).length / items.length;
}
