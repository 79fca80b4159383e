import { pathToFileURL } from 'node:url';
import { parseInstruction } from '../src/goal/index.js';

/** Instructions as people type them: the brief's, typos, Chinese, and a few long ones. */
const SAMPLES = [
  'compress my video files',
  'export 1080p MP4',
  'compress this video to under 100MB',
  'compress this video to under 100MB without losing quality',
  'make it look better',
  'credits',
  'show tracks',
  'compres to 100mbs',
  'make it fit discord but 720p',
  'under 10MB in 4k lossless',
  'cut the first 5s and mute it, 30fps, h265 in mkv',
  'from 0:10 to 0:45, vertical for tiktok',
  'half the size, keep audio at 96k',
  '压缩到100MB以内，不损失画质，剪掉前五秒',
  '导出 竖屏 1080p',
  'Hey, can you compress my 500MB 4K travel vlog so I can email it to my boss? Fast please, and no sound.',
];

const COUNT = 10_000;

/** Parses 10,000 instructions (the samples, round and round) and says how long it took. */
export function benchParse(): { count: number; ms: number } {
  for (let i = 0; i < 200; i += 1) parseInstruction(SAMPLES[i % SAMPLES.length]);
  const started = performance.now();
  for (let i = 0; i < COUNT; i += 1) parseInstruction(SAMPLES[i % SAMPLES.length]);
  return { count: COUNT, ms: performance.now() - started };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { count, ms } = benchParse();
  process.stdout.write(`parse-speed: ${count} instructions in ${ms.toFixed(0)} ms (${((ms * 1000) / count).toFixed(1)} µs each)\n`);
}
