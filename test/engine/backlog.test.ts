import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKLOG_LIMIT } from '../../src/engine/backlog-emitter.js';
import { createEngine, type EngineEvent } from '../../src/engine/index.js';
import { defaultStore } from '../../src/store/index.js';

const engineWith = (store = defaultStore(mkdtempSync(join(tmpdir(), 'backlog-')))) => createEngine({ apiBase: 'http://127.0.0.1:9', store, env: {}, liveState: false });

describe('events raised before anyone listens', () => {
  it('reach the first subscriber: a corrupt store’s warning is not lost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlog-'));
    writeFileSync(join(dir, 'config.json'), '{ not json');
    const engine = engineWith(defaultStore(dir));
    const seen: EngineEvent[] = [];
    engine.subscribe((event) => seen.push(event));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ name: 'notice', payload: { text: expect.stringMatching(/moved to/) } });
  });

  it(`keep only the newest ${BACKLOG_LIMIT}`, () => {
    const engine = engineWith();
    for (let i = 0; i < BACKLOG_LIMIT + 20; i++) engine.notify(`n${i}`);
    const seen: string[] = [];
    engine.subscribe((event) => event.name === 'notice' && seen.push(event.payload.text));
    expect(seen).toHaveLength(BACKLOG_LIMIT);
    expect(seen[0]).toBe('n20');
    expect(seen.at(-1)).toBe(`n${BACKLOG_LIMIT + 19}`);
  });

  it('an error with no listener is kept, not thrown', () => {
    const engine = engineWith();
    expect(() => engine.report(new Error('boom'))).not.toThrow();
    const seen: EngineEvent[] = [];
    engine.subscribe((event) => seen.push(event));
    expect(seen).toEqual([{ name: 'error', payload: { message: 'boom', error: expect.any(Error), jobId: undefined } }]);
  });

  it('typed `on` listeners get events too, and a subscriber stops when it unsubscribes', () => {
    const engine = engineWith();
    const texts: string[] = [];
    const counted: string[] = [];
    engine.on('notice', (notice) => texts.push(notice.text));
    const stop = engine.subscribe((event) => counted.push(event.name));
    engine.notify('a');
    stop();
    engine.notify('b');
    expect(texts).toEqual(['a', 'b']);
    expect(counted).toEqual(['notice']);
  });
});
