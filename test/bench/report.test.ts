import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-options.js';
import type { BenchRow } from '../../bench/bench-row.js';
import { selectClips } from '../../bench/clip-list.js';
import { pickCopyInput } from '../../bench/copy-check.js';
import { mustShow } from '../../bench/must-show.js';
import { parseQualityLog, qualityFilterGraph } from '../../bench/quality-metrics.js';
import { replaceBlock } from '../../bench/results-file.js';
import type { Clip } from '../../bench/size-bench.js';
import { summarize } from '../../bench/summary.js';
import type { MediaInfo } from '../../src/media/types.js';

const defaults = { clipsDir: '/clips', resultsFile: '/r.md' };

describe('parseBenchArgs', () => {
  it('fills defaults', () => {
    expect(parseBenchArgs([], defaults)).toMatchObject({ clipsDir: '/clips', only: [], targetPercents: [25, 8, 2], calibrate: false, crfs: [14, 17, 20, 23, 26] });
  });

  it('reads every flag', () => {
    const options = parseBenchArgs(
      ['--clips', 'd', '--only', 'a', '--only', 'b', '--targets', '50, 10', '--vmaf-model', 'm.pkl', '--calibrate', '--crfs', '20,28', '--no-handbrake', '--keep'],
      defaults,
    );
    expect(options).toMatchObject({ clipsDir: 'd', only: ['a', 'b'], targetPercents: [50, 10], vmafModel: 'm.pkl', calibrate: true, crfs: [20, 28], skipHandbrake: true, keep: true });
  });

  it.each([['--targets', '25,x'], ['--targets', '0'], ['--crfs', '18.5'], ['--bogus', '1']])('refuses %s %s', (flag, value) => {
    expect(() => parseBenchArgs([flag, value], defaults)).toThrow();
  });
});

describe('selectClips', () => {
  it('keeps videos matching --only, sorted', () => {
    expect(selectClips(['b.webm', 'MANIFEST.md', 'a.MP4', 'c.avi'], [])).toEqual(['a.MP4', 'b.webm', 'c.avi']);
    expect(selectClips(['b.webm', 'a.mp4', 'c.avi'], ['b', 'c'])).toEqual(['b.webm', 'c.avi']);
  });
});

describe('replaceBlock', () => {
  it('appends a marked block to a new file, after the title', () => {
    const document = replaceBlock('', 'size', 'one');
    expect(document).toMatch(/^# Benchmark results/);
    expect(document).toContain('<!-- bench:size -->\none\n<!-- /bench:size -->');
  });

  it('replaces only its own block', () => {
    const both = replaceBlock(replaceBlock('', 'size', 'one'), 'calibration', 'cal');
    const updated = replaceBlock(both, 'size', 'two');
    expect(updated).toContain('two');
    expect(updated).not.toContain('one');
    expect(updated).toContain('<!-- bench:calibration -->\ncal\n');
  });
});

describe('quality log and graph', () => {
  it('reads SSIM All and the pooled VMAF', () => {
    const printed = '[Parsed_ssim_12 @ 0x1] SSIM Y:0.984154 (18.0) U:0.985378 (18.3) V:0.985871 (18.4) All:0.984644 (18.137340)\nVMAF score = 90.452713\n';
    expect(parseQualityLog(printed)).toEqual({ ssim: 0.984644, vmaf: 90.452713 });
    expect(parseQualityLog(printed.split('\n')[0])).toEqual({ ssim: 0.984644, vmaf: undefined });
    expect(() => parseQualityLog('nothing')).toThrow(/no SSIM/);
  });

  it('resamples both sides to the source frame and tone-maps an HDR reference only', () => {
    const graph = qualityFilterGraph({ width: 1080, height: 1920, fps: 30, hdr: true }, { vmafModel: '/m/v.pkl', vmafSubsample: 3 });
    const [distorted, reference] = graph.split(';');
    expect(distorted).toContain('fps=30,scale=1080:1920:flags=bicubic');
    expect(distorted).not.toContain('tonemap');
    expect(reference).toContain('tonemap');
    expect(graph).toContain('libvmaf=model_path=/m/v.pkl:n_threads=2:n_subsample=3');
    expect(qualityFilterGraph({ width: 2, height: 2, fps: 1, hdr: false })).toMatch(/\[d\]\[r\]ssim$/);
  });

  it('gives VMAF a 4K frame at its model\'s 1080p display, as the product does; SSIM keeps the source\'s size', () => {
    const graph = qualityFilterGraph({ width: 2160, height: 3840, fps: 60, hdr: false }, { vmafModel: '/m/v.pkl' });
    expect(graph).toContain('scale=2160:3840:flags=bicubic');
    expect(graph).toContain('[d1][r1]ssim');
    expect(graph).toContain('[d2]scale=1080:1920:flags=bicubic,null[dv];[r2]scale=1080:1920:flags=bicubic,null[rv];[dv][rv]libvmaf=');
    expect(qualityFilterGraph({ width: 1920, height: 1080, fps: 30, hdr: false }, { vmafModel: '/m/v.pkl' })).toContain('[d2]null[dv];[r2]null[rv]');
  });
});

function row(tool: string, clip: string, targetPercent: number, bytes: number | undefined, ssim: number, wallMs: number): BenchRow {
  return { clip, sourceBytes: 1000, targetPercent, targetBytes: (1000 * targetPercent) / 100, tool, bytes, ssim, wallMs };
}

describe('summaries and verdicts', () => {
  const rows = [
    // Silence came out at 2 kbps of the 96 asked: judged on what was asked.
    { ...row('ours', 'a', 25, 240, 0.99, 1000), checkMs: 100, audio: { kbps: 2, channels: 2, askedKbps: 96 } },
    row('naive', 'a', 25, 260, 0.985, 1000),
    { ...row('ours', 'b', 25, 245, 0.98, 3000), checkMs: 300, audio: { kbps: 40, channels: 1 } },
    row('naive', 'b', 25, 250, 0.98, 2000),
    row('ours', 'a', 2, 19, 0.95, 1000),
    row('naive', 'a', 2, 30, 0.93, 1000),
    { ...row('ours', 'b', 2, undefined, Number.NaN, 1000), error: 'refused: too small' },
    row('naive', 'b', 2, 40, 0.9, 1000),
  ];

  it('takes medians per target and tool and counts misses and failures', () => {
    const [ours25, naive25, ours2] = summarize(rows);
    expect(ours25).toMatchObject({ tool: 'ours', targetPercent: 25, runs: 2, failures: 0, ratio: 0.97, ssim: 0.985, wallMs: 2000, underTarget: 1 });
    expect(naive25).toMatchObject({ underTarget: 0.5 });
    expect(ours2).toMatchObject({ runs: 2, failures: 1, underTarget: 0.5 });
  });

  it('judges the must-show claims from the rows', () => {
    const verdicts = mustShow(rows, { clip: 'a', inputBytes: 1, targetBytes: 2, encodeMs: 10_000, oursMs: 300, mode: 'copy', outputBytes: 1 });
    expect(verdicts.map((verdict) => verdict.pass)).toEqual([false, true, true, true, false, false, true, true]);
    expect(verdicts[0].detail).toBe('3/4 at or under (1 refused as impossible)');
    // Time is judged per target: 25 % is over (2.0 s vs 1.5 s) though 2 % is even.
    expect(verdicts[4].detail).toBe('25 %: ours 2.00 s vs naive 1.50 s (1.33×); 2 %: ours 1.00 s vs naive 1.00 s (1.00×)');
    // Mono at 40 kbps is under the 48 a mono voice needs.
    expect(verdicts[5].detail).toBe('1/2 outputs with sound at or over; lowest 40 kbps (b, 1 ch); under: b');
    expect(verdicts[6].detail).toBe('median 11 %; worst 11 % (a at 25 %)');
  });

  it('gives no verdict without data', () => {
    expect(mustShow([], undefined).every((verdict) => verdict.pass === undefined)).toBe(true);
  });
});

describe('pickCopyInput', () => {
  const clip = (name: string, shortSide: number, audio: boolean, hdr = false): Clip => ({
    name,
    path: `/clips/${name}`,
    info: {
      path: `/clips/${name}`,
      container: 'mp4',
      durationSec: 1,
      sizeBytes: 1000,
      bitrate: 8000,
      video: { displayWidth: shortSide * 2, displayHeight: shortSide, hdr: hdr ? 'hlg' : undefined } as NonNullable<MediaInfo['video']>,
      audio: audio ? { codec: 'aac', channels: 2, sampleRate: 48000 } : undefined,
    },
  });
  const clips = [clip('quiet', 480, false), clip('big', 2160, true), clip('hdr', 1080, true, true), clip('slow', 720, true), clip('fast', 480, true)];
  const naive = (name: string, targetPercent: number, wallMs: number): BenchRow => ({ ...row('naive', name, targetPercent, 100, 0.9, wallMs), output: `/out/${name}` });

  it('takes the slowest naive encode at the largest target of a clip the product would keep as is', () => {
    const rows = [naive('quiet', 25, 9000), naive('big', 25, 9000), naive('hdr', 25, 9000), naive('slow', 25, 5000), naive('fast', 25, 1000), naive('slow', 8, 9000)];
    expect(pickCopyInput(rows, clips)?.clip).toBe('slow');
  });

  it('finds nothing when no clip qualifies', () => {
    expect(pickCopyInput([naive('quiet', 25, 1000)], clips)).toBeUndefined();
  });
});
