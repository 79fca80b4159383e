import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../../version.js';

/** Where the skill was installed from, as the brief's attribution header names it. */
export type SkillPlatform = 'clawhub' | 'cursor' | 'unknown';

/**
 * The platform, judged from the install path: under `~/.clawhub/` → clawhub, under
 * `~/.cursor/skills/` → cursor, anything else → unknown. Pure, so it is tested by table.
 */
export function skillPlatform(installPath: string, home: string): SkillPlatform {
  const path = installPath.replaceAll('\\', '/');
  const root = home.replaceAll('\\', '/').replace(/\/+$/, '');
  if (path.startsWith(`${root}/.clawhub/`)) return 'clawhub';
  if (path.startsWith(`${root}/.cursor/skills/`)) return 'cursor';
  return 'unknown';
}

// Where this file is installed does not change while the process runs: judge it once.
const headers: Readonly<Record<string, string>> = {
  'x-skill-source': 'compressor-ai',
  'x-skill-version': packageVersion,
  'x-skill-platform': skillPlatform(fileURLToPath(import.meta.url), homedir()),
};

/** The three attribution headers every request carries (export fails with 402 without them). */
export function skillHeaders(): Record<string, string> {
  return { ...headers };
}
