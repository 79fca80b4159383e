/**
 * The one place numbers become words for a person: sizes and durations. Sizes are SI (1 MB =
 * 1,000,000 bytes, the way people write them), except a size that is round in binary units and not
 * in decimal ones, which someone said in MiB or GiB and reads back the same way.
 */

/** "100 MB", "1.5 GB", "9.88 MB", "850 KB", "9.35 KB", "2 MiB", "512 bytes": three significant digits at most. */
export function formatBytes(bytes: number): string {
  const binary = bytes > 0 && bytes % 1024 ** 2 === 0 && bytes % 1000 ** 2 !== 0;
  const steps: [number, string][] = binary
    ? [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB']]
    : [[1000 ** 3, 'GB'], [1000 ** 2, 'MB'], [1000, 'KB']];
  const step = steps.find(([size]) => bytes >= size);
  return step ? `${significant(bytes / step[0])} ${step[1]}` : `${Math.round(bytes)} bytes`;
}

/** "45 s", "9.5 s", "2:20", "1:02:03": short spans in seconds, longer ones on a clock. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${plainSeconds(seconds)} s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "12", "12.5": a time in seconds to a tenth, for ranges such as "12-22.5s". */
export function plainSeconds(seconds: number): string {
  return String(Number(seconds.toFixed(1)));
}

function significant(value: number): string {
  // 999.6 KB rounds to "1000 KB" rather than jumping a unit: rare, and still true.
  return String(value >= 100 ? Math.round(value) : Number(value.toPrecision(3)));
}
