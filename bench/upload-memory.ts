import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { packageRoot } from '../src/version.js';
import { makeClip } from '../test/helpers/clips.js';

// Upload bench for the render node (issue 4): a 500 MB upload through a spawned `serve` must keep
// the node's memory growth under 100 MB and run at disk speed; 501 MB must be refused with 4002
// and leave nothing. Run after `npm run build`: node dist/bench/upload-memory.js

const MB = 1_000_000;

/** A real tiny clip padded with zeros to `size` bytes (sparse): the MP4 demuxer ignores the tail. */
async function paddedClip(dir: string, name: string, size: number): Promise<string> {
  const clip = await makeClip(dir, { width: 160, height: 120, seconds: 1, name });
  const handle = await open(clip, 'r+');
  await handle.truncate(size);
  await handle.close();
  return clip;
}

async function serve(dataDir: string, runtimeDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(packageRoot, 'bin', 'compressor-studio.js'), 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, COMPRESSOR_RUNTIME_DIR: runtimeDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, url };
}

/** The child's resident memory, bytes (Linux /proc). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function json(url: string, init: RequestInit): Promise<{ code: number; data: any; status: number }> {
  const response = await fetch(url, init);
  return { ...((await response.json()) as { code: number; data: unknown }), status: response.status };
}

/** Streams `file` as the multipart field `files`; resolves with the HTTP status and the envelope code. */
function uploadFile(url: string, token: string, file: string, size: number): Promise<{ status: number; code: number }> {
  const boundary = 'bench-boundary-7f3a';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body) as { code: number }).code }));
    });
    // The node may answer (4002) and close before the body is all sent: that is the point.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.write(head);
    const source = createReadStream(file);
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
  });
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('This bench reads /proc for the node’s memory: run it on Linux.');
  const dir = await mkdtemp(join(tmpdir(), 'upload-bench-'));
  const { child, url } = await serve(join(dir, 'data'), join(dir, 'run'));
  try {
    const fiveHundred = await paddedClip(dir, 'five-hundred.mp4', 500 * MB);
    const tooBig = await paddedClip(dir, 'five-hundred-one.mp4', 501 * MB);

    // Disk speed on this machine, for comparison: the same bytes copied by a stream.
    const copyStart = performance.now();
    await pipeline(createReadStream(fiveHundred), createWriteStream(join(dir, 'copy.bin')));
    const diskMBs = 500 / ((performance.now() - copyStart) / 1000);
    await rm(join(dir, 'copy.bin'));

    const token = (await json(`${url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'x-client-id': 'bench' } })).data.token as string;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const sessionId = (await json(`${url}/api/tasks/me/with-session/nemo_agent`, { method: 'POST', headers: auth, body: '{}' })).data.session_id as string;
    const uploadUrl = `${url}/api/upload-video/nemo_agent/me/${sessionId}`;

    const baseline = await rssOf(child.pid!);
    let peak = baseline;
    const sampler = setInterval(() => void rssOf(child.pid!).then((rss) => (peak = Math.max(peak, rss))), 50);
    const start = performance.now();
    const accepted = await uploadFile(uploadUrl, token, fiveHundred, 500 * MB);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, await rssOf(child.pid!));

    const mediaBefore = await readdir(join(dir, 'data', 'media'));
    const refused = await uploadFile(uploadUrl, token, tooBig, 501 * MB);
    const mediaAfter = await readdir(join(dir, 'data', 'media'));
    const stored = await Promise.all(mediaAfter.map(async (name) => (await stat(join(dir, 'data', 'media', name))).size));

    const growthMB = (peak - baseline) / MB;
    const lines = [
      `500 MB upload: HTTP ${accepted.status}, code ${accepted.code}, ${(500 / seconds).toFixed(0)} MB/s (stream copy on this disk: ${diskMBs.toFixed(0)} MB/s)`,
      `node RSS: ${(baseline / MB).toFixed(0)} MB before, ${(peak / MB).toFixed(0)} MB peak: growth ${growthMB.toFixed(1)} MB (${growthMB < 100 ? 'under' : 'OVER'} the 100 MB bar)`,
      `501 MB upload: HTTP ${refused.status}, code ${refused.code} (${refused.code === 4002 ? 'refused as it should be' : 'NOT REFUSED'}); files left by it: ${mediaAfter.length - mediaBefore.length}`,
      `stored media: ${stored.map((size) => `${(size / MB).toFixed(0)} MB`).join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (accepted.code !== 0 || refused.code !== 4002 || mediaAfter.length !== mediaBefore.length || growthMB >= 100) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
