import { describe, expect, it } from 'vitest';
import { skillHeaders, skillPlatform } from '../../src/engine/api/connection.js';
import { packageVersion } from '../../src/version.js';

describe('skillPlatform', () => {
  it.each([
    ['/home/ann/.clawhub/skills/compressor/dist/x.js', '/home/ann', 'clawhub'],
    ['/home/ann/.cursor/skills/compressor/x.js', '/home/ann', 'cursor'],
    ['/home/ann/.cursor/other/x.js', '/home/ann', 'unknown'],
    ['/usr/lib/node_modules/compressor-studio/x.js', '/home/ann', 'unknown'],
    ['/home/bob/.clawhub/x.js', '/home/ann', 'unknown'],
    ['C:\\Users\\ann\\.clawhub\\x.js', 'C:\\Users\\ann', 'clawhub'],
    ['/home/ann/.clawhub/x.js', '/home/ann/', 'clawhub'],
  ])('%s with home %s → %s', (path, home, expected) => {
    expect(skillPlatform(path, home)).toBe(expected);
  });

  it('sends the source, the package version and a platform', () => {
    const headers = skillHeaders();
    expect(headers['x-skill-source']).toBe('compressor-ai');
    expect(headers['x-skill-version']).toBe(packageVersion);
    expect(['clawhub', 'cursor', 'unknown']).toContain(headers['x-skill-platform']);
  });
});
