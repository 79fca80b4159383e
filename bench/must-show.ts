import { sizeRatio, type BenchRow } from './bench-row.js';
import { median } from './stats.js';
import { pairedDifferences } from './summary.js';
import { fixed, percent } from './table.js';

/** The copy check: an already-small H.264/AAC MP4 through ours, against the encode that made it. */
export type CopyCheck = {
  clip: string;
  inputBytes: number;
  targetBytes: number;
  /** Wall time of the naive two-pass encode that produced the input. */
  encodeMs: number;
  /** Wall time of compress() on it. */
  oursMs: number;
  /** The plan mode compress() chose ('copy' is the point). */
  mode: string;
  outputBytes: number;
};

/** One "Must show" claim of the issue, whether this run shows it, and the numbers behind the verdict. */
export type Verdict = { claim: string; pass: boolean | undefined; detail: string };

/** The wall-time allowance against the naive two-pass. */
export const TIME_ALLOWANCE = 1.1;

/**
 * Judges the issue's "Must show" list from the rows ('ours' against 'naive'). A claim with no data
 * (no ours rows yet, no copy check) gets pass undefined rather than a verdict.
 */
export function mustShow(rows: readonly BenchRow[], copy: CopyCheck | undefined, ours = 'ours', naive = 'naive'): Verdict[] {
  const mine = rows.filter((row) => row.tool === ours);
  const theirs = rows.filter((row) => row.tool === naive);
  const verdicts: Verdict[] = [];
  const under = mine.filter((row) => row.bytes !== undefined && row.bytes <= row.targetBytes).length;
  verdicts.push({
    claim: '100 % of outputs at or under the target',
    pass: mine.length ? under === mine.length : undefined,
    detail: `${under}/${mine.length} at or under${failures(mine)}`,
  });
  const ratio = median(mine.flatMap((row) => sizeRatio(row) ?? []));
  verdicts.push({ claim: 'median output/target ≥ 0.95', pass: ratio === undefined ? undefined : ratio >= 0.95, detail: `median ${fixed(ratio, 3)}` });

  const targets = [...new Set(rows.map((row) => row.targetPercent))].sort((a, b) => b - a);
  const hasVmaf = mine.some((row) => row.vmaf !== undefined);
  const quality = targets.map((target) => ({
    target,
    ssim: median(pairedDifferences(rows, ours, naive, target, 'ssim')),
    vmaf: hasVmaf ? median(pairedDifferences(rows, ours, naive, target, 'vmaf')) : undefined,
  }));
  const describe = (q: (typeof quality)[number]) => `${q.target} %: SSIM ${signed(q.ssim, 4)}${hasVmaf ? `, VMAF ${signed(q.vmaf, 2)}` : ''}`;
  const atLeast = quality.map((q) => (hasVmaf ? q.vmaf : q.ssim));
  verdicts.push({
    claim: 'quality at least the naive two-pass’s on the median clip at every target',
    pass: atLeast.length && atLeast.every((d) => d !== undefined) ? atLeast.every((d) => (d as number) >= 0) : undefined,
    detail: `median per-clip difference (ours − naive, ${hasVmaf ? 'judged on VMAF' : 'judged on SSIM'}): ${quality.map(describe).join('; ')}`,
  });
  const smallest = quality.at(-1);
  verdicts.push({
    claim: `clearly better at the smallest target (${smallest?.target ?? '–'} %): ≥ +2 VMAF or ≥ +0.005 SSIM`,
    pass: smallest?.ssim === undefined ? undefined : (smallest.vmaf ?? -Infinity) >= 2 || smallest.ssim >= 0.005,
    detail: smallest ? describe(smallest) : 'no data',
  });

  const timeAt = targets.map((target) => {
    const wall = (rows: readonly BenchRow[]) => median(rows.flatMap((row) => (row.targetPercent === target ? (row.wallMs ?? []) : [])));
    return { target, mine: wall(mine), theirs: wall(theirs) };
  });
  const timed = timeAt.filter((t) => t.mine !== undefined && t.theirs !== undefined);
  verdicts.push({
    claim: `median wall time ≤ ${TIME_ALLOWANCE} × the naive two-pass’s at each target`,
    pass: timed.length ? timed.length === timeAt.length && timed.every((t) => (t.mine as number) <= TIME_ALLOWANCE * (t.theirs as number)) : undefined,
    detail: timeAt.map((t) => `${t.target} %: ours ${fixed(t.mine && t.mine / 1000, 2)} s vs naive ${fixed(t.theirs && t.theirs / 1000, 2)} s (${fixed(t.mine && t.theirs && t.mine / t.theirs, 2)}×)`).join('; '),
  });

  verdicts.push(soundVerdict(mine, targets[0]));
  verdicts.push(checkVerdict(mine));

  verdicts.push({
    claim: 'an already-small H.264/AAC MP4 is copied in under 10 % of an encode’s time',
    pass: copy ? copy.mode === 'copy' && copy.oursMs < 0.1 * copy.encodeMs : undefined,
    detail: copy
      ? `${copy.clip}: plan ${copy.mode}, ours ${(copy.oursMs / 1000).toFixed(2)} s vs encode ${(copy.encodeMs / 1000).toFixed(2)} s (${percent(copy.oursMs / copy.encodeMs)})`
      : 'not run',
  });
  return verdicts;
}

/** What AAC-LC needs to sound acceptable: below this a listener hears it (the issue's floor). */
export const MIN_AUDIO_KBPS = { mono: 48, stereo: 64 };

/**
 * The largest target's outputs keep sound a listener accepts, where they have sound at all: judged
 * on the bitrate asked of the encoder where the tool says it (AAC's own rate dips under it, to a
 * few kbps on a silent track), else on the measured one.
 */
function soundVerdict(mine: readonly BenchRow[], target: number | undefined): Verdict {
  const floor = (channels: number) => (channels >= 2 ? MIN_AUDIO_KBPS.stereo : MIN_AUDIO_KBPS.mono);
  const voiced = mine.flatMap(({ clip, targetPercent, audio }) => (targetPercent === target && audio ? [{ clip, channels: audio.channels, kbps: audio.askedKbps ?? audio.kbps }] : []));
  const starved = voiced.filter((sound) => sound.kbps < floor(sound.channels));
  const lowest = [...voiced].sort((a, b) => a.kbps - b.kbps)[0];
  return {
    claim: `sound ≥ ${MIN_AUDIO_KBPS.stereo} kbps stereo (${MIN_AUDIO_KBPS.mono} mono) at the ${target ?? '–'} % target`,
    pass: voiced.length ? starved.length === 0 : undefined,
    detail: lowest
      ? `${voiced.length - starved.length}/${voiced.length} outputs with sound at or over; lowest ${lowest.kbps.toFixed(0)} kbps (${lowest.clip}, ${lowest.channels} ch)${starved.length ? `; under: ${starved.map((sound) => sound.clip).join(', ')}` : ''}`
      : 'no output with sound',
  };
}

/** The issue's allowance for checking an output: a share of what making it took. */
export const CHECK_ALLOWANCE = 0.15;

/** The output check's cost against the rest of the run that made the output, median and worst. */
function checkVerdict(mine: readonly BenchRow[]): Verdict {
  const shares = mine.flatMap((row) => (row.checkMs !== undefined && row.wallMs !== undefined && row.wallMs > row.checkMs ? [{ clip: row.clip, target: row.targetPercent, share: row.checkMs / (row.wallMs - row.checkMs) }] : []));
  const typical = median(shares.map((s) => s.share));
  const worst = [...shares].sort((a, b) => b.share - a.share)[0];
  return {
    claim: `the output check ≤ ${percent(CHECK_ALLOWANCE)} of the encode’s time (median)`,
    pass: typical === undefined ? undefined : typical <= CHECK_ALLOWANCE,
    detail: worst ? `median ${percent(typical)}; worst ${percent(worst.share)} (${worst.clip} at ${worst.target} %)` : 'no data',
  };
}

function failures(rows: readonly BenchRow[]): string {
  const missing = rows.filter((row) => row.bytes === undefined);
  const refused = missing.filter((row) => row.error?.startsWith('refused')).length;
  const parts = [refused ? `${refused} refused as impossible` : '', missing.length - refused ? `${missing.length - refused} failed` : ''];
  return missing.length ? ` (${parts.filter(Boolean).join(', ')})` : '';
}

function signed(value: number | undefined, decimals: number): string {
  return value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(decimals)}`;
}
