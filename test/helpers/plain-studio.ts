import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord } from '../../src/store/index.js';
import { studioBin } from './studio-tmux.js';

/** A studio started off a terminal (plain mode) as a child process: stdin to write lines to, all it printed, its exit. */
export type PlainStudio = { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> };

const started: ChildProcessWithoutNullStreams[] = [];

/** Starts the built studio with `args` in plain mode; stdout and stderr are gathered together. */
export function plainStudio(args: string[], env: NodeJS.ProcessEnv): PlainStudio {
  const child = spawn(process.execPath, [studioBin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((done) => child.on('exit', done)) };
}

/** Kills the studios a test started that still run (for afterAll). */
export function killPlainStudios(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The job history as the studio of `env` (isolatedEnv) stored it, newest first; empty before the first write. */
export function storedJobs(env: NodeJS.ProcessEnv): JobRecord[] {
  try {
    return (JSON.parse(readFileSync(join(env.COMPRESSOR_CONFIG_DIR ?? '', 'config.json'), 'utf8')) as { jobs?: JobRecord[] }).jobs ?? [];
  } catch {
    return []; // not written yet
  }
}
