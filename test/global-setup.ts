import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** The newest modification time of a file under `dir` (0 when there is none). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

// Tests that run the real binary need dist/. `npm test` builds before vitest starts; a developer
// running `npx vitest run` alone gets the same build here, once, instead of a stale or missing one.
function buildIfStale(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

// Every temp folder a test (or a process it starts) makes lands in one folder per run, removed at
// the end: test files need not each remember to clean up, and a killed node's leftovers go too.
export default function setup(): () => void {
  buildIfStale();
  const root = mkdtempSync(path.join(os.tmpdir(), 'compressor-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
