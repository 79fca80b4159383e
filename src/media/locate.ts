import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MediaError } from '../errors.js';
import { isNewer, libavcodecVersion, listHas, versionWord } from './ffmpeg-build.js';

/** Where the two binaries the media core runs live. */
export type FfmpegTools = { ffmpeg: string; ffprobe: string };

/** Which ffmpeg was chosen, and the reason in words (for `doctor`). */
export type FfmpegChoice = FfmpegTools & { source: 'override' | 'system' | 'bundled'; reason: string };

/** What one ffmpeg build says of itself: its version, libavcodec's, and what it lacks of what the product needs. */
export type BuildInfo = { version: string; libavcodec?: [number, number, number]; missing: string[] };

/** Encoders every output needs: H.264 and AAC. A build without them cannot serve the default MP4. */
export const REQUIRED_ENCODERS = ['libx264', 'aac'] as const;

const require = createRequire(import.meta.url);

let chosen: FfmpegChoice | undefined;

/** This process's choice (chooseFfmpeg on its environment), made once: what runFfmpeg runs and doctor reports. */
export function chosenFfmpeg(): FfmpegChoice {
  chosen ??= chooseFfmpeg();
  return chosen;
}

/** The binaries to run; see chooseFfmpeg. */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegTools {
  const { ffmpeg, ffprobe } = chooseFfmpeg(env);
  return { ffmpeg, ffprobe };
}

/**
 * The static ffmpeg npm installed with the package, whatever `PATH` holds, or undefined when it is
 * missing. It is the one ffmpeg known to have libvmaf, so quality is measured with it even where
 * another ffmpeg encodes.
 */
export function bundledFfmpeg(): string | undefined {
  try {
    return npmBinary('ffmpeg', '@ffmpeg-installer/ffmpeg');
  } catch {
    return undefined;
  }
}

/**
 * Chooses ffmpeg and ffprobe: `COMPRESSOR_FFMPEG`/`COMPRESSOR_FFPROBE` when set; else the pair on
 * `PATH` when it is newer than the static build npm installed (2018) and has what the product
 * needs; else that bundled build, so `npm install` alone is enough. A system ffmpeg brings
 * SVT-AV1, a newer x264 and hardware encoders; the bundled one brings libvmaf.
 */
export function chooseFfmpeg(env: NodeJS.ProcessEnv = process.env, inspect: (binary: string) => BuildInfo | undefined = inspectBuild): FfmpegChoice {
  const ffmpegOverride = env.COMPRESSOR_FFMPEG ? checkedOverride('ffmpeg', env.COMPRESSOR_FFMPEG) : undefined;
  const ffprobeOverride = env.COMPRESSOR_FFPROBE ? checkedOverride('ffprobe', env.COMPRESSOR_FFPROBE) : undefined;
  if (ffmpegOverride && ffprobeOverride) return { ffmpeg: ffmpegOverride, ffprobe: ffprobeOverride, source: 'override', reason: 'COMPRESSOR_FFMPEG and COMPRESSOR_FFPROBE name them' };
  const pair = choosePair(env.PATH, inspect);
  if (!ffmpegOverride && !ffprobeOverride) return pair;
  return { ffmpeg: ffmpegOverride ?? pair.ffmpeg, ffprobe: ffprobeOverride ?? pair.ffprobe, source: 'override', reason: `${ffmpegOverride ? 'COMPRESSOR_FFMPEG' : 'COMPRESSOR_FFPROBE'} names one; the other is the ${pair.source} one (${pair.reason})` };
}

function choosePair(searchPath: string | undefined, inspect: (binary: string) => BuildInfo | undefined): FfmpegChoice {
  const system = findOnPath('ffmpeg', searchPath) && findOnPath('ffprobe', searchPath) ? { ffmpeg: findOnPath('ffmpeg', searchPath)!, ffprobe: findOnPath('ffprobe', searchPath)! } : undefined;
  let bundled: FfmpegTools;
  try {
    bundled = { ffmpeg: npmBinary('ffmpeg', '@ffmpeg-installer/ffmpeg'), ffprobe: npmBinary('ffprobe', '@ffprobe-installer/ffprobe') };
  } catch (error) {
    if (system) return { ...system, source: 'system', reason: 'the bundled build is missing' };
    throw error;
  }
  if (!system) return { ...bundled, source: 'bundled', reason: 'no ffmpeg and ffprobe on PATH' };
  const verdict = preferSystem(inspect(system.ffmpeg), inspect(bundled.ffmpeg));
  return verdict.useSystem ? { ...system, source: 'system', reason: verdict.reason } : { ...bundled, source: 'bundled', reason: verdict.reason };
}

/**
 * Whether the ffmpeg on PATH should be used over the bundled one, and why: only when it is newer
 * (by libavcodec) and lacks nothing the product needs. Pure.
 */
export function preferSystem(system: BuildInfo | undefined, bundled: BuildInfo | undefined): { useSystem: boolean; reason: string } {
  if (!system?.libavcodec) return { useSystem: false, reason: 'the ffmpeg on PATH did not answer -version like an ffmpeg' };
  if (system.missing.length > 0) return { useSystem: false, reason: `the ffmpeg on PATH (${system.version}) lacks ${system.missing.join(' and ')}` };
  if (!bundled?.libavcodec) return { useSystem: true, reason: `the ffmpeg on PATH (${system.version}) works and the bundled one does not answer` };
  if (!isNewer(system.libavcodec, bundled.libavcodec)) {
    return { useSystem: false, reason: `the ffmpeg on PATH (${system.version}) is not newer than the bundled one (${bundled.version})` };
  }
  return { useSystem: true, reason: `the ffmpeg on PATH (${system.version}) is newer than the bundled one (${bundled.version}) and has ${REQUIRED_ENCODERS.join(' and ')}` };
}

/**
 * Runs `binary -encoders` once: the list on stdout, and the banner (version, libavcodec) on
 * stderr. Synchronous and bounded, as it happens once per process before the first ffmpeg run.
 */
function inspectBuild(binary: string): BuildInfo | undefined {
  const result = spawnSync(binary, ['-encoders'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 || result.error) return undefined;
  return { version: versionWord(result.stderr), libavcodec: libavcodecVersion(result.stderr), missing: REQUIRED_ENCODERS.filter((name) => !listHas(result.stdout, name)) };
}

function checkedOverride(name: string, file: string): string {
  if (!isExecutable(file)) {
    throw new MediaError('not-found', `The ${name} named by COMPRESSOR_${name.toUpperCase()} (${file}) is not an executable file.`, {
      hint: `Point COMPRESSOR_${name.toUpperCase()} at a working ${name}, or unset it to use the bundled one.`,
    });
  }
  return file;
}

function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function npmBinary(name: string, npmPackage: string): string {
  let binary: string;
  try {
    binary = (require(npmPackage) as { path: string }).path;
  } catch (cause) {
    throw new MediaError('not-found', `No ${name} was found on PATH and the bundled one is missing.`, {
      hint: `Run \`npm install\` again, or install ffmpeg and put it on PATH (or set COMPRESSOR_${name.toUpperCase()}).`,
      cause,
    });
  }
  // npm may skip install scripts (--ignore-scripts), leaving the binary without its execute bit.
  if (!isExecutable(binary)) {
    try {
      chmodSync(binary, statSync(binary).mode | 0o111);
    } catch (cause) {
      throw new MediaError('not-found', `The bundled ${name} at ${binary} is not executable and could not be made so.`, {
        hint: `Run \`chmod +x ${binary}\`, or set COMPRESSOR_${name.toUpperCase()} to a working ${name}.`,
        cause,
      });
    }
  }
  return binary;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
