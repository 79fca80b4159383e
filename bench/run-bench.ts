// `npm run bench`: the size benchmark (ours against a naive ffmpeg two-pass and HandBrakeCLI) and the
// WebM/AV1 line per ffmpeg build, or with --calibrate, the SSIM↔VMAF calibration, or with --quality,
// the quality-mode table, or with --av1, the WebM/AV1 line alone. See bench/README.md.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probe, qualityMeter, SSIM_THRESHOLDS } from '../src/media/index.js';
import { av1Section } from './av1-line.js';
import { runQualityBench } from './quality-bench.js';
import { qualityReport } from './quality-report.js';
import { runCalibration } from './calibrate.js';
import { calibrationTable, calibrationVerdict, VMAF_BAR, type CalibrationVerdict } from './calibration.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './bench-options.js';
import { listClips } from './clip-list.js';
import type { BenchRow } from './bench-row.js';
import { pickCopyInput, runCopyCheck } from './copy-check.js';
import type { BenchTool } from './encode-job.js';
import { findHandbrake, handbrakeTool, handbrakeVersion } from './handbrake.js';
import { describeMachine, machineMarkdown } from './machine.js';
import { mustShow, type CopyCheck } from './must-show.js';
import { naiveTwoPass } from './naive-two-pass.js';
import { ours } from './ours.js';
import { writeResultsBlock } from './results-file.js';
import { byEncodeCost, runSizeBench, type Clip } from './size-bench.js';
import { sizeReport } from './size-report.js';
import { fixed } from './table.js';
import { runScript } from './run-script.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The product's default "visually lossless" SSIM threshold, which the calibration checks. */
const PRODUCT_SSIM_THRESHOLD = SSIM_THRESHOLDS['visually-lossless'];

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchArgs(argv, {
    clipsDir: path.resolve(repoRoot, '../shared/media'),
    resultsFile: path.join(repoRoot, 'bench', 'RESULTS.md'),
  });
  // The WebM/AV1 line alone: it makes its own clip, so it needs no clips folder.
  if (options.av1) return withWorkDir(options, (workDir) => runAv1(options, workDir));
  if (!existsSync(options.clipsDir)) {
    console.error(`No clips folder at ${options.clipsDir}; pass one with --clips DIR.\n${BENCH_USAGE}`);
    return 2;
  }
  const clips = await loadClips(options);
  if (clips.length === 0) {
    console.error(`No video files in ${options.clipsDir}${options.only.length ? ` matching ${options.only.join(', ')}` : ''}.`);
    return 2;
  }
  return withWorkDir(options, async (workDir) => {
    if (options.calibrate) await runCalibrationMode(options, clips, workDir);
    else if (options.quality) await runQualityMode(options, clips, workDir);
    else {
      await runSizeMode(options, clips, workDir);
      await runAv1(options, workDir);
    }
  });
}

/** Runs `use` in a fresh temp folder, removed after (kept with --keep). */
async function withWorkDir(options: BenchOptions, use: (workDir: string) => Promise<void>): Promise<number> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'compressor-bench-'));
  try {
    await use(workDir);
  } finally {
    if (options.keep) console.error(`Outputs kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
  return 0;
}

/** The WebM/AV1 line: seconds per output second with each ffmpeg build, printed and kept in its block of the results. */
async function runAv1(options: BenchOptions, workDir: string): Promise<void> {
  const report = await av1Section(workDir, (line) => console.error(line));
  console.log(report);
  await writeResultsBlock(options.resultsFile, 'av1', report);
  console.error(`Wrote ${path.relative(process.cwd(), options.resultsFile)}`);
}

async function loadClips(options: BenchOptions): Promise<Clip[]> {
  const paths = await listClips(options.clipsDir, options.only);
  const clips = await Promise.all(paths.map(async (file) => ({ path: file, name: path.basename(file), info: await probe(file) })));
  return clips.sort(byEncodeCost);
}

async function runSizeMode(options: BenchOptions, clips: Clip[], workDir: string): Promise<void> {
  const handbrake = options.skipHandbrake ? undefined : findHandbrake();
  const tools: BenchTool[] = [ours, naiveTwoPass, ...(handbrake ? [handbrakeTool(handbrake)] : [])];
  const machine = await describeMachine(handbrake ? await handbrakeVersion(handbrake) : 'not installed, left out');
  console.error(`Benchmarking ${clips.length} clip(s) × ${options.targetPercents.length} target(s) × ${tools.map((tool) => tool.name).join(', ')} in ${workDir}`);

  const write = async (rows: readonly BenchRow[], copy: CopyCheck | undefined, clipsDone: number) => {
    const report = sizeReport({
      clips: clips.map((clip) => clip.name),
      targetPercents: options.targetPercents,
      vmafModel: options.vmafModel,
      machine,
      rows,
      verdicts: mustShow(rows, copy),
      progress: clipsDone < clips.length ? `${clipsDone} of ${clips.length} clips done, no copy check yet` : undefined,
    });
    await writeResultsBlock(options.resultsFile, 'size', report);
    return report;
  };
  // VMAF through the ffmpeg the product measures with (the system one may lack libvmaf).
  const meter = options.vmafModel ? await qualityMeter() : undefined;
  const rows = await runSizeBench(clips, tools, {
    targetPercents: options.targetPercents,
    workDir,
    vmafModel: options.vmafModel,
    meterTools: meter?.metric === 'vmaf' ? meter.tools : undefined,
    log: (line) => console.error(line),
    onClipDone: async (rowsSoFar, clipsDone) => {
      if (clipsDone < clips.length) await write(rowsSoFar, undefined, clipsDone);
    },
  });
  const copyInput = pickCopyInput(rows, clips);
  const copy = copyInput && (await runCopyCheck(copyInput, workDir));
  if (copy) console.error(`Copy check (${copy.clip}): ${copy.mode} in ${(copy.oursMs / 1000).toFixed(2)} s; the encode took ${(copy.encodeMs / 1000).toFixed(2)} s`);
  const report = await write(rows, copy, clips.length);
  console.log(report);
  console.error(`Wrote ${path.relative(process.cwd(), options.resultsFile)}`);
}

async function runQualityMode(options: BenchOptions, clips: Clip[], workDir: string): Promise<void> {
  const meter = await qualityMeter();
  if (meter.metric !== 'vmaf') throw new Error('The quality table needs an ffmpeg with libvmaf; none was found (not even the bundled one).');
  const handbrake = options.skipHandbrake ? undefined : findHandbrake();
  const machine = machineMarkdown(await describeMachine(handbrake ? await handbrakeVersion(handbrake) : 'not installed, left out'));
  const vmafModel = options.vmafModel ?? path.join(repoRoot, 'vmaf', 'vmaf_v0.6.1.pkl');
  console.error(`Quality mode on ${clips.length} clip(s): ours, naive CRF, ${handbrake ? 'HandBrake, ' : ''}oracle, in ${workDir}`);
  const rows = await runQualityBench(clips, { workDir, vmafModel, meterTools: meter.tools, handbrake, log: (line) => console.error(line) });
  const report = qualityReport(rows, machine, handbrake !== undefined);
  console.log(report);
  await writeResultsBlock(options.resultsFile, 'quality', report);
  console.error(`Wrote ${path.relative(process.cwd(), options.resultsFile)}`);
}

async function runCalibrationMode(options: BenchOptions, clips: Clip[], workDir: string): Promise<void> {
  const vmafModel = options.vmafModel ?? path.resolve(repoRoot, '../shared/vmaf/vmaf_v0.6.1.pkl');
  if (!existsSync(vmafModel)) throw new Error(`The calibration needs a VMAF model; none at ${vmafModel}. Pass --vmaf-model FILE.pkl.`);
  const machine = await describeMachine();
  console.error(`Calibrating SSIM against VMAF on ${clips.length} clip(s) at CRF ${options.crfs.join(', ')}`);
  const points = await runCalibration(clips, options.crfs, { workDir, vmafModel, log: (line) => console.error(line) });
  const verdict = calibrationVerdict(points, PRODUCT_SSIM_THRESHOLD);
  const report = [
    '## SSIM threshold calibration',
    '',
    `Each clip's middle (at most 2.5 s or 60 frames) encoded with x264 preset medium at CRF ${options.crfs.join(', ')}, at the source's` +
      ` display size (HDR tone-mapped to SDR on both sides), then scored against the same span of the source: SSIM (ffmpeg's "All")` +
      ` and VMAF (${path.basename(vmafModel)}). Cells are SSIM / VMAF. The last column is the SSIM at which that clip's VMAF crosses` +
      ` ${VMAF_BAR}, interpolated between neighbouring CRFs.`,
    '',
    machineMarkdown(machine),
    '',
    calibrationTable(points),
    '',
    '### Conclusion',
    '',
    conclusion(verdict),
  ].join('\n');
  console.log(report);
  await writeResultsBlock(options.resultsFile, 'calibration', report);
  console.error(`Wrote ${path.relative(process.cwd(), options.resultsFile)}`);
}

function conclusion(verdict: CalibrationVerdict): string {
  const lines = [
    verdict.threshold === undefined
      ? `No clip reached VMAF ${VMAF_BAR} in this CRF range; no threshold can be read off it.`
      : `SSIM ≥ ${fixed(verdict.threshold, 4)} reaches VMAF ≥ ${VMAF_BAR} on every clip that reached it at all (the largest per-clip crossing).`,
  ];
  if (verdict.unreachable.length) lines.push(`Never at VMAF ${VMAF_BAR} even at the lowest CRF: ${verdict.unreachable.join(', ')}.`);
  lines.push(
    verdict.misses.length === 0
      ? `The product's default SSIM ≥ ${verdict.candidate} accepted no encode under VMAF ${VMAF_BAR}.`
      : `The product's default SSIM ≥ ${verdict.candidate} accepted ${verdict.misses.length} encode(s) under VMAF ${VMAF_BAR}: ` +
          verdict.misses.map((miss) => `${miss.clip} CRF ${miss.crf} (SSIM ${miss.ssim.toFixed(4)}, VMAF ${miss.vmaf.toFixed(1)})`).join('; ') + '.',
  );
  return lines.map((line) => `- ${line}`).join('\n');
}

runScript(main);
