import { describe, expect, it } from 'vitest';
import type { Container } from '../../src/goal/types.js';
import { planSubtitles } from '../../src/media/subtitle-plan.js';
import type { SubtitleInfo } from '../../src/media/types.js';

const srt: SubtitleInfo = { codec: 'subrip', text: true, bytes: 1000, packets: 10 };
const ass: SubtitleInfo = { codec: 'ass', text: true, bytes: 3000, packets: 20 };
const movText: SubtitleInfo = { codec: 'mov_text', text: true, bytes: 500, packets: 10 };
const pgs: SubtitleInfo = { codec: 'hdmv_pgs_subtitle', text: false, bytes: 100_000, packets: 100 };

describe('planSubtitles (table)', () => {
  it.each<[string, SubtitleInfo[], Container, { index: number; encoder: string }[] | undefined, number, number]>([
    ['MP4 writes text as MP4 text, leaves pictures out', [srt, pgs, ass], 'mp4', [{ index: 0, encoder: 'mov_text' }, { index: 2, encoder: 'mov_text' }], 2, 1],
    ['MOV as MP4', [movText], 'mov', [{ index: 0, encoder: 'mov_text' }], 1, 0],
    ['WebM writes text as WebVTT', [srt, pgs], 'webm', [{ index: 0, encoder: 'webvtt' }], 1, 1],
    ['Matroska keeps every track, MP4 text as SubRip', [srt, pgs, movText], 'mkv', [{ index: 0, encoder: 'copy' }, { index: 1, encoder: 'copy' }, { index: 2, encoder: 'srt' }], 3, 0],
    ['pictures alone in MP4: nothing kept, said so', [pgs], 'mp4', undefined, 0, 1],
  ])('%s', (_label, tracks, container, subtitles, kept, dropped) => {
    const plan = planSubtitles(tracks, container);
    expect(plan.subtitles).toEqual(subtitles);
    expect(plan.note).toEqual({ code: 'subtitles', kept, dropped, container });
  });

  it('has nothing to say of a source without subtitles', () => {
    expect(planSubtitles(undefined, 'mp4')).toEqual({ reserveBytes: 0 });
    expect(planSubtitles([], 'mkv')).toEqual({ reserveBytes: 0 });
  });

  it('holds back the kept tracks\' bytes and their packets\' container bytes, for the part a trim keeps', () => {
    expect(planSubtitles([srt, pgs], 'mp4').reserveBytes).toBe(1000 + 10 * 48);
    expect(planSubtitles([srt, pgs], 'mkv').reserveBytes).toBe(1000 + 10 * 48 + 100_000 + 100 * 48);
    expect(planSubtitles([srt], 'mp4', 0.25).reserveBytes).toBe(Math.ceil((1000 + 10 * 48) / 4));
  });
});
