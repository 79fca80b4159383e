import { describe, expect, it } from 'vitest';
import { av1Row, localBuilds } from '../../bench/av1-line.js';
import { parseBenchArgs } from '../../bench/bench-options.js';

describe('the WebM/AV1 line', () => {
  it.each([
    [
      'a run: seconds per output second, encode and total',
      { ffmpeg: '/usr/bin/ffmpeg', version: '5.1.8', encoder: 'libsvtav1', outputSec: 2, encodeSec: 3, totalSec: 4.5, bytes: 140_000, attempts: 1 },
      ['system', '5.1.8', 'libsvtav1', '1.50', '2.25', '140 KB in 1 encode(s), 2.00 s out'],
    ],
    ['a build that is missing', { error: 'not installed' }, ['system', '–', '–', '–', '–', 'not installed']],
  ] as const)('%s', (_name, result, row) => {
    expect(av1Row({ name: 'system' }, result)).toEqual(row);
  });

  it('looks for the system build on PATH, never inside node_modules', () => {
    const [system] = localBuilds({ PATH: '/nowhere/node_modules/.bin:/also-nowhere' });
    expect(system).toEqual({ name: 'system (PATH)', ffmpeg: undefined, ffprobe: undefined });
  });

  it('--av1 asks for the line alone', () => {
    expect(parseBenchArgs(['--av1'], { clipsDir: '/c', resultsFile: '/r' }).av1).toBe(true);
    expect(parseBenchArgs([], { clipsDir: '/c', resultsFile: '/r' }).av1).toBe(false);
  });
});
