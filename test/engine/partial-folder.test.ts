import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRange } from '../../src/engine/api/download-call.js';
import { PARTIAL_FOLDER, withPartialFolder } from '../../src/engine/partial-folder.js';
import { sweepOrphans } from '../../src/orphan-folders.js';
import { isProcessAlive, processStartTime } from '../../src/process-identity.js';

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('process identity', () => {
  it('knows this process, and not a gone one', () => {
    expect(isProcessAlive(process.pid, processStartTime(process.pid))).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))('does not take a live pid with another start time for the process that recorded it', () => {
    expect(processStartTime(process.pid)).toMatch(/^\d+$/);
    expect(isProcessAlive(process.pid, '1')).toBe(false);
  });
});

describe('the hidden partial folder', () => {
  it('removes folders whose owner is gone, and keeps live owners\' and names that are not its own', async () => {
    const shared = join(mkdtempSync(join(tmpdir(), 'partial-')), PARTIAL_FOLDER);
    const mine = `${process.pid}-${processStartTime(process.pid) ?? '0'}-beef`;
    for (const name of [`${deadPid()}-123-abcd`, mine, 'not-ours']) {
      mkdirSync(join(shared, name), { recursive: true });
      writeFileSync(join(shared, name, 'download.part'), 'x');
    }
    await sweepOrphans(shared);
    expect(readdirSync(shared).sort()).toEqual([mine, 'not-ours'].sort());
  });

  it('gives each delivery a folder of its own and leaves nothing once done, even on failure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'partial-out-'));
    let seen = '';
    await expect(
      withPartialFolder(out, async (dir) => {
        seen = dir;
        writeFileSync(join(dir, 'download.part'), 'half');
        throw new Error('cut');
      }),
    ).rejects.toThrow('cut');
    expect(seen.startsWith(join(out, PARTIAL_FOLDER))).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('contentRange', () => {
  it.each([
    ['bytes 100-199/200', { start: 100, size: 200 }],
    ['bytes 0-0/*', { start: 0, size: undefined }],
    ['bytes */200', undefined],
    [undefined, undefined],
  ])('%o → %o', (header, range) => {
    expect(contentRange(header)).toEqual(range);
  });
});
