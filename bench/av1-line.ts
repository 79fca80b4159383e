import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeClip } from '../test/helpers/clips.js';
import type { Av1Run } from './av1-encode.js';
import { markdownTable } from './table.js';

// The WebM/AV1 line of issue #13: seconds of work per second of output for the product's WebM export
// with each ffmpeg build it may run — Debian's on PATH (SVT-AV1) and the static one npm bundles (2018,
// libaom only) — on the same short generated 240p clip. Each build runs in a process of its own,
// chosen with COMPRESSOR_FFMPEG/COMPRESSOR_FFPROBE, as a user would pick one.

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const encodeScript = fileURLToPath(new URL('./av1-encode.js', import.meta.url));

/** The clip: 240p, 2 s, moving detail; the target leaves AV1 a plain 600 kbit/s. */
const CLIP = { width: 426, height: 240, seconds: 2, pattern: 'mandelbrot', name: 'av1-bench.mp4' } as const;
const TARGET_BYTES = 150_000;

/** One ffmpeg build to compare: its name in the table and its two binaries (undefined when missing). */
export type Build = { name: string; ffmpeg?: string; ffprobe?: string };

/** The builds on this machine: the ffmpeg/ffprobe on PATH (outside node_modules) and the npm-bundled pair. */
export function localBuilds(env: NodeJS.ProcessEnv = process.env): Build[] {
  const onPath = (name: string) => (env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !dir.includes('node_modules')).map((dir) => path.join(dir, name)).find(isExecutable);
  const bundled = (npmPackage: string) => {
    try {
      return (require(npmPackage) as { path: string }).path;
    } catch {
      return undefined;
    }
  };
  return [
    { name: 'system (PATH)', ffmpeg: onPath('ffmpeg'), ffprobe: onPath('ffprobe') },
    { name: 'bundled (npm)', ffmpeg: bundled('@ffmpeg-installer/ffmpeg'), ffprobe: bundled('@ffprobe-installer/ffprobe') },
  ];
}

/** The table's row for one build: its seconds per output second, or why there is none. Pure. */
export function av1Row(build: Build, result: Av1Run | { error: string }): string[] {
  if ('error' in result) return [build.name, '–', '–', '–', '–', result.error];
  const perSec = (sec: number) => (sec / result.outputSec).toFixed(2);
  return [build.name, result.version, result.encoder, perSec(result.encodeSec), perSec(result.totalSec), `${(result.bytes / 1000).toFixed(0)} KB in ${result.attempts} encode(s), ${result.outputSec.toFixed(2)} s out`];
}

/** Runs the WebM/AV1 export once per build and returns the Markdown section. */
export async function av1Section(workDir: string, log: (line: string) => void, builds: Build[] = localBuilds()): Promise<string> {
  const clip = await makeClip(workDir, CLIP);
  const rows: string[][] = [];
  for (const build of builds) {
    if (!build.ffmpeg || !build.ffprobe) {
      rows.push(av1Row(build, { error: 'not installed' }));
      continue;
    }
    log(`WebM/AV1 with ${build.name}: ${build.ffmpeg}`);
    const outDir = path.join(workDir, `av1-${rows.length}`);
    try {
      const { stdout } = await run(process.execPath, [encodeScript, clip, outDir, String(TARGET_BYTES)], {
        env: { ...process.env, COMPRESSOR_FFMPEG: build.ffmpeg, COMPRESSOR_FFPROBE: build.ffprobe },
        maxBuffer: 1 << 20,
      });
      rows.push(av1Row(build, JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Av1Run));
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').pop();
      rows.push(av1Row(build, { error: `failed: ${stderr || (error as Error).message}` }));
    }
  }
  return [
    '## WebM/AV1: seconds per output second, per ffmpeg build',
    '',
    `The product's WebM export (compress() with container webm, a ${TARGET_BYTES / 1000} KB target) of a generated ` +
      `${CLIP.seconds} s ${CLIP.height}p clip (${CLIP.pattern}), one run per build. "encode" is the encode passes alone; "total" adds the probe, ` +
      'the plan and the output check. Lower is faster; 1.00 is real time.',
    '',
    markdownTable(
      [{ heading: 'ffmpeg' }, { heading: 'version' }, { heading: 'AV1 encoder' }, { heading: 'encode s/s', align: 'right' }, { heading: 'total s/s', align: 'right' }, { heading: 'output' }],
      rows,
    ),
  ].join('\n');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
