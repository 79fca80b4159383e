import { HARDWARE_H264_ENCODERS } from '../media/codec-table.js';
import { capabilities, SKIP_ENCODERS_ENV, skippedEncoders, type Capabilities } from '../media/capabilities.js';
import { chosenFfmpeg, type FfmpegChoice } from '../media/locate.js';
import { qualityMeter } from '../media/quality-meter.js';
import { runFfprobe } from '../media/run-ffmpeg.js';
import { versionWord } from '../media/ffmpeg-build.js';
import { configDir, dataDir, nodeFilePath } from '../paths.js';
import { parseCommandArgs } from './command-args.js';
import { whichNode } from './node-choice.js';

/** What `doctor` found, as `--json` prints it. */
export type DoctorReport = {
  ffmpeg: { path: string; version: string; source: FfmpegChoice['source']; reason: string };
  ffprobe: { path: string; version: string };
  encoders: string[];
  hardwareEncoders: string[];
  /** Encoders COMPRESSOR_SKIP_ENCODERS leaves out (a flaky GPU's): never used, never test-encoded. */
  skippedEncoders: string[];
  av1Encoder: string | null;
  /** Whether outputs get a VMAF score, and the ffmpeg that measures it (the bundled one when the chosen one lacks libvmaf). */
  vmaf: boolean;
  vmafFfmpeg: string | null;
  node: { kind: 'given' | 'attached' | 'embedded'; where: string };
  folders: { config: string; data: string; nodeFile: string };
};

/** How to get a newer ffmpeg, for the README and for doctor when the bundled 2018 build is in use. */
export const NEWER_FFMPEG_HINT = 'A newer ffmpeg (SVT-AV1, a newer x264, hardware encoders) is one command away: apt-get install ffmpeg (Debian, Ubuntu) or brew install ffmpeg (macOS); it is used when newer than the bundled one.';

/**
 * `compressor-studio doctor [--json]`: which ffmpeg and ffprobe run and why, their versions, the
 * encoders, VMAF, the hardware encoders that passed a test encode and those COMPRESSOR_SKIP_ENCODERS
 * leaves out, the folders, and which render
 * node a run would use. Starts nothing.
 */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const report = await examine();
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return 0;
}

async function examine(): Promise<DoctorReport> {
  const choice = chosenFfmpeg();
  const [caps, probeVersion, node, meter] = await Promise.all([capabilities(), runFfprobe(['-version']).then((r) => versionWord(r.stdout)), whichNode(undefined), qualityMeter()]);
  return {
    ffmpeg: { path: choice.ffmpeg, version: caps.version, source: choice.source, reason: choice.reason },
    ffprobe: { path: choice.ffprobe, version: probeVersion },
    encoders: caps.encoders,
    hardwareEncoders: caps.encoders.filter((name) => HARDWARE_H264_ENCODERS.includes(name)),
    skippedEncoders: skippedEncoders(process.env),
    av1Encoder: av1EncoderOf(caps),
    vmaf: meter.metric === 'vmaf',
    vmafFfmpeg: meter.metric === 'vmaf' ? meter.tools.ffmpeg : null,
    node: node.kind === 'embedded' ? { kind: 'embedded', where: node.dataDir } : { kind: node.kind, where: node.apiBase },
    folders: { config: configDir(), data: dataDir(), nodeFile: nodeFilePath() },
  };
}

function av1EncoderOf(caps: Capabilities): string | null {
  return caps.encoders.find((name) => name === 'libsvtav1') ?? caps.encoders.find((name) => name === 'libaom-av1') ?? null;
}

/** The report for a person: one fact a line. Pure. */
export function formatReport(report: DoctorReport): string {
  const rows: [string, string][] = [
    ['ffmpeg', `${report.ffmpeg.path} (${report.ffmpeg.version})`],
    ['', `${report.ffmpeg.source}: ${report.ffmpeg.reason}`],
    ['ffprobe', `${report.ffprobe.path} (${report.ffprobe.version})`],
    ['encoders', report.encoders.filter((name) => !HARDWARE_H264_ENCODERS.includes(name)).join(', ') || 'none the product knows'],
    ['hardware', report.hardwareEncoders.length > 0 ? `${report.hardwareEncoders.join(', ')} (passed a test encode)` : 'none passed a test encode'],
    ...(report.skippedEncoders.length > 0 ? [['skipped', `${report.skippedEncoders.join(', ')} (${SKIP_ENCODERS_ENV})`] as [string, string]] : []),
    ['AV1/WebM', report.av1Encoder === 'libsvtav1' ? 'SVT-AV1 (libsvtav1)' : report.av1Encoder === 'libaom-av1' ? 'libaom-av1 (slow; SVT-AV1 needs a newer ffmpeg)' : 'no AV1 encoder: WebM output fails'],
    ['VMAF', report.vmaf ? `yes (libvmaf${report.vmafFfmpeg && report.vmafFfmpeg !== report.ffmpeg.path ? ` through ${report.vmafFfmpeg}` : ''})` : 'no (quality is measured with SSIM)'],
    ['node', report.node.kind === 'embedded' ? `embedded, started by each run (data in ${report.node.where})` : `${report.node.kind === 'attached' ? 'your serve node' : 'given'} at ${report.node.where}`],
    ['config', report.folders.config],
    ['data', report.folders.data],
    ['node file', report.folders.nodeFile],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`);
  if (report.ffmpeg.source === 'bundled') lines.push('', NEWER_FFMPEG_HINT);
  return `${lines.join('\n')}\n`;
}
