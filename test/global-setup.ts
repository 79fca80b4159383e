import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Every temp folder a test (or a process it starts) makes lands in one folder per run, removed at
// the end: test files need not each remember to clean up, and a killed node's leftovers go too.
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'compressor-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
