import { describe, expect, it } from 'vitest';
import type { EngineEvent, Job } from '../../src/engine/index.js';
import { emptyTranscript, reduceTranscript, TRANSCRIPT_LIMIT, type TranscriptAction } from '../../src/ui/transcript.js';

const job = (change: Partial<Job>): Job => ({ id: 'j1', input: '/videos/vlog.mov', status: 'rendering', fraction: 0.5, startedAt: 0, updatedAt: 0, phaseStartedAt: 0, ...change });
const engine = (event: EngineEvent): TranscriptAction => ({ type: 'engine', event });

describe('the transcript', () => {
  it.each<[string, TranscriptAction[], Array<[string, string]>]>([
    ['a user line', [{ type: 'user', text: 'under 10MB' }], [['user', 'under 10MB']]],
    ['a finished reply with the engine note', [engine({ name: 'message:done', payload: { turnId: 1, text: 'Done.', note: 'Nothing changed.' } })], [['reply', 'Done.\nNothing changed.']]],
    ['no entry for an empty reply', [engine({ name: 'message:done', payload: { turnId: 1, text: '  ' } })], []],
    ['no entry while a reply streams', [engine({ name: 'message:delta', payload: { turnId: 1, text: 'Comp' } })], []],
    ['a notice and an error', [engine({ name: 'notice', payload: { text: 'Setting up…' } }), engine({ name: 'error', payload: { message: 'That file is not a video.', error: null } })], [['notice', 'Setting up…'], ['error', 'That file is not a video.']]],
    ['a running job is not an entry', [engine({ name: 'job:update', payload: job({}) })], []],
    ['a finished job enters once', [engine({ name: 'job:update', payload: job({ status: 'done', output: '/out/vlog.compressed.mp4', bytes: 9_500_000 }) }), engine({ name: 'job:update', payload: job({ status: 'done', output: '/out/vlog.compressed.mp4', bytes: 9_500_000 }) })], [['job', 'vlog.mov → /out/vlog.compressed.mp4 (9.5 MB)']]],
    ['a finished job says its measured quality', [engine({ name: 'job:update', payload: job({ status: 'done', output: '/out/vlog.compressed.mp4', bytes: 9_500_000, quality: { metric: 'vmaf', mean: 96.14 } }) })], [['job', 'vlog.mov → /out/vlog.compressed.mp4 (9.5 MB, VMAF 96.1)']]],
    ['a finished job with a size cap says it, as run does', [engine({ name: 'job:update', payload: job({ status: 'done', output: '/out/vlog.compressed.mp4', bytes: 95_300, targetBytes: 100_000, quality: { metric: 'vmaf', mean: 93.42 } }) })], [['job', 'vlog.mov → /out/vlog.compressed.mp4 (95.3 KB, under 100 KB, VMAF 93.4)']]],
    ['… or its SSIM where no libvmaf exists', [engine({ name: 'job:update', payload: job({ status: 'done', output: '/out/vlog.compressed.mp4', quality: { metric: 'ssim', mean: 0.99312 } }) })], [['job', 'vlog.mov → /out/vlog.compressed.mp4 (SSIM 0.9931)']]],
    ['a canceled job says nothing was written', [engine({ name: 'job:update', payload: job({ status: 'canceled' }) })], [['job', 'vlog.mov: canceled, nothing was written.']]],
    ['a notice or error about one job of a batch names its file, once', [engine({ name: 'job:update', payload: job({}) }), engine({ name: 'notice', payload: { text: 'Kept the full frame.', jobId: 'j1' } }), engine({ name: 'error', payload: { message: 'vlog.mov is cut short.', error: null, jobId: 'j1' } })], [['notice', 'vlog.mov: Kept the full frame.'], ['error', 'vlog.mov is cut short.']]],
    ['a failed job is left to its error event', [engine({ name: 'job:update', payload: job({ status: 'failed', error: 'x' }) })], []],
  ])('%s', (_name, actions, expected) => {
    const result = actions.reduce(reduceTranscript, emptyTranscript);
    expect(result.entries.map((e) => [e.kind, e.text])).toEqual(expected);
    expect(result.entries.map((e) => e.id)).toEqual(expected.map((_, i) => i + 1));
  });

  it('keeps a bounded number of entries with ids that keep growing', () => {
    let transcript = emptyTranscript;
    for (let i = 0; i < TRANSCRIPT_LIMIT + 10; i++) transcript = reduceTranscript(transcript, { type: 'user', text: String(i) });
    expect(transcript.entries).toHaveLength(TRANSCRIPT_LIMIT);
    expect(transcript.entries.at(-1)?.id).toBe(TRANSCRIPT_LIMIT + 10);
  });
});
