import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Who may import whom (DESIGN.md, STYLE.md): the boundaries are checked here rather than by review.
const forbidden: Record<string, RegExp[]> = {
  'src/engine': [/^react$/, /^ink/, /\/ui\//, /\/server\//],
  // server knows the queue only through RenderBackend: without --queue, no BullMQ is loaded.
  'src/server': [/^react$/, /^ink/, /\/ui\//, /\/engine\//, /\/store\//, /\/queue\//, /^bullmq$/],
  // media sees only the Goal type of goal's code
  'src/media': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/engine\//, /\/store\//, /^undici$/, /\/goal\/(?!types\.js$)/],
  'src/goal': [/^react$/, /^ink/, /^node:/, /\/ui\//, /\/server\//, /\/engine\//, /\/store\//, /\/media\//],
  // the wire is shared by client and node: schemas over goal's types, no I/O
  'src/wire': [/^react$/, /^ink/, /^node:/, /\/ui\//, /\/server\//, /\/engine\//, /\/store\//, /\/media\//],
  'src/store': [/^react$/, /^ink/, /\/ui\//, /\/server\//, /\/engine\//],
  // The queue is the node's and its workers' side: it builds on server and media, never the client.
  'src/queue': [/^react$/, /^ink/, /\/ui\//, /\/engine\//, /\/store\//],
  'src/ui': [/^bullmq$/, /\/queue\//, /\/goal\//, /^node:fs/, /^node:child_process/, /^chokidar$/, /^conf$/, /^undici$/, /^eventsource-parser$/, /\/server\//, /\/media\//, /\/store\//],
};

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

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
