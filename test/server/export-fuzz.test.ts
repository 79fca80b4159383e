import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { call, newSession, startExport, startTestNode, upload } from './node-harness.js';

// Thousands of generated drafts, well-formed and hostile, through the real export route of a real
// node: it must never touch a file outside its data folder (a sentinel folder is compared before
// and after), never crash, and answer each with a documented code and a sentence free of internals.

const DRAFTS = 1500;
/** The answers the export route documents: accepted, malformed (400), body over 1 MB (413). */
const DOCUMENTED = new Set(['200/0', '400/400', '413/400']);
const INTERNALS = /Cannot read|is not a function|is not defined|undefined|TypeError|RangeError|\bat \S+\.(js|ts)|\/tmp\/|node:|zod|Expected|received/i;

let dir: string;
let sentinel: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
let token: string;
let sessionId: string;
let mediaId: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-fuzz-'));
  sentinel = join(dir, 'sentinel');
  await mkdir(join(sentinel, 'folder'), { recursive: true });
  await writeFile(join(sentinel, 'victim.txt'), 'victim');
  await writeFile(join(sentinel, 'folder', 'victim.mp4'), 'victim');
  const clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode();
  ({ token, sessionId } = await newSession(started.node.url));
  mediaId = (await upload(started.node.url, token, sessionId, [clip])).data.files[0].media_id;
});
afterAll(async () => {
  await started?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root` with its content: what "untouched" means. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    files[path] = entry.isFile() ? await readFile(path, 'utf8') : 'folder';
  }
  return files;
}

type Next = () => number;
const pick = <T>(next: Next, items: readonly T[]): T => items[Math.floor(next() * items.length)];

function traversals(): string[] {
  const up = '../'.repeat(20);
  return [
    `mp4/${up}${sentinel.slice(1)}/victim.txt`, `${up}${sentinel.slice(1)}/folder`, `${sentinel}/victim.txt`, '..', '../..', '/',
    'mp4\u0000', 'mp4/../mp4', '%2e%2e%2fvictim', 'mp4\\..\\..\\victim', 'm_' + '0'.repeat(32), `m_../../${sentinel.slice(1)}`,
  ];
}

/** A value a client should never send: each kind the probe tried, and the classic JSON tricks. */
function hostile(next: Next, depth = 0): unknown {
  switch (Math.floor(next() * 12)) {
    case 0: return pick(next, traversals());
    case 1: return pick(next, [1e308, -1e308, 2 ** 53 + 1, -0, 0, -1, 1e-320, 4321, 143.9, 0.5]);
    case 2: return pick(next, ['NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1080', '', ' ', '\u202e', '😀'.repeat(300)]);
    case 3: return pick(next, [true, false, null, [], {}]);
    case 4: return depth > 2 ? null : Array.from({ length: Math.floor(next() * 4) }, () => hostile(next, depth + 1));
    case 5: {
      // Deep nesting: parsers and validators that recurse must not fall over.
      let value: unknown = 'bottom';
      for (let level = Math.floor(next() * (next() < 0.1 ? 2000 : 200)); level > 0; level--) value = next() < 0.5 ? [value] : { m: value };
      return value;
    }
    case 6: return Array.from({ length: Math.floor(next() * (next() < 0.1 ? 5000 : 500)) }, (_, index) => index);
    case 7: return JSON.parse(pick(next, ['{"__proto__":{"container":"x","polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"prototype":1}']));
    case 8: return { toString: 'x', valueOf: 1, hasOwnProperty: 'no' };
    case 9: return 'x'.repeat(Math.floor(next() * (next() < 0.1 ? 20_000 : 1000)));
    case 10: return depth > 2 ? 1 : { [pick(next, ['container', 'startSec', 'bitrateKbps', '__proto__', 'tt'])]: hostile(next, depth + 1) };
    default: return pick(next, ['mp4', 'h265', 'mute', 'keep', '9:16', 'best', 'small', 'discord']);
  }
}

/** How often a field gets a hostile value: 0 for drafts that are well-formed throughout. */
let hostility = 0.5;
const bad = (next: Next): boolean => next() < hostility;

/** A Goal field by field: allowed values, each swapped for a hostile one at the draft's rate. */
function goal(next: Next): unknown {
  const goalValues: Record<string, () => unknown> = {
    container: () => pick(next, ['mp4', 'webm', 'mov', 'mkv']),
    codec: () => pick(next, ['h264', 'h265', 'av1']),
    resolution: () => pick(next, [144, 240, 480, 720, 1080]),
    fps: () => pick(next, [1, 15, 24, 30, 240]),
    targetBytes: () => pick(next, [1, 100_000, 5_000_000]),
    relativeSize: () => pick(next, [0.1, 0.5, 0.99]),
    quality: () => pick(next, ['visually-lossless', 'high', 'balanced', 'small']),
    audio: () => pick(next, ['keep', 'mute', { bitrateKbps: 64 }]),
    trim: () => pick(next, [{ startSec: 0, endSec: 0.5 }, { startSec: -0.5 }, { startSec: 0, endSec: -0.2 }]),
    aspect: () => pick(next, ['16:9', '9:16', '1:1', '4:5']),
    speed: () => pick(next, ['fast', 'balanced', 'best']),
    platform: () => pick(next, ['discord', 'whatsapp']),
  };
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(goalValues)) {
    if (next() < 0.7) continue;
    result[field] = bad(next) ? hostile(next) : value();
  }
  if (bad(next) && next() < 0.2) result[pick(next, ['bogus', '__proto__', 'path', 'outName'])] = hostile(next);
  return result;
}

function segment(next: Next): unknown {
  const fields: Record<string, unknown> = {
    src: bad(next) ? hostile(next) : mediaId,
    s: bad(next) ? hostile(next) : 0,
    d: bad(next) ? hostile(next) : 1000,
    m: bad(next) ? hostile(next) : next() < 0.8 ? { goal: goal(next) } : { text: bad(next) ? hostile(next) : 'Title', volume: bad(next) ? hostile(next) : 0.5 },
  };
  if (bad(next) && next() < 0.2) delete fields[pick(next, Object.keys(fields))];
  return fields;
}

/** A draft: the shape a client sends, with hostile values at any level, or a whole hostile value. */
function draft(next: Next): unknown {
  // Mostly hostile: drafts that validate get queued (then canceled), which costs an ffmpeg start each.
  hostility = next() < 0.01 ? 0 : pick(next, [0.3, 0.5, 0.8]);
  if (bad(next) && next() < 0.1) return hostile(next);
  const tracks = Array.from({ length: 1 + Math.floor(next() * 2) }, (_, index) => ({
    tt: bad(next) ? hostile(next) : index === 0 ? 0 : 7,
    sg: bad(next) ? hostile(next) : Array.from({ length: 1 + Math.floor(next() * 2) }, () => segment(next)),
    m: bad(next) ? hostile(next) : {},
  }));
  return { t: tracks, d: bad(next) ? hostile(next) : 1000, m: goal(next) };
}

describe('the export route under generated drafts', () => {
  it(`answers ${DRAFTS} drafts with documented codes and never touches files outside its data folder`, { timeout: 120_000 }, async () => {
    const before = await snapshot(sentinel);
    const next = seededRandom(20261202);
    const answers: string[] = [];
    const accepted: string[] = [];
    let index = 0;
    // A few requests in flight at once, as clients would send them; valid drafts are canceled at once
    // (the route's checks are what is under test, not the encoder).
    const worker = async (): Promise<void> => {
      for (let mine = index++; mine < DRAFTS; mine = index++) {
        const id = `render_fuzz_${mine}`;
        const sent = draft(next);
        const answer = await startExport(started.node.url, token, sessionId, id, sent);
        answers.push(`${answer.status}/${answer.code}`);
        if (!DOCUMENTED.has(`${answer.status}/${answer.code}`) || INTERNALS.test(answer.message)) {
          throw new Error(`draft ${mine} (seed 20261202) got ${answer.status}/${answer.code} "${answer.message}": ${JSON.stringify(sent).slice(0, 500)}`);
        }
        if (answer.code === 0) {
          accepted.push(id);
          await call(started.node.url, 'POST', `/api/render/proxy/lambda/${id}/cancel`, { token });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));

    expect(answers).toHaveLength(DRAFTS);
    // Both kinds were exercised: refusals, and drafts well-formed enough to be queued.
    expect(answers.filter((code) => code === '400/400').length).toBeGreaterThan(DRAFTS / 3);
    expect(accepted.length).toBeGreaterThan(0);
    expect(await snapshot(sentinel)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still alive and answering.
    expect((await call(started.node.url, 'GET', '/api/node/hello')).code).toBe(0);
  });
});
