import { markdownTable, fixed } from './table.js';

/** One calibration encode: a clip sample at one CRF and what the two metrics said about it. */
export type CalibrationPoint = { clip: string; crf: number; ssim: number; vmaf: number };

/** The VMAF the product's "visually lossless" has to reach on every clip (DESIGN.md). */
export const VMAF_BAR = 95;

/**
 * The SSIM at which one clip's VMAF crosses the bar, interpolating linearly between the two encodes
 * either side of it. `lowest` when every encode cleared the bar (the threshold is at most the lowest
 * SSIM seen), `never` when none did (the CRF range did not reach it).
 */
export type ClipThreshold =
  | { clip: string; kind: 'crossing'; ssim: number }
  | { clip: string; kind: 'lowest'; ssim: number }
  | { clip: string; kind: 'never'; ssim: number };

/** Finds each clip's SSIM threshold for VMAF ≥ VMAF_BAR (see ClipThreshold). */
export function clipThresholds(points: readonly CalibrationPoint[]): ClipThreshold[] {
  const clips = [...new Set(points.map((point) => point.clip))];
  return clips.map((clip) => {
    // Highest SSIM first: walk down until VMAF falls under the bar.
    const sorted = points.filter((point) => point.clip === clip).sort((a, b) => b.ssim - a.ssim);
    const top = sorted[0];
    if (top.vmaf < VMAF_BAR) return { clip, kind: 'never', ssim: top.ssim };
    for (let index = 1; index < sorted.length; index += 1) {
      const above = sorted[index - 1];
      const below = sorted[index];
      if (below.vmaf < VMAF_BAR) {
        const share = above.vmaf === below.vmaf ? 0 : (VMAF_BAR - below.vmaf) / (above.vmaf - below.vmaf);
        return { clip, kind: 'crossing', ssim: below.ssim + share * (above.ssim - below.ssim) };
      }
    }
    return { clip, kind: 'lowest', ssim: sorted[sorted.length - 1].ssim };
  });
}

/** What the calibration concludes about an SSIM threshold. */
export type CalibrationVerdict = {
  /** The smallest SSIM threshold (to 4 decimals, rounded up) that reaches VMAF ≥ bar on every clip that can. */
  threshold: number | undefined;
  /** Clips the CRF range never brought to the bar. */
  unreachable: string[];
  /** Encodes at or over `candidate` SSIM that still fell under the bar. */
  misses: CalibrationPoint[];
  candidate: number;
};

/**
 * The threshold that holds on every clip (the largest per-clip crossing), and how a candidate
 * threshold (the product's default) fares: any encode it would accept whose VMAF is under the bar.
 */
export function calibrationVerdict(points: readonly CalibrationPoint[], candidate: number): CalibrationVerdict {
  const thresholds = clipThresholds(points);
  const reachable = thresholds.filter((entry) => entry.kind !== 'never');
  const needed = reachable.filter((entry) => entry.kind === 'crossing').map((entry) => entry.ssim);
  const lowest = reachable.map((entry) => entry.ssim);
  const threshold = needed.length ? Math.ceil(Math.max(...needed) * 10_000) / 10_000 : lowest.length ? Math.min(...lowest) : undefined;
  return {
    threshold,
    unreachable: thresholds.filter((entry) => entry.kind === 'never').map((entry) => entry.clip),
    misses: points.filter((point) => point.ssim >= candidate && point.vmaf < VMAF_BAR),
    candidate,
  };
}

/** Every calibration encode as a table: one row per clip, one SSIM / VMAF cell per CRF. */
export function calibrationTable(points: readonly CalibrationPoint[]): string {
  const crfs = [...new Set(points.map((point) => point.crf))].sort((a, b) => a - b);
  const clips = [...new Set(points.map((point) => point.clip))];
  const thresholds = clipThresholds(points);
  return markdownTable(
    [{ heading: 'clip' }, ...crfs.map((crf) => ({ heading: `CRF ${crf}`, align: 'right' as const })), { heading: `SSIM for VMAF ${VMAF_BAR}`, align: 'right' }],
    clips.map((clip) => {
      const threshold = thresholds.find((entry) => entry.clip === clip);
      return [
        clip,
        ...crfs.map((crf) => {
          const point = points.find((candidate) => candidate.clip === clip && candidate.crf === crf);
          return point ? `${point.ssim.toFixed(4)} / ${point.vmaf.toFixed(1)}` : '–';
        }),
        threshold ? describeThreshold(threshold) : '–',
      ];
    }),
  );
}

function describeThreshold(threshold: ClipThreshold): string {
  if (threshold.kind === 'never') return `never (best ${fixed(threshold.ssim, 4)})`;
  return threshold.kind === 'lowest' ? `≤ ${fixed(threshold.ssim, 4)}` : fixed(threshold.ssim, 4);
}
