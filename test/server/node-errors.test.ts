import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError, StudioError } from '../../src/errors.js';
import { probe } from '../../src/media/probe.js';
import { placeOutput } from '../../src/media/place-output.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { clientSentence } from '../../src/server/envelope.js';
import { makeClip } from '../helpers/clips.js';
import { newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// What the node tells a client is in the user's terms: no node paths, no JS error texts, no
// ffmpeg lines, and no blaming the user's file for the node's own faults. Details go to the log.

const INTERNALS = /\/tmp|\/work|node-|Cannot read|is not a function|TypeError|ENOENT|exit status|ffmpeg|ffprobe|damaged/i;

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => expect.unreachable('it succeeded'),
    (error: unknown) => error,
  );
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'node-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a node fault in the user\'s terms', () => {
  it.each([
    ['ffmpeg failing on an output it cannot open', () => runFfmpeg(['-y', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:d=0.1', join(dir, 'missing', 'x.mp4')]), /^The encoder failed on this video\./],
    ['a JS error inside the node', async () => (undefined as unknown as { encoder: string }).encoder, /^The render node hit an internal error\./],
    ['a file system error naming a node path', () => readFile(join(dir, 'nothing-here')), /^The render node hit an internal error\./],
    ['a missing input the node itself stored', () => probe(join(dir, 'm_gone')), /^The render node hit an internal error\./],
    ['a place it cannot write', async () => placeOutput(join(dir, 'nothing'), join(dir, 'no', 'folder'), 'x.mp4'), /^The render node could not read or write its own files\./],
  ])('%s', async (_what, work, sentence) => {
    const said = clientSentence(await failure(work));
    expect(said).toMatch(sentence);
    expect(said).not.toMatch(INTERNALS);
  });

  it.each([
    [new MediaError('impossible', 'The trim starts at 12 s but the video is only 10 s long.', { hint: 'Pick a start before the end.' })],
    [new StudioError('There is no render with that id.')],
  ])('keeps a sentence that is already in the user\'s terms: %s', (error) => {
    expect(clientSentence(error)).toBe(error.hint ? `${error.message} ${error.hint}` : error.message);
  });
});

describe('a failed render on a real node', () => {
  it('says what happened without the node\'s paths, and logs the details', async () => {
    const lines: string[] = [];
    const started = await startTestNode({ log: (line) => lines.push(line) });
    try {
      const clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
      const { token, sessionId } = await newSession(started.node.url);
      expect((await upload(started.node.url, token, sessionId, [clip])).code).toBe(0);
      // The node loses its own copy of the upload (a fault of the node, not of the user's file).
      for (const name of await readdir(join(started.dataDir, 'media'))) await rm(join(started.dataDir, 'media', name));
      expect((await startExport(started.node.url, token, sessionId, 'render_lost')).code).toBe(0);
      const done = await waitForRender(started.node.url, token, 'render_lost');
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/^The render node hit an internal error\./);
      expect(done.error).not.toMatch(INTERNALS);
      expect(lines.some((line) => line.startsWith('render render_lost failed:') && line.includes(started.dataDir))).toBe(true);
    } finally {
      await started.cleanup();
    }
  });
});
