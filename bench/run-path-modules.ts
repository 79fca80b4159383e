import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/version.js';
import { isolatedEnv } from '../test/helpers/isolated-env.js';

// How many hops the main path takes (issue 10): a plain `run CLIP -g GOAL` (embedded render node,
// in-process) under V8 coverage, and which of the package's modules it loaded and which ran code.
// "Ran code" means some named function in the module was called; a module whose only code that ran
// is its top level (imports, constants) was loaded but did nothing for this run.
//   node dist/bench/run-path-modules.js [--clip FILE] [--goal TEXT] [--repo DIR] [--list]
// --repo measures another built checkout (its bin/ and dist/), e.g. an older commit in a worktree.

type Coverage = { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      clip: { type: 'string', default: '/work/shared/media/flower-timelapse-540p30.mp4' },
      goal: { type: 'string', default: 'under 2MB' },
      repo: { type: 'string', default: packageRoot },
      list: { type: 'boolean', default: false },
    },
  });
  const repo = resolve(values.repo as string);
  const work = await mkdtemp(join(tmpdir(), 'run-path-'));
  try {
    const clip = join(work, basename(values.clip as string));
    await copyFile(values.clip as string, clip);
    const coverageDir = join(work, 'coverage');
    await mkdir(coverageDir);
    await runCli(repo, ['run', clip, '-g', values.goal as string], { ...isolatedEnv(work), NODE_V8_COVERAGE: coverageDir });
    const all = await sourceModules(join(repo, 'dist', 'src'));
    const { loaded, ran } = await modulesIn(coverageDir, join(repo, 'dist', 'src'));
    process.stdout.write(
      `| modules in dist/src | loaded by run | ran code |\n|---:|---:|---:|\n| ${all.length} | ${loaded.size} | ${ran.size} |\n`,
    );
    if (values.list) {
      for (const module of all) process.stdout.write(`${ran.has(module) ? 'ran   ' : loaded.has(module) ? 'loaded' : '-     '} ${module}\n`);
    }
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function runCli(repo: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'compressor-studio.js'), ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`run exited with ${code}`))));
  });
}

/** Every compiled module under root, as a path relative to it. */
async function sourceModules(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.js')).sort();
}

/** The modules under root that any process of the run loaded, and those in which a named function ran. */
async function modulesIn(coverageDir: string, root: string): Promise<{ loaded: Set<string>; ran: Set<string> }> {
  const loaded = new Set<string>();
  const ran = new Set<string>();
  for (const file of await readdir(coverageDir)) {
    const coverage = JSON.parse(await readFile(join(coverageDir, file), 'utf8')) as Coverage;
    for (const script of coverage.result) {
      if (!script.url.startsWith('file:')) continue;
      const module = relative(root, fileURLToPath(script.url));
      if (module.startsWith('..')) continue;
      loaded.add(module);
      if (script.functions.some((fn) => fn.functionName !== '' && (fn.ranges[0]?.count ?? 0) > 0)) ran.add(module);
    }
  }
  return { loaded, ran };
}

process.exitCode = await main();
