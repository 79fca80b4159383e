import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MediaError } from '../errors.js';

/** Where the two binaries the media core runs live. */
export type FfmpegTools = { ffmpeg: string; ffprobe: string };

const require = createRequire(import.meta.url);

/**
 * Finds ffmpeg and ffprobe: `COMPRESSOR_FFMPEG`/`COMPRESSOR_FFPROBE`, else `PATH`, else the
 * static binaries npm installed with the package, so `npm install` alone is enough.
 */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegTools {
  return {
    ffmpeg: locateOne('ffmpeg', env.COMPRESSOR_FFMPEG, env.PATH, '@ffmpeg-installer/ffmpeg'),
    ffprobe: locateOne('ffprobe', env.COMPRESSOR_FFPROBE, env.PATH, '@ffprobe-installer/ffprobe'),
  };
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

function locateOne(name: string, override: string | undefined, searchPath: string | undefined, npmPackage: string): string {
  if (override) {
    if (!isExecutable(override)) {
      throw new MediaError('not-found', `The ${name} named by COMPRESSOR_${name.toUpperCase()} (${override}) is not an executable file.`, {
        hint: `Point COMPRESSOR_${name.toUpperCase()} at a working ${name}, or unset it to use the bundled one.`,
      });
    }
    return override;
  }
  const onPath = findOnPath(name, searchPath);
  if (onPath) return onPath;
  return npmBinary(name, npmPackage);
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
