import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseNode, CLOUD_API } from '../../src/cli/node-choice.js';
import { PROCESS_TAG } from '../../src/orphan-folders.js';

const envIn = (dir: string): NodeJS.ProcessEnv => ({ COMPRESSOR_DATA_DIR: join(dir, 'data'), COMPRESSOR_RUNTIME_DIR: join(dir, 'run') });

describe('chooseNode', () => {
  it.each([
    ['--api cloud', { api: 'cloud' }, {}, CLOUD_API],
    ['--api URL (trailing slash dropped)', { api: 'http://10.0.0.5:8787/' }, {}, 'http://10.0.0.5:8787'],
    ['NEMO_API_BASE', {}, { NEMO_API_BASE: 'http://127.0.0.1:9999' }, 'http://127.0.0.1:9999'],
    ['--api over NEMO_API_BASE', { api: 'http://a:1' }, { NEMO_API_BASE: 'http://b:2' }, 'http://a:1'],
  ])('%s', async (_name, options, env, apiBase) => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    const choice = await chooseNode({ ...options, env: { ...envIn(dir), ...env } });
    expect(choice).toMatchObject({ apiBase, kind: 'given', accessKey: undefined });
  });

  it('sends the key from this user’s node file when --api names that node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'node.json'), JSON.stringify({ url: 'http://127.0.0.1:8800', accessKey: 'secret', pid: 1 }));
    expect(await chooseNode({ api: 'http://127.0.0.1:8800', env: envIn(dir) })).toMatchObject({ accessKey: 'secret' });
    expect(await chooseNode({ api: 'http://127.0.0.1:8801', env: envIn(dir) })).toMatchObject({ accessKey: undefined });
    // Another machine's node (a tunnel to it): the key its operator gave.
    expect(await chooseNode({ api: 'http://127.0.0.1:8801', env: { ...envIn(dir), NEMO_ACCESS_KEY: 'given' } })).toMatchObject({ accessKey: 'given' });
  });

  it('does not attach to a node file that points away from 127.0.0.1:8787, and starts the embedded node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'node.json'), JSON.stringify({ url: 'http://192.0.2.1:8787', accessKey: 'x', pid: 1 }));
    const choice = await chooseNode({ env: envIn(dir) });
    try {
      expect(choice.kind).toBe('embedded');
      expect(choice.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(choice.storeKey).toBe(`embedded:${join(dir, 'data')}`);
    } finally {
      await choice.close();
    }
  });

  it('gives a second embedded node at once (another studio, a run beside it) a private folder, removed on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    const first = await chooseNode({ env: envIn(dir) });
    const second = await chooseNode({ env: envIn(dir) });
    try {
      expect(first.storeKey).toBe(`embedded:${join(dir, 'data')}`);
      expect(second.storeKey).toBe(`embedded:${join(dir, 'data', 'instances', PROCESS_TAG)}`);
      expect(second.apiBase).not.toBe(first.apiBase);
      expect(existsSync(join(dir, 'data', 'instances', PROCESS_TAG))).toBe(true);
    } finally {
      await second.close();
      await first.close();
    }
    expect(existsSync(join(dir, 'data', 'instances', PROCESS_TAG))).toBe(false);
  });

  it('removes the private folder of a second node whose process was killed, at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const left = join(dir, 'data', 'instances', `${gone}-123`);
    mkdirSync(join(left, 'media'), { recursive: true });
    writeFileSync(join(left, 'media', 'upload.mp4'), 'a copy of somebody\'s video');
    const choice = await chooseNode({ env: envIn(dir) });
    try {
      expect(existsSync(left)).toBe(false);
    } finally {
      await choice.close();
    }
  });

  it('locks the embedded node like serve: a random key only this process knows, and no file:// or loopback URL uploads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'choice-'));
    const choice = await chooseNode({ env: envIn(dir) });
    try {
      expect(choice.accessKey).toMatch(/^[\w-]{32}$/);
      const ask = (headers: Record<string, string>) => fetch(`${choice.apiBase}/api/auth/anonymous-token`, { method: 'POST', headers: { 'x-client-id': crypto.randomUUID(), ...headers } });
      // Another local process found the port: without the key it gets nothing.
      expect((await ask({})).status).toBe(401);
      const key = { 'x-access-key': choice.accessKey! };
      const { data } = (await (await ask(key)).json()) as { data: { token: string } };
      const auth = { ...key, authorization: `Bearer ${data.token}`, 'content-type': 'application/json' };
      const session = (await (await fetch(`${choice.apiBase}/api/tasks/me/with-session/nemo_agent`, { method: 'POST', headers: auth, body: '{}' })).json()) as { data: { session_id: string } };
      for (const url of [pathToFileURL(join(dir, 'data', 'node.lock')).href, `${choice.apiBase}/api/node/hello`]) {
        const answer = await fetch(`${choice.apiBase}/api/upload-video/nemo_agent/me/${session.data.session_id}`, { method: 'POST', headers: auth, body: JSON.stringify({ urls: [url], source_type: 'url' }) });
        expect(answer.status).toBe(400);
      }
    } finally {
      await choice.close();
    }
  });
});
