import { sizeRatio, type BenchRow } from './bench-row.js';
import { median, shareOf } from './stats.js';

/** Medians for one tool at one target, over every clip it ran on. */
export type ToolSummary = {
  tool: string;
  targetPercent: number;
  runs: number;
  failures: number;
  ratio?: number;
  ssim?: number;
  vmaf?: number;
  wallMs?: number;
  /** Share of runs (failures count as misses) whose output is at or under the target. */
  underTarget?: number;
};

/** Medians per target and tool, in the order the targets and tools first appear in `rows`. */
export function summarize(rows: readonly BenchRow[]): ToolSummary[] {
  const summaries: ToolSummary[] = [];
  for (const targetPercent of unique(rows.map((row) => row.targetPercent))) {
    for (const tool of unique(rows.map((row) => row.tool))) {
      const group = rows.filter((row) => row.targetPercent === targetPercent && row.tool === tool);
      if (group.length > 0) summaries.push(summarizeGroup(tool, targetPercent, group));
    }
  }
  return summaries;
}

/** The same medians over several rows (one tool, one or all targets). */
export function summarizeGroup(tool: string, targetPercent: number, group: readonly BenchRow[]): ToolSummary {
  const done = group.filter((row) => row.bytes !== undefined);
  return {
    tool,
    targetPercent,
    runs: group.length,
    failures: group.length - done.length,
    ratio: median(done.map((row) => sizeRatio(row) as number)),
    ssim: median(numbers(done.map((row) => row.ssim))),
    vmaf: median(numbers(done.map((row) => row.vmaf))),
    wallMs: median(numbers(done.map((row) => row.wallMs))),
    underTarget: shareOf(group, (row) => row.bytes !== undefined && row.bytes <= row.targetBytes),
  };
}

/**
 * Per clip, `tool`'s score minus `baseline`'s at one target, for the clips both finished: the
 * paired differences whose median says whether a tool beats another "on the median clip".
 */
export function pairedDifferences(rows: readonly BenchRow[], tool: string, baseline: string, targetPercent: number, metric: 'ssim' | 'vmaf'): number[] {
  const at = rows.filter((row) => row.targetPercent === targetPercent);
  const differences: number[] = [];
  for (const row of at.filter((candidate) => candidate.tool === tool)) {
    const base = at.find((candidate) => candidate.tool === baseline && candidate.clip === row.clip);
    const ours = row[metric];
    const theirs = base?.[metric];
    if (ours !== undefined && theirs !== undefined) differences.push(ours - theirs);
  }
  return differences;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function numbers(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined);
}
