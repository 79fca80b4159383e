import { describe, expect, it } from 'vitest';
import { addSegment, emptyDraft } from '../../src/server/draft.js';
import { aimOf } from '../../src/server/instruction-target.js';
import { segmentsOf, TrackType, type Draft } from '../../src/wire/index.js';

// Whom an instruction is for in a batch, by table: the files it names, every file, or the newest.
const draftOf = (...names: string[]): Draft => names.reduce((draft, name) => addSegment(draft, TrackType.video, { src: `m_${name}`, s: 0, d: 1000, m: { name } }), emptyDraft());

function aimed(text: string, draft: Draft): { target: string[] | 'all'; instruction: string; named?: string; newest?: true } {
  const aim = aimOf(text, draft);
  const target = aim.target;
  const names = target === 'all' ? 'all' : segmentsOf(draft, TrackType.video).filter((segment) => target.ids.has(segment.id ?? '')).map((segment) => String(segment.m.name));
  return { target: names, instruction: aim.instruction.replace(/\s+/g, ' ').trim(), ...(aim.named ? { named: aim.named } : {}), ...(aim.newest ? { newest: aim.newest } : {}) };
}

describe('aimOf', () => {
  it.each<[string, string, string[], ReturnType<typeof aimed>]>([
    ['one video: every file, those to come too', '720p', ['a.mp4'], { target: 'all', instruction: '720p' }],
    ['"all of them"', 'compress all of them to 2MB', ['a.mp4', 'b.mp4'], { target: 'all', instruction: 'compress all of them to 2MB' }],
    ['全部', '全部压缩到2MB', ['a.mp4', 'b.mp4'], { target: 'all', instruction: '全部压缩到2MB' }],
    ['a file named in full, taken out of the words', 'make B.MP4 720p', ['a.mp4', 'b.mp4', 'c.mp4'], { target: ['b.mp4'], instruction: 'make 720p', named: 'b.mp4' }],
    ['a file named by its stem', 'city 720p', ['city.mp4', 'beach.mov'], { target: ['city.mp4'], instruction: '720p', named: 'city.mp4' }],
    ['two files named', 'beach.mov and city.mp4 under 5MB', ['city.mp4', 'beach.mov', 'party.mp4'], { target: ['city.mp4', 'beach.mov'], instruction: 'and under 5MB', named: 'city.mp4, beach.mov' }],
    ['every file named: all of them, one output goal', 'a.mp4 b.mp4 under 5MB', ['a.mp4', 'b.mp4'], { target: 'all', instruction: 'under 5MB' }],
    ['none named: the newest, said so', 'half the size', ['a.mp4', 'b.mp4'], { target: ['b.mp4'], instruction: 'half the size', named: 'b.mp4', newest: true }],
    ['a stem that is an instruction word names nothing', 'make it fit discord', ['discord.mp4', 'b.mp4'], { target: ['b.mp4'], instruction: 'make it fit discord', named: 'b.mp4', newest: true }],
  ])('%s', (_name, text, names, expected) => {
    expect(aimed(text, draftOf(...names))).toEqual(expected);
  });
});
