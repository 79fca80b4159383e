import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from '../src/errors.js';
import { probe, type MediaInfo } from '../src/media/index.js';
import type { FfmpegTools } from '../src/media/locate.js';
import type { BenchRow } from './bench-row.js';
import type { BenchTool } from './encode-job.js';
import { measureQuality, type ReferenceFrame } from './quality-metrics.js';

/** A source clip and what ffprobe said about it. */
export type Clip = { path: string; name: string; info: MediaInfo };

/** What a size run needs besides the clips and tools. */
export type SizeBenchSettings = {
  targetPercents: readonly number[];
  /** Scratch folder the outputs are written into. */
  workDir: string;
  vmafModel?: string;
  /** The ffmpeg with libvmaf that measures (the product's meter), when the encoding one lacks it. */
  meterTools?: FfmpegTools;
  /** Called with one line per finished encode. */
  log: (line: string) => void;
  /** Called after each clip with every row so far, so a long run leaves results even if cut short. */
  onClipDone?: (rows: readonly BenchRow[], clipsDone: number) => Promise<void>;
};

/** VMAF scores at most about this many frames per output; longer clips are subsampled evenly. */
const VMAF_FRAME_BUDGET = 240;

/**
 * Encodes every clip at every target with every tool, one at a time (they would slow each other
 * down otherwise), measuring size, wall time and quality against the source as displayed.
 */
export async function runSizeBench(clips: readonly Clip[], tools: readonly BenchTool[], settings: SizeBenchSettings): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const total = clips.length * settings.targetPercents.length * tools.length;
  for (const clip of clips) {
    const frame = referenceFrame(clip.info);
    const vmafSubsample = Math.max(1, Math.ceil((clip.info.durationSec * frame.fps) / VMAF_FRAME_BUDGET));
    for (const targetPercent of settings.targetPercents) {
      const targetBytes = Math.floor((clip.info.sizeBytes * targetPercent) / 100);
      for (const tool of tools) {
        const row: BenchRow = { clip: clip.name, sourceBytes: clip.info.sizeBytes, targetPercent, targetBytes, tool: tool.name };
        const stem = `${path.parse(clip.name).name}.${targetPercent}pct.${tool.name}`;
        let askedKbps: number | undefined;
        try {
          const started = performance.now();
          const { output, note, checkMs, audioKbps } = await tool.encode({ input: clip.path, info: clip.info, targetBytes, outDir: settings.workDir, stem });
          row.wallMs = performance.now() - started;
          row.checkMs = checkMs;
          row.bytes = (await stat(output)).size;
          row.output = output;
          row.note = note;
          askedKbps = audioKbps;
        } catch (error) {
          row.error = oneLine(error);
        }
        // A measurement that fails leaves the output counted, its bytes and time kept, and says so.
        if (row.output) {
          try {
            row.audio = await soundOf(row.output, askedKbps);
            Object.assign(row, await measureQuality(row.output, clip.path, frame, { vmafModel: settings.vmafModel, vmafSubsample, tools: settings.meterTools }));
          } catch (error) {
            row.note = [row.note, `not measured: ${oneLine(error)}`].filter(Boolean).join('; ');
          }
        }
        rows.push(row);
        settings.log(`[${rows.length}/${total}] ${describeRow(row)}`);
      }
    }
    await settings.onClipDone?.(rows, clips.indexOf(clip) + 1);
  }
  return rows;
}

/** The output's sound as ffprobe reports it; undefined without sound (or a bitrate to say). */
async function soundOf(output: string, askedKbps: number | undefined): Promise<BenchRow['audio']> {
  const { audio } = await probe(output);
  return audio?.bitrate ? { kbps: audio.bitrate / 1000, channels: audio.channels, ...(askedKbps === undefined ? {} : { askedKbps }) } : undefined;
}

/** Cheapest clips first (pixels × frames), so a run cut short has covered as many clips as it could. */
export function byEncodeCost(a: Clip, b: Clip): number {
  const cost = (clip: Clip) => clip.info.durationSec * (clip.info.video ? clip.info.video.displayWidth * clip.info.video.displayHeight * clip.info.video.avgFps : 0);
  return cost(a) - cost(b);
}

/** The picture outputs are compared with: the source's display size and average frame rate. */
export function referenceFrame(info: MediaInfo): ReferenceFrame {
  if (!info.video) throw new Error(`${path.basename(info.path)} has no video track.`);
  const fps = info.video.avgFps > 0 ? info.video.avgFps : info.video.realFps;
  return { width: info.video.displayWidth, height: info.video.displayHeight, fps, hdr: info.video.hdr !== undefined };
}

function describeRow(row: BenchRow): string {
  const head = `${row.clip} @ ${row.targetPercent} % ${row.tool}:`;
  if (row.error) return `${head} ${row.error}`;
  const ratio = ((row.bytes ?? 0) / row.targetBytes).toFixed(3);
  const vmaf = row.vmaf === undefined ? '' : ` VMAF ${row.vmaf.toFixed(2)}`;
  return `${head} ${ratio}× target, SSIM ${row.ssim?.toFixed(4)}${vmaf}, ${((row.wallMs ?? 0) / 1000).toFixed(1)} s`;
}

// A goal the product calls impossible is a refusal, not a crash: the table says which it was.
function oneLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
  if (error instanceof MediaError && error.kind === 'impossible') return `refused: ${message}`;
  return `failed: ${message}${error instanceof MediaError ? encoderComplaint(error.stderrTail) : ''}`;
}

// ffmpeg's last line is only "Conversion failed!"; the encoder said why a few lines up
// (x264: "requested bitrate is too low" when even QP 51 cannot reach the bitrate).
function encoderComplaint(stderrTail: string | undefined): string {
  const line = stderrTail?.split('\n').find((candidate) => /converge|too low|error/i.test(candidate) && !/Conversion failed/.test(candidate));
  return line ? ` (${line.replace(/^\[[^\]]*\]\s*/, '').trim().slice(0, 120)})` : '';
}
