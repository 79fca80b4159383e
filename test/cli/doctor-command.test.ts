import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, type DoctorReport } from '../../src/cli/doctor-command.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

const bin = resolve('bin/compressor-studio.js');
const work = mkdtempSync(join(tmpdir(), 'doctor-'));
const require = createRequire(import.meta.url);
const bundled = { ffmpeg: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path, ffprobe: (require('@ffprobe-installer/ffprobe') as { path: string }).path };

function doctor(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'doctor', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('compressor-studio doctor', () => {
  it('--json: the ffmpeg in use and why, its encoders, VMAF, the folders and the embedded node', async () => {
    const root = join(work, 'plain');
    const result = await doctor(['--json'], isolatedEnv(root));
    expect([result.code, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(existsSync(report.ffmpeg.path)).toBe(true);
    expect(existsSync(report.ffprobe.path)).toBe(true);
    expect(['system', 'bundled']).toContain(report.ffmpeg.source);
    expect(report.ffmpeg.reason).toMatch(/PATH|bundled/);
    expect(report.encoders).toContain('libx264');
    // The bundled build has libvmaf and the package ships its model: VMAF whichever ffmpeg encodes.
    expect(report.vmaf).toBe(true);
    expect(report.vmafFfmpeg).toBe(report.ffmpeg.source === 'system' ? bundled.ffmpeg : report.ffmpeg.path);
    expect(report.node).toEqual({ kind: 'embedded', where: join(root, 'data') });
    expect(report.folders).toEqual({ config: join(root, 'config'), data: join(root, 'data'), nodeFile: join(root, 'run', 'node.json') });
  });

  it('says which encoders COMPRESSOR_SKIP_ENCODERS leaves out, and lists them nowhere else', async () => {
    const result = await doctor([], isolatedEnv(join(work, 'skipping'), { COMPRESSOR_SKIP_ENCODERS: 'libx265, h264_nvenc' }));
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^skipped +libx265, h264_nvenc \(COMPRESSOR_SKIP_ENCODERS\)$/m);
    expect(result.stdout).not.toMatch(/^encoders .*libx265/m);
  });

  it('names the bundled build when COMPRESSOR_FFMPEG/COMPRESSOR_FFPROBE point at it: libvmaf, libaom', async () => {
    const result = await doctor([], isolatedEnv(join(work, 'bundled'), { COMPRESSOR_FFMPEG: bundled.ffmpeg, COMPRESSOR_FFPROBE: bundled.ffprobe }));
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(`ffmpeg     ${bundled.ffmpeg} (N-`);
    expect(result.stdout).toMatch(/override: COMPRESSOR_FFMPEG and COMPRESSOR_FFPROBE name them/);
    expect(result.stdout).toMatch(/^VMAF +yes \(libvmaf\)$/m);
    expect(result.stdout).toMatch(/^AV1\/WebM +libaom-av1/m);
  });
});

describe('formatReport', () => {
  const report: DoctorReport = {
    ffmpeg: { path: '/x/ffmpeg', version: 'N-1', source: 'bundled', reason: 'no ffmpeg and ffprobe on PATH' },
    ffprobe: { path: '/x/ffprobe', version: 'N-1' },
    encoders: ['libx264', 'h264_nvenc'],
    hardwareEncoders: ['h264_nvenc'],
    skippedEncoders: [],
    av1Encoder: null,
    vmaf: false,
    vmafFfmpeg: null,
    node: { kind: 'attached', where: 'http://127.0.0.1:8787' },
    folders: { config: '/c', data: '/d', nodeFile: '/r/node.json' },
  };

  it('says how to get a newer ffmpeg when the bundled one is in use, and nothing about it otherwise', () => {
    expect(formatReport(report)).toMatch(/apt-get install ffmpeg .* brew install ffmpeg/);
    expect(formatReport({ ...report, ffmpeg: { ...report.ffmpeg, source: 'system' } })).not.toMatch(/apt-get/);
  });

  it('lists hardware encoders apart, and a missing AV1 encoder as a warning', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^encoders +libx264$/m);
    expect(text).toMatch(/^hardware +h264_nvenc \(passed a test encode\)$/m);
    expect(text).toMatch(/^AV1\/WebM +no AV1 encoder/m);
    expect(text).toMatch(/^node +your serve node at http:\/\/127\.0\.0\.1:8787$/m);
    expect(formatReport({ ...report, vmaf: true, vmafFfmpeg: '/b/ffmpeg' })).toMatch(/^VMAF +yes \(libvmaf through \/b\/ffmpeg\)$/m);
  });

  it('names the encoders COMPRESSOR_SKIP_ENCODERS leaves out, and has no such line without them', () => {
    const skipping = formatReport({ ...report, hardwareEncoders: [], skippedEncoders: ['h264_nvenc', 'h264_qsv'] });
    expect(skipping).toMatch(/^hardware +none passed a test encode$/m);
    expect(skipping).toMatch(/^skipped +h264_nvenc, h264_qsv \(COMPRESSOR_SKIP_ENCODERS\)$/m);
    expect(formatReport(report)).not.toMatch(/^skipped/m);
  });
});
