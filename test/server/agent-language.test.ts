import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guiActions, keyboardWording } from '../../src/engine/gui-phrases.js';
import { makeClip } from '../helpers/clips.js';
import { strayLatin } from '../helpers/wording-checks.js';
import { message, newSession, startTestNode, upload } from './node-harness.js';

// The node answers each instruction in the language it was written in, turn by turn, in one session.

let dir: string;
let clip: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'language-'));
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1, audio: true });
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const replyOf = (turn: Awaited<ReturnType<typeof message>>): string => turn.events.at(-1).content.parts[0].text;

describe('a real node answers in the language of the instruction', () => {
  it('answers "压缩到1MB以内" in Chinese with the plan, and an English instruction after it in English', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip], ['旅行.mp4']);

    const chinese = await message(base, token, sessionId, '压缩到1MB以内');
    expect(chinese.status).toBe(200);
    const zh = replyOf(chinese);
    expect(zh).toMatch(/^明白了：≤ 1 MB · ≤ 1080p · H\.264 · 保留声音 · 高质量。\n方案如下：\n1\. 旅行\.mp4 \(160x120, /);
    // A 51 KB clip already fits: the plan is a copy, and the media core's note says why, in Chinese too.
    expect(zh).toMatch(/→ 已经符合要求：原样复制，不重新编码（MP4）\n   - 不重新编码，直接复制：它已经是 H\.264\/AAC，160x120，/);
    expect(zh).toMatch(/点击导出/);
    expect(zh).not.toMatch(/Understood|Here is the plan|Click Export/);
    expect(guiActions(zh)).toEqual([{ kind: 'export' }]);
    expect(keyboardWording(zh, 'Ctrl+E')).toMatch(/输入“导出”或按 Ctrl\+E/);
    expect(chinese.events.at(-1).actions.stateDelta.draft.m.targetBytes).toBe(1_000_000);

    // English, though the file it names is not: the language is read without the file names.
    const en = replyOf(await message(base, token, sessionId, 'make 旅行.mp4 720p'));
    expect(en).toMatch(/^Understood: ≤ 720p · H\.264 · keep audio · high quality — for 旅行\.mp4 \(all settings for it now: ≤ 1 MB · ≤ 720p · /);
    expect(en).toMatch(/\nHere is the plan:\n1\. 旅行\.mp4 \(160x120, /);
    expect(en).toMatch(/Click Export when you are ready/);
    // No Chinese in it but the file's own name.
    expect(en.replaceAll('旅行.mp4', '')).not.toMatch(/[\u4e00-\u9fff]/);
    // A name this session does not hold reads as a name too, as the client reads it: English.
    const other = replyOf(await message(base, token, sessionId, 'make 日记.mp4 480p'));
    expect(other.replaceAll('旅行.mp4', '').replaceAll('日记.mp4', '')).not.toMatch(/[\u4e00-\u9fff]/);

    // Not understood: asked back in Chinese, without the parser's own English question beside it.
    expect(replyOf(await message(base, token, sessionId, '企鹅')).split('\n')).toEqual([
      '我没看懂“企鹅”。',
      '视频要变成什么样？例如：',
      '- “把这个视频压缩到100MB以内，画质不变”',
      '- “转成1080p MP4”',
      '- “发到Discord”',
      '- “全部压缩到25MB”',
    ]);
    expect(replyOf(await message(base, token, sessionId, '积分'))).toMatch(/^本节点不计积分|^你还剩 \d+ 积分/);
    expect(replyOf(await message(base, token, sessionId, 'credits'))).toMatch(/^This node does not count credits|^You have \d+ credits left/);
  });

  it('says a Chinese plan with the media core\'s notes and the parser\'s remarks all in Chinese, and the same turn in English in English', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip], ['旅行.mp4']);

    // 40 KB makes it an encode with its budget notes; "720p, 1080p" is a setting said twice (a
    // remark), and 1080p of a 160x120 source is one it does not reach (kept at its size).
    const zh = replyOf(await message(base, token, sessionId, '压缩到40KB以内，720p，1080p'));
    expect(zh).toMatch(/\n   - 目标 40 KB：扣除 /);
    expect(zh).toMatch(/\n   - 要求 1080p，但源视频只有 160x120，比要求的小：保持原尺寸，不放大。/);
    expect(zh).toMatch(/\n注意：你既说了“720p”又说了“1080p”，我按最后说的“1080p”来处理。$/);
    // No English sentence: what Latin letters it has are the file's name, the encoder's, and units and codecs.
    expect(strayLatin(zh, ['旅行.mp4', 'libx264', 'H264'])).toBe('');

    const en = replyOf(await message(base, token, sessionId, 'compress to under 40KB, 720p, 1080p'));
    expect(en).toMatch(/\n   - 1080p asked for, but the source is only 160x120: it stays at its own size \(no upscale\)\./);
    expect(en).toMatch(/\nNote: You asked for both “720p” and “1080p”; I'll use “1080p” \(said last\)\.$/);
    expect(en.replaceAll('旅行.mp4', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers an edit it does not make with what it does instead, in the instruction\'s language, and plans the rest of it', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip], ['trip.mp4']);
    const before = await message(base, token, sessionId, 'under 40KB');
    const draft = before.events.at(-1).actions.stateDelta.draft;

    const rotate = await message(base, token, sessionId, 'rotate it 90 degrees');
    expect(replyOf(rotate)).toBe("I don't rotate videos (a phone's rotation is applied by itself). I compress, resize, trim, crop to a shape, change the frame rate, mute, and add a title or background music.");
    expect(rotate.events.at(-1).actions?.stateDelta?.draft ?? draft).toEqual(draft);
    expect(replyOf(await message(base, token, sessionId, '旋转90度'))).toMatch(/^我不能旋转视频（手机视频的方向会自动摆正）。我能做的是：压缩、/);

    // "ok" beside a plan has nothing to change: how to go on, not "what should I do with your video?".
    expect(replyOf(await message(base, token, sessionId, 'ok thanks'))).toBe('Click Export when you are ready, or tell me what to change (e.g. "make it 720p", "mute it").');
    expect(replyOf(await message(base, token, sessionId, '好的'))).toMatch(/^准备好了就点击导出/);

    const mixed = replyOf(await message(base, token, sessionId, 'make it 480p and add subtitles'));
    expect(mixed).toMatch(/^Understood: ≤ 480p · /);
    expect(mixed).toMatch(/\nNote: I don't add subtitles; a title I can add/);
    expect(mixed).not.toMatch(/did not understand/);
  });
});
