import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanceledError, MediaError } from '../../src/errors.js';
import { chooseFfmpeg, locateFfmpeg, preferSystem, type BuildInfo, type FfmpegTools } from '../../src/media/locate.js';
import { runFfmpeg, runFfprobe, type FfmpegProgress } from '../../src/media/run-ffmpeg.js';

let dir: string;

/** Writes a small executable Node script standing in for ffmpeg, to act out one failure mode. */
async function stub(name: string, body: string): Promise<FfmpegTools> {
  const file = path.join(dir, name);
  await writeFile(file, `#!${process.execPath}\n${body}\n`);
  await chmod(file, 0o755);
  return { ffmpeg: file, ffprobe: file };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'run-ffmpeg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runFfmpeg', () => {
  it('runs the real ffmpeg and reports progress up to 1', async () => {
    const ticks: FfmpegProgress[] = [];
    await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '1', '-f', 'null', '-'], {
      durationSec: 1,
      onProgress: (p) => ticks.push(p),
    });
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.at(-1)).toMatchObject({ done: true, fraction: 1 });
  });

  it('turns a non-zero exit into MediaError("failed") with the stderr tail and exit status', async () => {
    const tools = await stub('exits-1', "process.stderr.write('line one\\nInvalid data found when processing input\\n'); process.exit(1);");
    const error = await runFfmpeg(['-i', 'x'], { tools }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind: 'failed', exitStatus: 1, signal: null });
    expect((error as MediaError).message).toContain('Invalid data found');
    expect((error as MediaError).stderrTail).toContain('line one');
  });

  it('kills a process that hangs when the signal aborts, and rejects with CanceledError', async () => {
    const tools = await stub('hangs', "setInterval(() => {}, 1000); process.stdout.write('progress=continue\\n');");
    const controller = new AbortController();
    const run = runFfmpeg([], { tools, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(CanceledError);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(runFfmpeg(['-version'], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CanceledError);
  });

  it('ignores garbage in the progress stream, split across chunks', async () => {
    const script = [
      "const out = ['garbage', '=', 'fps=N/A', 'out_time_us=N/A', 'speed=N/A', 'progress=continue',",
      "  'frame=10', 'fps=25.0', 'out_time_us=500000', 'speed=2.00x', 'progress=continue',",
      "  '\\u0000\\u0001 binary', 'out_time_ms=1000000', 'progress=end'].join('\\n') + '\\n';",
      'for (let i = 0; i < out.length; i += 7) process.stdout.write(out.slice(i, i + 7));',
    ].join('\n');
    const tools = await stub('garbage', script);
    const ticks: FfmpegProgress[] = [];
    await runFfmpeg([], { tools, durationSec: 2, onProgress: (p) => ticks.push(p) });
    expect(ticks).toEqual([
      { outTimeSec: 0, frames: 0, fraction: 0, fps: undefined, speed: undefined, etaSec: undefined, done: false },
      { outTimeSec: 0.5, frames: 10, fraction: 0.25, fps: 25, speed: 2, etaSec: 0.75, done: false },
      { outTimeSec: 1, frames: 10, fraction: 1, fps: undefined, speed: undefined, etaSec: 0, done: true },
    ]);
  });

  it('counts progress in frames when told the frames, not the duration (a comparison stamps frames by number)', async () => {
    const script = "process.stdout.write(['frame=30', 'fps=10', 'out_time_us=30', 'progress=continue', 'frame=120', 'progress=end'].join('\\n') + '\\n');";
    const tools = await stub('frames', script);
    const ticks: FfmpegProgress[] = [];
    await runFfmpeg([], { tools, frames: 120, onProgress: (p) => ticks.push(p) });
    expect(ticks.map(({ frames, fraction, etaSec }) => ({ frames, fraction, etaSec }))).toEqual([
      { frames: 30, fraction: 0.25, etaSec: 9 },
      { frames: 120, fraction: 1, etaSec: 0 },
    ]);
  });

  it('says ffmpeg could not be started when the binary is missing', async () => {
    const tools = { ffmpeg: path.join(dir, 'no-such-ffmpeg'), ffprobe: path.join(dir, 'no-such-ffprobe') };
    await expect(runFfprobe(['-version'], { tools })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('locateFfmpeg', () => {
  it('prefers COMPRESSOR_FFMPEG / COMPRESSOR_FFPROBE', async () => {
    const tools = await stub('my-ffmpeg', '');
    expect(locateFfmpeg({ COMPRESSOR_FFMPEG: tools.ffmpeg, COMPRESSOR_FFPROBE: tools.ffprobe, PATH: '' })).toEqual(tools);
  });

  /** A PATH holding an ffmpeg and ffprobe that answer -encoders with this banner and list. */
  async function systemBuild(name: string, libavcodec: string, encoders: string[], exit = 0): Promise<string> {
    const bin = path.join(dir, name);
    await rm(bin, { recursive: true, force: true });
    await mkdir(bin);
    const banner = `ffmpeg version ${name} Copyright\\n  libavcodec     ${libavcodec} / ${libavcodec}\\n`;
    const list = encoders.map((e) => ` V..... ${e}  some encoder\\n`).join('');
    for (const tool of ['ffmpeg', 'ffprobe']) {
      await writeFile(path.join(bin, tool), `#!${process.execPath}\nprocess.stderr.write("${banner}"); process.stdout.write("${list}"); process.exit(${exit});\n`);
      await chmod(path.join(bin, tool), 0o755);
    }
    return bin;
  }

  it('takes the ffmpeg on PATH when it is newer than the bundled one and has libx264 and aac', async () => {
    const bin = await systemBuild('9.0', '99. 1.100', ['libx264', 'aac', 'libsvtav1']);
    expect(chooseFfmpeg({ PATH: bin })).toMatchObject({ ffmpeg: path.join(bin, 'ffmpeg'), ffprobe: path.join(bin, 'ffprobe'), source: 'system' });
  });

  it('keeps the bundled one when the ffmpeg on PATH is older, lacks libx264, or is not an ffmpeg', async () => {
    for (const bin of [
      await systemBuild('3.4', '57. 107.100', ['libx264', 'aac']),
      await systemBuild('9.1', '99. 2.100', ['aac']),
      await systemBuild('broken', '99. 3.100', ['libx264', 'aac'], 1),
    ]) {
      const choice = chooseFfmpeg({ PATH: bin });
      expect(choice.source).toBe('bundled');
      expect(choice.ffmpeg).toContain('@ffmpeg-installer');
    }
  });

  it('falls back to the npm-shipped binaries', () => {
    const tools = locateFfmpeg({ PATH: '' });
    expect(tools.ffmpeg).toContain('@ffmpeg-installer');
    expect(tools.ffprobe).toContain('@ffprobe-installer');
  });

  const build = (version: string, libavcodec: [number, number, number] | undefined, missing: string[] = []): BuildInfo => ({ version, libavcodec, missing });
  it.each([
    [build('5.1', [59, 37, 100]), build('N-2018', [58, 42, 100]), true, /newer than the bundled one \(N-2018\)/],
    [build('4.0', [58, 18, 100]), build('N-2018', [58, 42, 100]), false, /not newer/],
    [build('5.1', [58, 42, 100]), build('N-2018', [58, 42, 100]), false, /not newer/],
    [build('5.1', [59, 37, 100], ['libx264']), build('N-2018', [58, 42, 100]), false, /lacks libx264/],
    [build('unknown', undefined), build('N-2018', [58, 42, 100]), false, /did not answer/],
    [build('5.1', [59, 37, 100]), undefined, true, /bundled one does not answer/],
  ])('preferSystem(%o, %o) → %s', (system, bundled, useSystem, reason) => {
    const verdict = preferSystem(system, bundled);
    expect(verdict.useSystem).toBe(useSystem);
    expect(verdict.reason).toMatch(reason);
  });

  it('refuses an override that is not executable', () => {
    expect(() => locateFfmpeg({ COMPRESSOR_FFMPEG: path.join(dir, 'nothing-here') })).toThrow(MediaError);
  });
});
