import type { Container } from '../goal/types.js';
import type { PlanNote } from '../wire/plan-notes.js';
import type { EncodePlan, SubtitleInfo } from './types.js';

// Subtitle tracks go with the video wherever the output's container can hold them: a film's
// subtitles are part of it, and a compressed copy that silently loses them has lost something.

/** Codecs Matroska holds as they are (text and pictures alike). */
const MATROSKA_AS_IS = new Set(['subrip', 'ass', 'ssa', 'webvtt', 'hdmv_pgs_subtitle', 'dvd_subtitle', 'dvb_subtitle']);

/** What a container writes each text track as; pictures go only where `keepsPictures`. */
const TEXT_ENCODER: Record<Container, string> = { mp4: 'mov_text', mov: 'mov_text', webm: 'webvtt', mkv: 'srt' };

/**
 * Bytes an output spends around each subtitle packet: MP4's sample tables and the empty samples it
 * writes between cues (about 40), Matroska's block headers (about 15). The larger, for every container.
 */
const BYTES_PER_PACKET = 48;

/** The subtitle tracks an output carries, the bytes to hold back for them, and its plan note (none without tracks). */
export type SubtitlePlan = { subtitles?: NonNullable<EncodePlan['subtitles']>; reserveBytes: number; note?: PlanNote };

/**
 * Which of the source's subtitle tracks the output keeps, and how: Matroska keeps every one (text it
 * cannot hold as it is becomes SubRip); MP4 and MOV keep text as MP4 text, WebM as WebVTT; neither
 * holds pictures, which are left out and said so. `share` is the part of the source's length the
 * output keeps (a trim keeps that part of each track's bytes). Pure.
 */
export function planSubtitles(tracks: readonly SubtitleInfo[] | undefined, container: Container, share = 1): SubtitlePlan {
  if (!tracks || tracks.length === 0) return { reserveBytes: 0 };
  const kept: { index: number; encoder: string; track: SubtitleInfo }[] = [];
  tracks.forEach((track, index) => {
    const encoder = encoderFor(track, container);
    if (encoder !== undefined) kept.push({ index, encoder, track });
  });
  const reserveBytes = Math.ceil(kept.reduce((sum, { track }) => sum + track.bytes + track.packets * BYTES_PER_PACKET, 0) * Math.min(1, Math.max(0, share)));
  return {
    ...(kept.length > 0 ? { subtitles: kept.map(({ index, encoder }) => ({ index, encoder })) } : {}),
    reserveBytes,
    note: { code: 'subtitles', kept: kept.length, dropped: tracks.length - kept.length, container },
  };
}

function encoderFor(track: SubtitleInfo, container: Container): string | undefined {
  if (container === 'mkv') return MATROSKA_AS_IS.has(track.codec) ? 'copy' : track.text ? TEXT_ENCODER.mkv : undefined;
  return track.text ? TEXT_ENCODER[container] : undefined;
}
