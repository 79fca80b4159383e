import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/engine-events.js';
import type { Job } from '../../src/engine/jobs.js';
import { initialViewState, reduceView, type ViewState } from '../../src/studio/view-state.js';

const job: Job = { id: 'j1', input: '/v/a.mp4', status: 'rendering', fraction: 0.4, startedAt: 1, updatedAt: 2, phaseStartedAt: 1, etaSec: 12 };
const fold = (events: EngineEvent[], from: ViewState = initialViewState) => events.reduce(reduceView, from);

describe('reduceView', () => {
  it.each<[string, EngineEvent[], Partial<ViewState>]>([
    ['setting up, then ready', [{ name: 'auth', payload: { status: 'setting-up', apiBase: 'http://n' } }, { name: 'auth', payload: { status: 'ready', apiBase: 'http://n', source: 'anonymous' } }], { connection: 'ready', apiBase: 'http://n' }],
    ['the studio session, not a job’s', [{ name: 'session', payload: { sessionId: 's1', renewed: false } }, { name: 'session', payload: { sessionId: 's2', renewed: false, jobId: 'j' } }], { sessionId: 's1' }],
    [
      'a streamed reply replaced by its final, shown once',
      [
        { name: 'message:delta', payload: { turnId: 1, text: 'Compressing to under ' } },
        { name: 'message:delta', payload: { turnId: 1, text: 'Compressing to under 100 MB.' } },
        { name: 'message:done', payload: { turnId: 1, text: 'Compressing to under 100 MB.' } },
      ],
      { turns: [{ turnId: 1, text: 'Compressing to under 100 MB.', done: true, jobId: undefined, note: undefined, working: undefined }] },
    ],
    [
      'still working, cleared by the next text',
      [
        { name: 'working', payload: { turnId: 2, elapsedMs: 120_000, text: '⏳ Still working…' } },
        { name: 'message:done', payload: { turnId: 2, text: '', note: 'Added: BGM: Lo-fi (0-10s, 35%).' } },
      ],
      { turns: [{ turnId: 2, text: '', done: true, jobId: undefined, note: 'Added: BGM: Lo-fi (0-10s, 35%).', working: undefined }] },
    ],
    ['a job, then its update', [{ name: 'job:update', payload: { ...job, fraction: 0.1 } }, { name: 'job:update', payload: job }], { jobs: [job] }],
    ['credits', [{ name: 'credits', payload: { available: 90, frozen: 0, total: 100, unlimited: false } }], { credits: { available: 90, frozen: 0, total: 100, unlimited: false } }],
    ['errors and notices, as sentences', [{ name: 'error', payload: { message: 'The render failed.', error: new Error('x') } }, { name: 'notice', payload: { text: 'Re-encoding here.' } }], { errors: ['The render failed.'], notices: ['Re-encoding here.'] }],
    ['progress events leave the view alone (jobs carry it)', [{ name: 'render:progress', payload: { jobId: 'j1', renderId: 'r', fraction: 0.5 } }], initialViewState],
  ])('%s', (_name, events, expected) => {
    expect(fold(events)).toMatchObject(expected);
  });

  it('keeps the state of the studio session only', () => {
    const state = { videoInfos: {}, generatedMedia: [] };
    const view = fold([{ name: 'session', payload: { sessionId: 's1', renewed: false } }, { name: 'state', payload: { sessionId: 'other', state } }]);
    expect(view.state).toBeUndefined();
    expect(fold([{ name: 'state', payload: { sessionId: 's1', state } }], view).state).toBe(state);
  });
});
