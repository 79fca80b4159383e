// Reading what an ffmpeg build says about itself (`-version`, `-encoders`, `-filters`). Pure.

/** The version word of `ffmpeg -version` (or ffprobe's), e.g. '5.1.9-0+deb12u1' or 'N-47683-g0e8eb07980-static'. */
export function versionWord(versionText: string): string {
  return /ff(?:mpeg|probe) version (\S+)/.exec(versionText)?.[1] ?? 'unknown';
}

/**
 * libavcodec's version as [major, minor, micro], the one number that orders builds of any kind:
 * release numbers ('5.1.9') and git snapshots ('N-47683-g0e8eb07980') cannot be compared, the
 * library they carry can. Undefined when the text has none (not an ffmpeg).
 */
export function libavcodecVersion(versionText: string): [number, number, number] | undefined {
  const match = /libavcodec\s+(\d+)\.\s*(\d+)\.\s*(\d+)/.exec(versionText);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whether version `a` is newer than `b`. */
export function isNewer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

/** Whether `-encoders` or `-filters` output lists `name` (its flags column first, then the name). */
export function listHas(list: string, name: string): boolean {
  return new RegExp(`^\\s*\\S+\\s+${name.replace(/[-_]/g, '[-_]')}\\s`, 'm').test(list);
}
