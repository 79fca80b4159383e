import { describe, expect, it } from 'vitest';
import { guiActions, keyboardWording } from '../../src/engine/gui-phrases.js';
import { parseInstruction } from '../../src/goal/index.js';
import { creditsReply, describePlan, helpReply, planReply, questionReply, timelineReply, uploadReply, type PlannedItem } from '../../src/server/agent-reply.js';
import { AGENT_WORDS, type AgentWords } from '../../src/server/agent-words.js';
import { addSegment, emptyDraft, setMuted } from '../../src/server/draft.js';
import { applyEdits } from '../../src/server/draft-edits.js';
import { TrackType } from '../../src/wire/index.js';
import { encodePlan as plan } from '../helpers/encode-plan.js';

// The agent's two wording tables side by side: every English sentence has its Chinese counterpart,
// each reply has the same shape in both, and neither asks a client for a GUI action it did not mean.

const CHINESE = /[\u4e00-\u9fff]/;

/** Every sentence a table can say, with sample arguments for the ones built around a value. */
function sentences(words: AgentWords): Record<string, string> {
  const said: Record<string, string> = {};
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') said[key] = value;
    else if (typeof value === 'function') said[key] = String((value as (...args: unknown[]) => unknown)('X', 2, 'Y'));
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${key}[${index}]`));
    else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) walk(inner, key ? `${key}.${name}` : name);
  };
  walk(words, '');
  return said;
}


const info = { container: 'mov', durationSec: 62, sizeBytes: 180e6, bitrate: 1, video: { displayWidth: 1920, displayHeight: 1080 } } as never;
const item: PlannedItem = { name: 'trip.mov', info, plan: plan({ videoKbps: 2400, notes: [{ code: 'picture', width: 960, height: 540, rate: { kind: 'kept', fps: 29.97 } }] }) };

describe('the wording tables', () => {
  const english = sentences(AGENT_WORDS.en);
  const chinese = sentences(AGENT_WORDS.zh);

  it('have the same sentences, one for one', () => {
    expect(Object.keys(chinese)).toEqual(Object.keys(english));
  });

  it.each(Object.keys(sentences(AGENT_WORDS.en)))('%s is Chinese in the Chinese table and English in the English one', (key) => {
    expect(chinese[key]).toMatch(CHINESE);
    expect(english[key]).not.toMatch(CHINESE);
  });

  it('never say click, drag or drop, nor an API path; the export step is the only GUI phrase (the cloud\'s, in each language)', () => {
    for (const words of [english, chinese]) {
      for (const [key, sentence] of Object.entries(words)) {
        const expected = key === 'exportLine' ? [{ kind: 'export' }] : [];
        expect([key, guiActions(sentence)]).toEqual([key, expected]);
        if (key !== 'exportLine') expect([key, sentence]).not.toEqual([key, expect.stringMatching(/click|drag|drop|点击|拖|\/api\//i)]);
      }
    }
  });

  it('give Chinese examples the parser understands as they are', () => {
    for (const example of AGENT_WORDS.zh.examples) {
      const parsed = parseInstruction(example.replace(/[“”]/g, ''));
      expect([example, parsed.intent, parsed.unknown]).toEqual([example, 'compress', []]);
    }
  });
});

describe('each reply in both languages', () => {
  const withVideo = addSegment(emptyDraft(), TrackType.video, { src: 'm_a', s: 0, d: 10_000, m: { name: 'city.mp4' } });
  const replies: [string, (language: 'en' | 'zh') => string][] = [
    ['plan', (language) => planReply('X', [item], ['Which one?'], undefined, language)],
    ['plan for two', (language) => planReply('X', [item, { ...item, name: 'b.mov' }], [], undefined, language)],
    ['plan with no video yet', (language) => planReply('X', [], [], undefined, language)],
    ['question', (language) => questionReply(['penguins'], [], language)],
    ['question with nothing read', (language) => questionReply([], ['Try again.'], language)],
    ['help', (language) => helpReply(language)],
    ['upload with none', (language) => uploadReply(emptyDraft(), {}, language)],
    ['upload with one', (language) => uploadReply(withVideo, {}, language)],
    ['timeline', (language) => timelineReply(setMuted({ ...withVideo, m: { targetBytes: 10e6 } }, true), {}, language)],
    ['empty timeline', (language) => timelineReply(emptyDraft(), {}, language)],
    ['credits', (language) => creditsReply({ available: 7 }, language)],
    ['unlimited credits', (language) => creditsReply({ available: 0, unlimited: true }, language)],
  ];

  it.each(replies)('%s: Chinese line for English line, the same GUI actions', (_, reply) => {
    const [en, zh] = [reply('en'), reply('zh')];
    expect(zh.split('\n').length).toBe(en.split('\n').length);
    expect(zh).toMatch(CHINESE);
    expect(guiActions(zh)).toEqual(guiActions(en));
  });

  it('says a plan in Chinese, the media core\'s notes included', () => {
    expect(planReply('≤ 25 MB', [item], ['Which one?'], undefined, 'zh').split('\n')).toEqual([
      '明白了：≤ 25 MB。',
      '方案如下：',
      '1. trip.mov (1920x1080, 62.0 秒, 180 MB) → 1280x720 H264 MP4，编码器 libx264，两遍编码 2400 kbps，音频 128 kbps',
      '   - 画面：960x540，29.97 fps。',
      '准备好了就点击导出，或者告诉我要改什么（例如“改成720p”“静音”）。',
      '注意：Which one?',
    ]);
  });

  it('ends a Chinese plan in the export phrase a keyboard client says as its keys, as it does the English one', () => {
    const [en, zh] = [planReply('X', [item], [], undefined, 'en'), planReply('X', [item], [], undefined, 'zh')];
    expect(keyboardWording(en, 'Ctrl+E')).toMatch(/Say export or press Ctrl\+E when you are ready/);
    expect(keyboardWording(zh, 'Ctrl+E')).toMatch(/准备好了就输入“导出”或按 Ctrl\+E，或者告诉我要改什么/);
    for (const said of [keyboardWording(en, 'Ctrl+E'), keyboardWording(zh, 'Ctrl+E')]) expect(said).not.toMatch(/click|点击/i);
  });
});

describe('title and music edits in Chinese', () => {
  it('says what a title did and what music still needs', () => {
    const draft = addSegment(emptyDraft(), TrackType.video, { src: 'm_a', s: 0, d: 10_000, m: { name: 'city.mp4' } });
    const outcome = applyEdits(draft, { title: { text: '夏日旅行' }, music: { volume: 0.35 } }, 'zh');
    expect(outcome.done).toEqual(['标题“夏日旅行”，从 0 秒到 3 秒。']);
    expect(outcome.missing).toEqual(['要加背景音乐，请先上传音频文件（MP3、WAV、M4A 或 AAC），然后说“背景音乐音量35%”。']);
    expect(applyEdits(outcome.draft, { title: null }, 'zh').done).toEqual(['已去掉标题。']);
  });
});

describe('describePlan in Chinese', () => {
  it.each([
    [plan({ videoKbps: 2400, expectedBytes: 24_300_000, targetBytes: 25_000_000 }), '1280x720 H264 MP4，编码器 libx264，两遍编码 2400 kbps，音频 128 kbps，约 24.3 MB（不超过 25 MB）'],
    [plan({ videoKbps: 900, codec: 'av1', container: 'webm', encoder: 'libsvtav1', audio: { mode: 'none' } }), '1280x720 AV1 WEBM，编码器 libsvtav1，单遍编码 900 kbps，无音频'],
    [plan({ mode: 'crf', crf: 21, audio: { mode: 'copy' } }), '1280x720 H264 MP4，编码器 libx264，CRF 21'],
    [plan({ mode: 'copy' }), '已经符合要求：原样复制，不重新编码（MP4）'],
  ])('%#', (value, line) => {
    expect(describePlan(value, 'zh')).toBe(line);
  });
});
