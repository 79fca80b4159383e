import { HARDWARE_H264_ENCODERS } from './codec-table.js';
import { listHas, versionWord } from './ffmpeg-build.js';
import { runFfmpeg } from './run-ffmpeg.js';

/** Encoders the media core knows how to drive; the ones present in this ffmpeg are reported. */
export const KNOWN_ENCODERS = [
  'libx264',
  'libx265',
  'libsvtav1',
  'libaom-av1',
  'h264_nvenc',
  'h264_qsv',
  'h264_vaapi',
  'h264_videotoolbox',
] as const;
export type KnownEncoder = (typeof KNOWN_ENCODERS)[number];


/** What this machine's ffmpeg can do. */
export type Capabilities = {
  /** ffmpeg's version string, e.g. 'N-47683-g0e8eb07980-static' or '6.1'. */
  version: string;
  /** Known encoders compiled in (hardware ones only when a test encode passed). */
  encoders: KnownEncoder[];
  /** The first hardware H.264 encoder that really encoded a test frame, if any. */
  hardwareH264?: KnownEncoder;
  filters: { ssim: boolean; libvmaf: boolean; zscale: boolean; tonemap: boolean };
};

let cached: Promise<Capabilities> | undefined;

/**
 * Encoders an operator keeps this process off, comma-separated: a GPU encoder that misbehaves on one
 * machine, or a worker made to plan as a smaller build would. They count as absent from the ffmpeg.
 */
export const SKIP_ENCODERS_ENV = 'COMPRESSOR_SKIP_ENCODERS';

/** Probes ffmpeg once per process (version, encoders, filters, working hardware) and caches it. */
export function capabilities(): Promise<Capabilities> {
  cached ??= probeCapabilities(skippedEncoders(process.env)).catch((error: unknown) => {
    cached = undefined; // a failed probe (ffmpeg missing) should be retried once it is installed
    throw error;
  });
  return cached;
}

/** The encoders SKIP_ENCODERS_ENV names, trimmed; unknown names are simply never found. */
export function skippedEncoders(env: NodeJS.ProcessEnv): string[] {
  return (env[SKIP_ENCODERS_ENV] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
}

async function probeCapabilities(skipped: string[]): Promise<Capabilities> {
  const [version, encoderList, filterList] = await Promise.all([
    runFfmpeg(['-version']).then((r) => versionWord(r.stdout)),
    runFfmpeg(['-encoders']).then((r) => r.stdout),
    runFfmpeg(['-filters']).then((r) => r.stdout),
  ]);
  const compiled = KNOWN_ENCODERS.filter((name) => listHas(encoderList, name) && !skipped.includes(name));
  const software = compiled.filter((name) => !HARDWARE_H264_ENCODERS.includes(name));
  // A hardware encoder compiled in often has no device behind it: only a real encode proves it works.
  const working: KnownEncoder[] = [];
  for (const name of compiled.filter((n) => HARDWARE_H264_ENCODERS.includes(n))) {
    if (await testEncode(name)) working.push(name);
  }
  return {
    version,
    encoders: [...software, ...working],
    hardwareH264: working[0],
    filters: {
      ssim: listHas(filterList, 'ssim'),
      libvmaf: listHas(filterList, 'libvmaf'),
      zscale: listHas(filterList, 'zscale'),
      tonemap: listHas(filterList, 'tonemap'),
    },
  };
}

async function testEncode(encoder: string): Promise<boolean> {
  try {
    await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=256x256:rate=10:duration=0.3', '-c:v', encoder, '-b:v', '500k', '-f', 'null', '-']);
    return true;
  } catch {
    return false;
  }
}
