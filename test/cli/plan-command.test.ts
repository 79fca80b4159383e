import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = join('bin', 'compressor-studio.js');
const BUILT = join('dist', 'src', 'cli', 'plan-command.js');

/** The newest modification time among the sources the plan command is built from. */
function newestSource(): number {
  const goal = readdirSync(join('src', 'goal')).map((name) => join('src', 'goal', name));
  return Math.max(...[...goal, join('src', 'cli', 'plan-command.ts'), join('src', 'cli', 'main.ts')].map((path) => statSync(path).mtimeMs));
}

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'plan', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The test runs the real binary, so it needs dist/; CI builds first, a developer may not have.
beforeAll(() => {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource()) return;
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore', shell: process.platform === 'win32' });
  if (!existsSync(BUILT)) throw new Error('npm run build did not produce dist/; run it to see why.');
}, 180_000);

describe('compressor-studio plan', () => {
  it('prints the goal the brief example describes, one readable line', () => {
    const { code, stdout } = plan('compress this video to under 100MB without losing quality');
    expect(code).toBe(0);
    expect(stdout).toBe('compress: ≤ 100 MB · source resolution · H.264 · keep audio · visually lossless\n');
  });

  it('takes the instruction as several words', () => {
    const { code, stdout } = plan('make', 'it', 'fit', 'discord');
    expect(code).toBe(0);
    expect(stdout).toBe('compress: Discord: ≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality\n');
  });

  it('prints exactly one JSON line with intent, goal and summary', () => {
    const { code, stdout } = plan('export 1080p MP4', '--json');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      intent: 'export',
      goal: { resolution: 1080, container: 'mp4' },
      summary: 'export · ≤ 1080p · H.264 · MP4 · keep audio · high quality',
    });
  });

  it('adds unknown words and questions to the JSON only when there are some', () => {
    const parsed = JSON.parse(plan('--json', 'make it look better').stdout);
    expect(parsed.intent).toBe('unknown');
    expect(parsed.unknown).toEqual(['look', 'better']);
    expect(parsed.ambiguities).toEqual([expect.stringMatching(/^What should I do with your video\? Try/)]);
    expect(Object.keys(JSON.parse(plan('--json', 'credits').stdout))).toEqual(['intent', 'goal', 'summary']);
  });

  it('reads Chinese', () => {
    expect(JSON.parse(plan('--json', '压缩到100MB以内，剪掉前5秒').stdout)).toMatchObject({
      intent: 'compress',
      goal: { targetBytes: 100_000_000, trim: { startSec: 5 } },
    });
  });

  it('lists what it did not understand and what it asks, in plain lines', () => {
    const { code, stdout } = plan('under 10MB in 4k lossless, with sparkles');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('compress: ≤ 10 MB · ≤ 2160p · H.264 · keep audio · visually lossless');
    expect(lines).toContain('Not understood: sparkles');
    expect(lines.filter((line) => line.startsWith('? '))).toHaveLength(2);
  });

  it('exits 2 with a usage line when the text is missing', () => {
    for (const args of [[], ['--json'], ['   ']]) {
      const { code, stdout, stderr } = plan(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/Usage: compressor-studio plan TEXT\.\.\. \[--json\]/);
    }
  });

  it('exits 2 on an option it does not know', () => {
    const { code, stderr } = plan('--yaml', 'under 10MB');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage:/);
  });
});
