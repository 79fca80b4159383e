import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Moves a store file that is not a JSON object aside (`<name>.corrupt-<time>`), so the product
 * starts clean instead of failing. Returns the warning to show, or undefined when the file is fine
 * or absent. The file is kept, not deleted: it may hold a hand edit worth recovering.
 */
export function quarantineIfCorrupt(path: string, now: Date = new Date()): string | undefined {
  if (!existsSync(path)) return undefined;
  let problem: string | undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problem = 'it does not hold a settings object';
  } catch (error) {
    problem = error instanceof SyntaxError ? 'it is not valid JSON' : `it could not be read (${(error as Error).message})`;
  }
  if (!problem) return undefined;
  const aside = join(dirname(path), `${basename(path)}.corrupt-${now.toISOString().replaceAll(':', '-')}`);
  renameSync(path, aside);
  return `The settings file ${path} was unreadable (${problem}); it was moved to ${aside} and a fresh one started.`;
}
