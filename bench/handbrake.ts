import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { BenchTool, EncodeJob } from './encode-job.js';
import { NAIVE_AUDIO_KBPS, naiveVideoKbps } from './naive-two-pass.js';

/** The HandBrakeCLI on PATH, or undefined when it is not installed (the bench then leaves it out). */
export function findHandbrake(searchPath: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'HandBrakeCLI');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * HandBrakeCLI's arguments for the same job as the naive two-pass: preset "Fast 1080p30", two-pass
 * average bitrate with a turbo first pass, AAC at the same 128k. Cropping is switched off because
 * its automatic crop would change the picture the quality metrics compare.
 */
export function handbrakeArgs(input: string, output: string, videoKbps: number): string[] {
  return [
    '--preset', 'Fast 1080p30',
    '-i', input,
    '-o', output,
    '--vb', String(videoKbps),
    '--two-pass', '--turbo',
    '-B', String(NAIVE_AUDIO_KBPS),
    '--crop-mode', 'none',
  ];
}

/** HandBrakeCLI's own "Fast 1080p30" (RF 22, constant quality), for the quality-mode table. */
export function handbrakeQualityArgs(input: string, output: string): string[] {
  return ['--preset', 'Fast 1080p30', '-i', input, '-o', output, '--crop-mode', 'none'];
}

/** HandBrakeCLI at the naive recipe's bitrate, as a bench tool. */
export function handbrakeTool(binary: string): BenchTool {
  return {
    name: 'handbrake',
    async encode(job: EncodeJob) {
      const hasAudio = job.info.audio !== undefined;
      const { kbps, clamped } = naiveVideoKbps(job.targetBytes, job.info.durationSec, hasAudio ? NAIVE_AUDIO_KBPS : 0);
      const output = path.join(job.outDir, `${job.stem}.mp4`);
      await runHandbrake(binary, handbrakeArgs(job.input, output, kbps));
      return { output, note: clamped ? `formula ≤ 0, video clamped to ${kbps} kbps` : undefined };
    },
  };
}

/** The first line of `HandBrakeCLI --version`, for the machine description. */
export async function handbrakeVersion(binary: string): Promise<string> {
  const printed = await runHandbrake(binary, ['--version']);
  return /^HandBrake \d\S*/m.exec(printed)?.[0] ?? 'unknown';
}

/** Runs HandBrakeCLI with `args`; resolves with the tail of what it printed, rejects on a non-zero exit. */
export function runHandbrake(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(printed);
      else reject(new Error(`HandBrakeCLI exited with status ${status}: ${printed.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}
