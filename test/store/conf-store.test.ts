import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStore, HISTORY_LIMIT, type JobRecord } from '../../src/store/index.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'store-'));
const job = (id: string, startedAt: number, status: JobRecord['status'] = 'done'): JobRecord => ({ id, input: `/v/${id}.mp4`, status, startedAt, updatedAt: startedAt });

describe('defaultStore', () => {
  it('keeps the client id, tokens, sessions, settings and jobs across a restart', () => {
    const dir = freshDir();
    const first = defaultStore(dir);
    const clientId = first.clientId('http://127.0.0.1:9');
    first.saveToken('http://127.0.0.1:9', { token: 'secret', expiresAt: '2030-01-01T00:00:00Z' });
    first.saveSession('https://mega-api-prod.nemovideo.ai', '12345678901234567890');
    first.updateSettings({ outputDir: '/out', autoExport: true });
    first.saveJob(job('a', 1, 'rendering'));
    first.saveJob(job('a', 1, 'done'));
    first.saveJob(job('b', 2));

    const second = defaultStore(dir);
    expect(second.clientId('http://127.0.0.1:9')).toBe(clientId);
    expect(second.token('http://127.0.0.1:9')).toEqual({ token: 'secret', expiresAt: '2030-01-01T00:00:00Z' });
    expect(second.token('http://127.0.0.1:10')).toBeUndefined();
    expect(second.session('https://mega-api-prod.nemovideo.ai')).toBe('12345678901234567890');
    expect(second.settings()).toEqual({ outputDir: '/out', autoExport: true });
    expect(second.jobs().map((j) => [j.id, j.status])).toEqual([['b', 'done'], ['a', 'done']]);
    expect(second.warnings).toEqual([]);
  });

  it('keeps the file private to the user, since it holds tokens', () => {
    const dir = freshDir();
    defaultStore(dir).saveToken('x', { token: 't' });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('forgets a token or session per API base, and renews the client id', () => {
    const store = defaultStore(freshDir());
    store.saveToken('a', { token: '1' });
    store.saveToken('b', { token: '2' });
    store.clearToken('a');
    store.saveSession('a', 's');
    store.clearSession('a');
    const old = store.clientId('a');
    const other = store.clientId('b');
    expect(store.renewClientId('a')).not.toBe(old);
    expect(store.clientId('b')).toBe(other);
    expect([store.token('a'), store.token('b'), store.session('a')]).toEqual([undefined, { token: '2' }, undefined]);
  });

  it('keeps a client id per API base, so two addresses of one node are two clients', () => {
    const store = defaultStore(freshDir());
    const direct = store.clientId('http://127.0.0.1:8787');
    expect(store.clientId('https://tunnel.example')).not.toBe(direct);
    expect(store.clientId('http://127.0.0.1:8787')).toBe(direct);
  });

  it(`keeps only the newest ${HISTORY_LIMIT} jobs`, () => {
    const store = defaultStore(freshDir());
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.saveJob(job(`j${i}`, i));
    expect(store.jobs()).toHaveLength(HISTORY_LIMIT);
    expect(store.jobs()[0].id).toBe(`j${HISTORY_LIMIT + 4}`);
  });

  it.each([
    ['truncated JSON', '{"clientId": "abc", "tokens": {'],
    ['an array', '[1,2,3]'],
  ])('moves a corrupt file (%s) aside with a warning and starts fresh', (_name, text) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'config.json'), text);
    const store = defaultStore(dir);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(/moved to .*config\.json\.corrupt-/);
    expect(store.clientId('a')).toMatch(/^[0-9a-f-]{36}$/);
    const aside = readdirSync(dir).find((name) => name.startsWith('config.json.corrupt-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(text);
  });
});
