import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/version.js';
import { until } from '../helpers/until.js';
import { rememberKey } from '../server/node-harness.js';

// A real cluster on loopback for the queue tests: redis-server, `serve --queue` and `worker`
// processes from the built bin. Every process is started in its own group so a kill -9 takes its
// ffmpeg with it, as losing the machine would.

/** Whether Debian's redis-server is installed (.ci/run installs it); the tests skip without it. */
export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/** A free loopback port (there is a small window before it is used; fine for tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A started process with everything it printed so far. */
export type Proc = { child: ChildProcess; output: () => string; exited: Promise<void> };

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}

/** Kills a process and its group (ffmpeg included) with `signal`, and waits for it to go. */
export async function kill(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  try {
    process.kill(-proc.child.pid!, signal);
  } catch {
    // already gone
  }
  await proc.exited;
}

/** Starts redis-server on `port` with its files in `dir`; `aof` turns on the append-only file, synced on every write. */
export async function startRedis(dir: string, port: number, aof = false): Promise<Proc> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no'];
  args.push(...(aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const proc = start('redis-server', args);
  await until(() => ping(port), `redis-server on port ${port}`, { ms: 20_000, context: proc.output });
  return proc;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

const BIN = join(packageRoot, 'bin', 'compressor-studio.js');

/** `serve --queue` on a fixed port (so workers find it again after a restart), coordinating only. */
export async function startNode(options: { port: number; dataDir: string; redisPort: number; workerKey: string; runtimeDir: string }): Promise<Proc> {
  const proc = start(process.execPath, [
    BIN, 'serve', '--port', String(options.port), '--data', options.dataDir,
    '--queue', `redis://127.0.0.1:${options.redisPort}/0`, '--local-workers', '0', '--worker-key', options.workerKey,
  ], { COMPRESSOR_RUNTIME_DIR: options.runtimeDir });
  await until(() => /listening on http/.test(proc.output()), 'the node to listen', { ms: 30_000, context: proc.output });
  // Every start makes up a new access key; the clients of the tests read it as a user's do.
  const nodeFile = JSON.parse(readFileSync(join(options.runtimeDir, 'node.json'), 'utf8')) as { url: string; accessKey: string };
  rememberKey(nodeFile.url, nodeFile.accessKey);
  return proc;
}

/** A `worker` process; `stallSeconds` short so a killed worker's job moves on quickly; `env` adds to its environment. */
export async function startWorkerProcess(options: { redisPort: number; nodeUrl: string; workerKey: string; env?: NodeJS.ProcessEnv }): Promise<Proc> {
  const proc = start(process.execPath, [
    BIN, 'worker', '--queue', `redis://127.0.0.1:${options.redisPort}/0`, '--node', options.nodeUrl, '--stall-seconds', '3',
  ], { ...options.env, COMPRESSOR_WORKER_KEY: options.workerKey });
  await until(() => /Worker taking renders/.test(proc.output()), 'the worker to start', { ms: 30_000, context: proc.output });
  return proc;
}

/** The job ids a worker's log says it finished. */
export function jobsDone(proc: Proc): string[] {
  return [...proc.output().matchAll(/job (r[0-9a-f]+): done/g)].map((match) => match[1]);
}

/** The job ids a worker's log says it started. */
export function jobsStarted(proc: Proc): string[] {
  return [...proc.output().matchAll(/job (r[0-9a-f]+): started/g)].map((match) => match[1]);
}

/** The command names of a process's children (Linux /proc), to see whether its ffmpeg still runs. */
export function childCommands(pid: number): string[] {
  try {
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
    return children.map((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim());
  } catch {
    return [];
  }
}
