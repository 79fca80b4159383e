import { localFile, runFfprobe } from './run-ffmpeg.js';

/** Where the samples are cut: `starts` in source seconds, each `sampleSec` long. */
export type Samples = { starts: number[]; sampleSec: number };

/** The source's coded bytes over time: one entry per video packet (seconds, bytes). */
export type Activity = { timeSec: number; bytes: number }[];

/**
 * A clip this short is measured whole: cutting samples from it saves little, and two 0.5 s samples
 * misjudge it (a 3 s talking head's scored a point under the whole clip at every CRF, so the search
 * asked CRF 15 where 18 kept VMAF 95).
 */
export const WHOLE_CLIP_SEC = 4;
/** Whether a clip (or the part of it kept) this long is measured whole rather than sampled. */
export function measuredWhole(durationSec: number): boolean {
  return durationSec <= WHOLE_CLIP_SEC;
}

const MAX_SAMPLE_SEC = 1.5;
const MIN_SAMPLE_SEC = 0.5;
/** The samples together hold about this share of the clip (more of a short one, see MIN_SAMPLE_SEC). */
const SAMPLED_SHARE = 0.2;

/**
 * Samples across the clip: the whole of a short clip, else one per equal segment (2 under 10 s,
 * up to 5 for a long clip), each where its segment's source spends the most bytes (the busiest
 * scene, which needs the most bits at a given quality) when `activity` says, else mid-segment.
 */
export function chooseSamples(startSec: number, durationSec: number, activity: Activity = []): Samples {
  if (measuredWhole(durationSec)) return { starts: [startSec], sampleSec: durationSec };
  const count = durationSec < 10 ? 2 : durationSec < 40 ? 3 : durationSec < 120 ? 4 : 5;
  const sampleSec = Math.min(MAX_SAMPLE_SEC, Math.max(MIN_SAMPLE_SEC, (durationSec * SAMPLED_SHARE) / count));
  const segment = durationSec / count;
  const starts = Array.from({ length: count }, (_, i) => {
    const from = startSec + i * segment;
    const latest = from + Math.max(0, segment - sampleSec);
    return busiestWindow(activity, from, latest, sampleSec) ?? from + (latest - from) / 2;
  });
  return { starts, sampleSec };
}

/** The bounds on `clipRateShare`: a source's own bytes hint at x264's, they don't decide them. */
const RATE_SHARE_RANGE: [number, number] = [0.2, 1.5];

/**
 * The clip's coded bytes per second over the samples' (1 when unknown): samples sit on the busiest
 * scenes, so their bitrate overstates the whole clip's (2.4× on a screencast that is mostly still),
 * and this scales an encode of them to the clip's.
 */
export function clipRateShare(activity: Activity, samples: Samples, startSec: number, durationSec: number): number {
  const bytesIn = (from: number, to: number) => activity.reduce((sum, p) => (p.timeSec >= from && p.timeSec < to ? sum + p.bytes : sum), 0);
  const sampled = samples.starts.reduce((sum, start) => sum + bytesIn(start, start + samples.sampleSec), 0) / (samples.starts.length * samples.sampleSec);
  const whole = bytesIn(startSec, startSec + durationSec) / durationSec;
  if (!(sampled > 0) || !(whole > 0)) return 1;
  return Math.min(RATE_SHARE_RANGE[1], Math.max(RATE_SHARE_RANGE[0], whole / sampled));
}

/** One 1.5 s sample from the middle of the clip (all of a shorter one): what the frame trial ranks sizes on. */
export function middleSample(startSec: number, durationSec: number): Samples {
  const sampleSec = Math.min(MAX_SAMPLE_SEC, durationSec);
  return { starts: [startSec + Math.max(0, durationSec / 2 - sampleSec / 2)], sampleSec };
}

/** The start in [from, latest] (on a packet's time) whose window of `length` holds the most bytes; undefined without packets there. */
export function busiestWindow(activity: Activity, from: number, latest: number, length: number): number | undefined {
  let best: { start: number; bytes: number } | undefined;
  for (const { timeSec: start } of activity) {
    if (start < from || start > latest) continue;
    let bytes = 0;
    for (const packet of activity) if (packet.timeSec >= start && packet.timeSec < start + length) bytes += packet.bytes;
    if (!best || bytes > best.bytes) best = { start, bytes };
  }
  return best?.start;
}

/**
 * The source's video packets, from its index (no decoding, so cheap even for a long clip). At most
 * a few hundred are kept, merged per 0.1 s, so choosing windows stays quick. Empty when ffprobe
 * cannot list them: the samples then sit mid-segment.
 */
export async function readActivity(file: string, signal?: AbortSignal): Promise<Activity> {
  try {
    const { stdout } = await runFfprobe(['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size', '-of', 'csv=p=0', localFile(file)], { signal });
    return bucketActivity(stdout, 0.1);
  } catch (error) {
    if (signal?.aborted) throw error;
    return [];
  }
}

/** Parses ffprobe's `pts_time,size` lines into per-`bucketSec` byte counts, in time order. */
export function bucketActivity(csv: string, bucketSec: number): Activity {
  const buckets = new Map<number, number>();
  for (const line of csv.split('\n')) {
    const [time, size] = line.split(',').map(Number);
    if (!Number.isFinite(time) || !Number.isFinite(size)) continue;
    const key = Math.round(time / bucketSec);
    buckets.set(key, (buckets.get(key) ?? 0) + size);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([key, bytes]) => ({ timeSec: key * bucketSec, bytes }));
}
