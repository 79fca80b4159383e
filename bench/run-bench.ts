// `npm run bench`: the size benchmark (ours against a naive ffmpeg two-pass and HandBrakeCLI) or,
// with --calibrate, the SSIM↔VMAF calibration. See bench/README.md.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probe } from '../src/media/probe.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './bench-options.js';
import { listClips } from './clip-list.js';
import type { BenchTool } from './encode-job.js';
import { findHandbrake, handbrakeTool, handbrakeVersion } from './handbrake.js';
import { describeMachine, machineMarkdown } from './machine.js';
import { mustShow } from './must-show.js';
import { naiveTwoPass } from './naive-two-pass.js';
import { writeResultsBlock } from './results-file.js';
import { runSizeBench, type Clip } from './size-bench.js';
import { detailTable, summaryTable, verdictTable } from './size-report.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchArgs(argv, {
    clipsDir: path.resolve(repoRoot, '../shared/media'),
    resultsFile: path.join(repoRoot, 'bench', 'RESULTS.md'),
  });
  if (!existsSync(options.clipsDir)) {
    console.error(`No clips folder at ${options.clipsDir}; pass one with --clips DIR.\n${BENCH_USAGE}`);
    return 2;
  }
  const clips = await loadClips(options);
  if (clips.length === 0) {
    console.error(`No video files in ${options.clipsDir}${options.only.length ? ` matching ${options.only.join(', ')}` : ''}.`);
    return 2;
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'compressor-bench-'));
  try {
    await runSizeMode(options, clips, workDir);
  } finally {
    if (options.keep) console.error(`Outputs kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
  return 0;
}

async function loadClips(options: BenchOptions): Promise<Clip[]> {
  const paths = await listClips(options.clipsDir, options.only);
  return Promise.all(paths.map(async (file) => ({ path: file, name: path.basename(file), info: await probe(file) })));
}

async function runSizeMode(options: BenchOptions, clips: Clip[], workDir: string): Promise<void> {
  const handbrake = options.skipHandbrake ? undefined : findHandbrake();
  const tools: BenchTool[] = [naiveTwoPass, ...(handbrake ? [handbrakeTool(handbrake)] : [])];
  const machine = await describeMachine(handbrake && (await handbrakeVersion(handbrake)));
  console.error(`Benchmarking ${clips.length} clip(s) × ${options.targetPercents.length} target(s) × ${tools.map((tool) => tool.name).join(', ')} in ${workDir}`);

  const rows = await runSizeBench(clips, tools, {
    targetPercents: options.targetPercents,
    workDir,
    vmafModel: options.vmafModel,
    log: (line) => console.error(line),
  });
  const verdicts = mustShow(rows, undefined);
  const report = [
    '## Size targets: ours vs naive ffmpeg two-pass vs HandBrakeCLI',
    '',
    `Clips: ${clips.map((clip) => clip.name).join(', ')}. Targets: ${options.targetPercents.join(', ')} % of each source's size.` +
      ` Quality is measured at the source's display size and frame rate; VMAF ${options.vmafModel ? `with ${path.basename(options.vmafModel)}` : 'not measured (no --vmaf-model)'}.`,
    '',
    machineMarkdown(machine),
    '',
    '### Medians',
    '',
    summaryTable(rows),
    '',
    '### Must show',
    '',
    verdictTable(verdicts),
    '',
    '### Every encode',
    '',
    detailTable(rows),
  ].join('\n');
  console.log(report);
  await writeResultsBlock(options.resultsFile, 'size', report);
  console.error(`Wrote ${path.relative(process.cwd(), options.resultsFile)}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
