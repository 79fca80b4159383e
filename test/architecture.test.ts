import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './helpers/source-files.js';

// Who may import whom (DESIGN.md, STYLE.md): the boundaries are checked here rather than by review.
const forbidden: Record<string, RegExp[]> = {
  // the protocol client: the studio controller builds on it, never the other way
  'src/engine': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/studio\//],
  // the studio controller: routing, text handling, the watch folder, view state; no terminal, no node
  'src/studio': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/queue\//],
  // server knows the queue only through RenderBackend: without --queue, no BullMQ is loaded.
  'src/server': [/^react$/, /^ink/, /\/ui\//, /\/engine\//, /\/studio\//, /\/store\//, /\/queue\//, /^bullmq$/],
  // media sees only the Goal type of goal's code, and of the wire only what every side shares: the size rule, the output's codec, and the notes' shape (they cross it)
  'src/media': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/engine\//, /\/studio\//, /\/store\//, /^undici$/, /\/goal\/(?!types\.js$)/, /\/wire\/(?!size-cap\.js$|output-codec\.js$|plan-notes\.js$)/],
  'src/goal': [/^react$/, /^ink/, /^node:/, /\/ui\//, /\/server\//, /\/engine\//, /\/studio\//, /\/store\//, /\/media\//],
  // the wire is shared by client and node: schemas over goal's types and the wording both show (goal's and units' pure code), no I/O
  'src/wire': [/^react$/, /^ink/, /^node:/, /\/ui\//, /\/server\//, /\/engine\//, /\/studio\//, /\/store\//, /\/media\//],
  'src/store': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/engine\//, /\/studio\//],
  // The queue is the node's and its workers' side: it builds on server and media, never the client.
  'src/queue': [/^react$/, /^ink/, /\/ui\//, /\/engine\//, /\/studio\//, /\/store\//],
  // the views reach the engine, goal and media only through the studio's index
  'src/ui': [/\/engine\//, /^bullmq$/, /\/queue\//, /\/goal\//, /^node:fs/, /^node:child_process/, /^chokidar$/, /^conf$/, /^undici$/, /^eventsource-parser$/, /\/server\//, /\/media\//, /\/store\//],
};

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return [...specifiers, ...dynamic];
}

describe('module boundaries', () => {
  for (const [folder, rules] of Object.entries(forbidden)) {
    it(`${folder} imports nothing it must not`, () => {
      const violations = sourceFiles(folder).flatMap((file) =>
        importsOf(file)
          .filter((spec) => rules.some((rule) => rule.test(spec)))
          .map((spec) => `${relative('.', file)} imports ${spec}`),
      );
      expect(violations).toEqual([]);
    });
  }
});

/** Each file's relative imports, as the source files they name (`./x.js` is `./x.ts` or `./x.tsx`). */
function importGraph(root: string): Map<string, string[]> {
  const files = new Set(sourceFiles(root));
  const resolveImport = (from: string, spec: string) => {
    const base = resolve(dirname(from), spec).replace(/\.js$/, '');
    return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].map((path) => relative('.', path)).find((path) => files.has(path));
  };
  return new Map(
    [...files].map((file) => [
      file,
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .flatMap((spec) => resolveImport(file, spec) ?? []),
    ]),
  );
}

/** Every cycle a depth-first walk meets, each as the path that closes it ("a → b → a"). */
function cyclesIn(graph: Map<string, string[]>): string[] {
  const done = new Set<string>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at >= 0) return void cycles.push([...path.slice(at), file].join(' → '));
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'a.ts']],
      ['c.ts', []],
    ]);
    expect(cyclesIn(graph)).toEqual(['a.ts → b.ts → a.ts']);
  });

  it('src has none, type-only imports included', () => {
    expect(cyclesIn(importGraph('src'))).toEqual([]);
  });
});

// One model of a session (issue 10): the client and the node share each of these, defined once in src/wire.
describe('one definition', () => {
  it.each([
    ['the Draft type', /export type Draft\b/, 'src/wire/draft.ts'],
    ['the track types', /TrackType = \{/, 'src/wire/draft.ts'],
    ['the timeline wording', /export function timelineView\b/, 'src/wire/timeline.ts'],
    ['the per-item goal', /export function itemGoal\b/, 'src/wire/item-goal.ts'],
    ['relative size → bytes', /\* *goal\.relativeSize|relativeSize *\*/, 'src/wire/size-cap.ts'],
  ])('%s is defined only in %s', (_name, pattern, home) => {
    const defining = sourceFiles('src').filter((file) => pattern.test(readFileSync(file, 'utf8')));
    expect(defining.map((file) => relative('.', file))).toEqual([home]);
  });
});
