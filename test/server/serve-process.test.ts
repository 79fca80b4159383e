import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/media/index.js';
import { packageRoot } from '../../src/version.js';
import { makeClip } from '../helpers/clips.js';
import { download, newSession, rememberKey, startExport, upload, waitForRender } from './node-harness.js';

// `compressor-studio serve` as a real child process (the built bin: run `npm run build` first).

let dir: string;
let clip: string;
const children: ChildProcess[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-'));
  clip = await makeClip(dir, { width: 320, height: 240, seconds: 6, pattern: 'mandelbrot', audio: true });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts `serve --port 0` on `dataDir` and resolves with its URL once it prints it; its key is read from the node file. */
async function serve(dataDir: string, runtimeDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(packageRoot, 'bin', 'compressor-studio.js'), 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, COMPRESSOR_RUNTIME_DIR: runtimeDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  const nodeFile = JSON.parse(await readFile(join(runtimeDir, 'node.json'), 'utf8')) as { accessKey: string };
  rememberKey(url, nodeFile.accessKey);
  return { child, url };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('serve', () => {
  it('the built bin exists (npm run build)', () => {
    expect(existsSync(join(packageRoot, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
  });

  it('kill -9 mid-render, restart: the job finishes and its output is whole', async () => {
    const dataDir = join(dir, 'data-kill');
    const runtimeDir = join(dir, 'run-kill');
    const first = await serve(dataDir, runtimeDir);
    const { token, sessionId } = await newSession(first.url);
    await upload(first.url, token, sessionId, [clip]);
    await startExport(first.url, token, sessionId, 'render_kill');
    await waitForRender(first.url, token, 'render_kill', (data) => data.status === 'processing' && data.progress > 0);
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await serve(dataDir, runtimeDir);
    const done = await waitForRender(second.url, token, 'render_kill');
    expect(done.status).toBe('completed');
    const saved = join(dir, 'resumed.mp4');
    await writeFile(saved, Buffer.from(await (await download(done.output.url)).arrayBuffer()));
    expect((await stat(saved)).size).toBe(done.output.size);
    const info = await probe(saved);
    expect(info.durationSec).toBeCloseTo(6, 0);
    expect(await readdir(join(dataDir, 'outputs'))).toHaveLength(1);
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('writes the node file (0600) with a key every request needs, and removes it on SIGTERM', async () => {
    const runtimeDir = join(dir, 'run-term');
    const { child, url } = await serve(join(dir, 'data-term'), runtimeDir);
    const nodeFile = join(runtimeDir, 'node.json');
    const content = JSON.parse(await readFile(nodeFile, 'utf8')) as { url: string; accessKey: string; pid: number };
    expect(content).toMatchObject({ url, pid: child.pid, accessKey: expect.any(String) });
    expect((await stat(nodeFile)).mode & 0o777).toBe(0o600);
    const hello = await fetch(`${url}/api/node/hello`, { headers: { 'x-access-key': content.accessKey } });
    expect(((await hello.json()) as { data: { requires_key: boolean } }).data.requires_key).toBe(true);
    // Without --access-key, on loopback: another local user, who cannot read the node file, gets nothing.
    const stranger = await fetch(`${url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'x-client-id': crypto.randomUUID() } });
    expect(stranger.status).toBe(401);
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(existsSync(nodeFile)).toBe(false);
  });
});
