import { sizeRatio, type BenchRow } from './bench-row.js';
import { machineMarkdown, type Machine } from './machine.js';
import type { Verdict } from './must-show.js';
import { summarize, summarizeGroup } from './summary.js';
import { bytes, fixed, markdownTable, percent, seconds } from './table.js';

/** Every encode, one line each: clip × target × tool. */
export function detailTable(rows: readonly BenchRow[]): string {
  return markdownTable(
    [
      { heading: 'clip' },
      { heading: 'target', align: 'right' },
      { heading: 'tool' },
      { heading: 'output', align: 'right' },
      { heading: 'out/target', align: 'right' },
      { heading: 'SSIM', align: 'right' },
      { heading: 'VMAF', align: 'right' },
      { heading: 'time', align: 'right' },
      { heading: 'check', align: 'right' },
      { heading: 'sound', align: 'right' },
      { heading: 'note' },
    ],
    rows.map((row) => [
      row.clip,
      `${row.targetPercent} % (${bytes(row.targetBytes)})`,
      row.tool,
      bytes(row.bytes),
      fixed(sizeRatio(row), 3),
      fixed(row.ssim, 4),
      fixed(row.vmaf, 2),
      seconds(row.wallMs),
      seconds(row.checkMs),
      row.audio ? `${row.audio.kbps.toFixed(0)}${row.audio.askedKbps === undefined ? '' : ` of ${row.audio.askedKbps}`} kbps ${row.audio.channels} ch` : '–',
      row.error ?? row.note ?? '',
    ]),
  );
}

/** Medians per target and tool, then per tool over every target. */
export function summaryTable(rows: readonly BenchRow[]): string {
  const perTarget = summarize(rows);
  const overall = [...new Set(rows.map((row) => row.tool))].map((tool) =>
    summarizeGroup(tool, Number.NaN, rows.filter((row) => row.tool === tool)),
  );
  return markdownTable(
    [
      { heading: 'target' },
      { heading: 'tool' },
      { heading: 'runs', align: 'right' },
      { heading: 'out/target', align: 'right' },
      { heading: 'SSIM', align: 'right' },
      { heading: 'VMAF', align: 'right' },
      { heading: 'time', align: 'right' },
      { heading: 'at or under target', align: 'right' },
    ],
    [...perTarget, ...overall].map((summary) => [
      Number.isNaN(summary.targetPercent) ? 'all' : `${summary.targetPercent} %`,
      summary.tool,
      summary.failures ? `${summary.runs} (${summary.failures} failed)` : String(summary.runs),
      fixed(summary.ratio, 3),
      fixed(summary.ssim, 4),
      fixed(summary.vmaf, 2),
      seconds(summary.wallMs),
      percent(summary.underTarget),
    ]),
  );
}

/** The "Must show" verdicts as a table. */
export function verdictTable(verdicts: readonly Verdict[]): string {
  return markdownTable(
    [{ heading: 'claim' }, { heading: 'shown' }, { heading: 'numbers' }],
    verdicts.map((verdict) => [verdict.claim, verdict.pass === undefined ? 'no data' : verdict.pass ? 'PASS' : 'FAIL', verdict.detail]),
  );
}

/** What the size section of RESULTS.md is made from. */
export type SizeReport = {
  clips: readonly string[];
  targetPercents: readonly number[];
  vmafModel?: string;
  machine: Machine;
  rows: readonly BenchRow[];
  verdicts: readonly Verdict[];
  /** Set while the run is still going: how far it got. */
  progress?: string;
};

/** The size section: setup, machine, medians, verdicts and every encode. */
export function sizeReport(report: SizeReport): string {
  return [
    '## Size targets: ours vs naive ffmpeg two-pass vs HandBrakeCLI',
    '',
    ...(report.progress ? [`**Partial results: ${report.progress}.**`, ''] : []),
    `Clips: ${report.clips.join(', ')}. Targets: ${report.targetPercents.join(', ')} % of each source's size.` +
      ` Quality is measured at the source's display size and frame rate; VMAF ${report.vmafModel ? `with ${report.vmafModel.split('/').pop()}` : 'not measured (no --vmaf-model)'}.` +
      ' Time is each tool\'s whole run; ours includes checking its own output ("check" is that part).',
    '',
    machineMarkdown(report.machine),
    '',
    '### Medians',
    '',
    summaryTable(report.rows),
    '',
    '### Must show',
    '',
    verdictTable(report.verdicts),
    '',
    '### Every encode',
    '',
    detailTable(report.rows),
  ].join('\n');
}
