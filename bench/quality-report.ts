import { QUALITY_VMAF_BAR, type QualityRow, type QualityTool } from './quality-bench.js';
import { median } from './stats.js';
import { fixed, markdownTable } from './table.js';

/** One clip's line of the quality table: ours against the oracle's bytes and the reference tool's time. */
export type QualityLine = {
  clip: string;
  oursVmaf?: number;
  oursCrf?: number;
  oracleCrf?: number;
  /** ours bytes / oracle bytes. */
  bytesRatio?: number;
  naiveVmaf?: number;
  naiveBytesRatio?: number;
  handbrakeVmaf?: number;
  oursSec?: number;
  /** The tool the time is compared with: HandBrake when it ran, else the naive CRF. */
  timeRatio?: number;
  /** ours' output check as a share of its encode time. */
  verifyShare?: number;
};

/** The quality-mode rows per clip, as the table shows them. Pure. */
export function qualityLines(rows: readonly QualityRow[]): QualityLine[] {
  const clips = [...new Set(rows.map((row) => row.clip))];
  return clips.map((clip) => {
    const of = (tool: QualityTool) => rows.find((row) => row.clip === clip && row.tool === tool && !row.error);
    const [ours, naive, handbrake, oracle] = [of('ours'), of('naive-crf'), of('handbrake'), of('oracle')];
    const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined);
    const timeBase = handbrake ?? naive;
    return {
      clip,
      oursVmaf: ours?.vmaf,
      oursCrf: ours?.crf,
      oracleCrf: oracle?.crf,
      bytesRatio: ratio(ours?.bytes, oracle?.bytes),
      naiveVmaf: naive?.vmaf,
      naiveBytesRatio: ratio(naive?.bytes, oracle?.bytes),
      handbrakeVmaf: handbrake?.vmaf,
      oursSec: ours?.wallMs === undefined ? undefined : ours.wallMs / 1000,
      timeRatio: ratio(ours?.wallMs, timeBase?.wallMs),
      verifyShare: ratio(ours?.verifyMs, ours?.encodeMs),
    };
  });
}

/** The claims for the quality mode, each with whether this run shows it. Pure. */
export function qualityVerdicts(lines: readonly QualityLine[], timeAgainst: 'HandBrake' | 'naive CRF'): string[] {
  const values = (pick: (line: QualityLine) => number | undefined) => lines.map(pick).filter((v): v is number => v !== undefined);
  const vmafs = values((l) => l.oursVmaf);
  const bytes = values((l) => l.bytesRatio);
  const times = values((l) => l.timeRatio);
  const verify = values((l) => l.verifyShare);
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    `${mark(vmafs.length === lines.length && vmafs.every((v) => v >= QUALITY_VMAF_BAR))} VMAF ≥ ${QUALITY_VMAF_BAR} on every clip (${vmafs.filter((v) => v >= QUALITY_VMAF_BAR).length} of ${lines.length}; lowest ${fixed(Math.min(...vmafs), 2)})`,
    `${mark((median(bytes) ?? Infinity) <= 1.05 && Math.max(...bytes) <= 1.25)} bytes / oracle: median ${fixed(median(bytes), 2)} (≤ 1.05), worst ${fixed(Math.max(...bytes), 2)} (≤ 1.25)`,
    `${mark((median(times) ?? Infinity) <= 1.5 && Math.max(...times) <= 2.5)} time / ${timeAgainst}: median ${fixed(median(times), 2)}× (≤ 1.5), worst ${fixed(Math.max(...times), 2)}× (≤ 2.5)`,
    `${mark(verify.every((v) => v <= 0.15))} output check ≤ 15 % of the encode: median ${fixed((median(verify) ?? NaN) * 100, 0)} %, worst ${fixed(Math.max(...verify) * 100, 0)} %`,
  ].map((line) => `- ${line}`);
}

/** The quality-mode section of RESULTS.md. Pure. */
export function qualityReport(rows: readonly QualityRow[], machine: string, handbrakeRan: boolean): string {
  const lines = qualityLines(rows);
  const timeAgainst = handbrakeRan ? 'HandBrake' : 'naive CRF';
  const table = markdownTable(
    [
      { heading: 'clip' }, { heading: 'ours VMAF', align: 'right' }, { heading: 'ours CRF', align: 'right' }, { heading: 'oracle CRF', align: 'right' },
      { heading: 'ours bytes / oracle', align: 'right' }, { heading: 'naive CRF 23 VMAF', align: 'right' }, { heading: 'naive bytes / oracle', align: 'right' },
      { heading: 'HandBrake VMAF', align: 'right' }, { heading: 'ours s', align: 'right' }, { heading: `ours s / ${timeAgainst}`, align: 'right' }, { heading: 'check / encode', align: 'right' },
    ],
    lines.map((l) => [
      l.clip, fixed(l.oursVmaf, 2), fixed(l.oursCrf, Number.isInteger(l.oursCrf) ? 0 : 1), fixed(l.oracleCrf, 0), fixed(l.bytesRatio, 2), fixed(l.naiveVmaf, 2), fixed(l.naiveBytesRatio, 2),
      fixed(l.handbrakeVmaf, 2), fixed(l.oursSec, 1), fixed(l.timeRatio, 2), l.verifyShare === undefined ? '–' : `${Math.round(l.verifyShare * 100)} %`,
    ]),
  );
  const failures = rows.filter((row) => row.error).map((row) => `- ${row.clip} ${row.tool}: ${row.error}`);
  return [
    '## Quality mode ("without losing quality")',
    '',
    `Ours: compress() with quality 'visually-lossless'. Naive: ffmpeg x264 medium CRF 23, AAC 128k. HandBrake: Fast 1080p30 (RF 22)${handbrakeRan ? '' : ' — not installed, left out; times are against the naive CRF'}.` +
      ` Oracle: the largest x264-medium CRF whose whole-clip VMAF reaches ${QUALITY_VMAF_BAR}, by bisection. VMAF 0.6.1 of each whole output against the source at its display size.`,
    '',
    machine,
    '',
    table,
    '',
    ...qualityVerdicts(lines, timeAgainst),
    ...(failures.length ? ['', 'Failures:', ...failures] : []),
  ].join('\n');
}
