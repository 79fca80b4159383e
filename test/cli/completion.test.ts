import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-specs.js';
import { completionCommand, completionScript } from '../../src/cli/completion.js';
import { StudioError } from '../../src/errors.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const work = mkdtempSync(join(tmpdir(), 'completion-'));
mkdirSync(join(work, 'clips dir'));
writeFileSync(join(work, 'clip one.mp4'), '');
writeFileSync(join(work, 'clip two.mov'), '');

/** What the real bash offers for the command line `words` (the last word is being typed). */
function bashComplete(...words: string[]): string[] {
  const script = `${completionScript('bash')}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_compressor_studio
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: work });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}

describe('bash completion', () => {
  it.each([
    [['compressor-studio', 'r'], ['run']],
    [['compressor-studio', 'co'], ['completion', 'config']],
    [['compressor-studio', 'run', '--j'], ['--json']],
    [['compressor-studio', 'watch', '--e'], ['--existing']],
    [['compressor-studio', 'config', '--auto-export', ''], ['off', 'on']],
    [['compressor-studio', 'completion', ''], ['bash', 'fish', 'zsh']],
    [['compressor-studio', 'help', 'se'], ['serve']],
    [['compressor-studio', '-o'], ['-o']],
    [['compressor-studio', 'run', '-g', ''], []],
  ])('%j → %j', (words, expected) => {
    expect(bashComplete(...words)).toEqual(expected);
  });

  it('completes file paths with spaces for run, and only folders for watch and -o', () => {
    expect(bashComplete('compressor-studio', 'run', 'clip')).toEqual(['clip one.mp4', 'clip two.mov', 'clips dir']);
    expect(bashComplete('compressor-studio', 'watch', 'clip')).toEqual(['clips dir']);
    expect(bashComplete('compressor-studio', 'run', 'a.mp4', '-o', 'clip')).toEqual(['clips dir']);
  });
});

describe('every shell', () => {
  it.each(['bash', 'zsh', 'fish'] as const)('%s: names every command and option', (shell) => {
    const script = completionScript(shell);
    for (const spec of COMMANDS) {
      expect(script).toContain(spec.name);
      for (const option of spec.options) expect(script).toMatch(new RegExp(shell === 'fish' ? `-l ${option.long.slice(2)}\\b` : `${option.long}\\b`));
    }
  });

  it.skipIf(!has('zsh'))('zsh parses the zsh script', () => {
    const file = join(work, '_compressor-studio');
    writeFileSync(file, completionScript('zsh'));
    expect(spawnSync('zsh', ['-n', file], { encoding: 'utf8' }).status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish offers commands, options, their values and paths', () => {
    const file = join(work, 'compressor-studio.fish');
    writeFileSync(file, completionScript('fish'));
    const complete = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8', cwd: work })
        .stdout.split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0])
        .sort();
    expect(complete('compressor-studio ru')).toEqual(['run']);
    expect(complete('compressor-studio run --j')).toEqual(['--json']);
    expect(complete('compressor-studio config --auto-export ')).toEqual(['off', 'on']);
    expect(complete('compressor-studio run clip')).toEqual(['clip one.mp4', 'clip two.mov', 'clips dir/']);
    expect(complete('compressor-studio watch clip')).toEqual(['clips dir/']);
  });

  it('bash parses the bash script', () => {
    expect(spawnSync('bash', ['-n'], { input: completionScript('bash'), encoding: 'utf8' }).status).toBe(0);
  });

  it('refuses an unknown shell or none as a usage error (exit 2)', async () => {
    for (const args of [[], ['powershell'], ['bash', 'zsh']]) {
      await expect(completionCommand(args)).rejects.toSatisfy((error) => error instanceof StudioError && error.exitCode === 2);
    }
  });
});
