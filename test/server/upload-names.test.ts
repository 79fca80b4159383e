import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFiles } from '../../src/engine/api/index.js';
import { makeClip } from '../helpers/clips.js';
import { newSession, SKILL_HEADERS, startTestNode } from './node-harness.js';

// Upload names arrive as UTF-8 bytes in the multipart header (curl, browsers, undici's FormData);
// the node must show them as sent, minus control and direction characters.
let started: Awaited<ReturnType<typeof startTestNode>>;
let work: string;
let clip: string;
const NAME = 'vidéo 🎬 日本.mkv';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'upload-names-'));
  started = await startTestNode();
  clip = await makeClip(work, { seconds: 1, name: 'clip.mkv', container: 'mkv' });
});
afterAll(async () => {
  await started.cleanup();
  await rm(work, { recursive: true, force: true });
});

/** A multipart body written byte by byte as curl -F does: the filename's UTF-8 bytes, unescaped. */
async function rawMultipart(filename: string, file: string): Promise<{ body: Buffer; type: string }> {
  const boundary = '------------------------curlstyle1234';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: video/x-matroska\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, await readFile(file), tail]), type: `multipart/form-data; boundary=${boundary}` };
}

describe('upload names', () => {
  it('keeps a UTF-8 name from a raw (curl-style) multipart body, and strips bidi and control characters', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    for (const [sent, shown] of [[NAME, NAME], ['evil\u202Evkm.mkv', 'evilvkm.mkv']]) {
      const { body, type } = await rawMultipart(sent, clip);
      const response = await fetch(`${started.node.url}/api/upload-video/nemo_agent/me/${sessionId}`, {
        method: 'POST',
        headers: { ...SKILL_HEADERS, authorization: `Bearer ${token}`, 'content-type': type },
        body,
      });
      const answer = (await response.json()) as { code: number; data: { files: { name: string }[] } };
      expect(answer.code).toBe(0);
      expect(answer.data.files[0].name).toBe(shown);
    }
  });

  it('keeps it through our own client', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    const named = join(work, NAME);
    await copyFile(clip, named);
    const [file] = await uploadFiles({ base: started.node.url, token }, sessionId, [named]);
    expect(file.name).toBe(NAME);
  });
});
