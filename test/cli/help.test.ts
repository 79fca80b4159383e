import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asksForHelp } from '../../src/cli/main.js';
import { COMMANDS, ENVIRONMENT } from '../../src/cli/command-specs.js';
import { commandHelp, generalHelp, usageLine } from '../../src/cli/help.js';
import { BINDINGS } from '../../src/ui/bindings.js';

const bin = resolve('bin/compressor-studio.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('each command’s help', () => {
  it.each(COMMANDS.map((spec) => [spec.name, spec] as const))('%s: usage, every option, examples and exit codes', (_name, spec) => {
    const text = commandHelp(spec);
    expect(text.startsWith(`${usageLine(spec.name)}\n`)).toBe(true);
    for (const option of spec.options) expect(text).toContain(option.long);
    expect(text).toContain('--help');
    expect(text).toMatch(/\nExamples:\n {2}compressor-studio/);
    expect(text).toMatch(/\nExit codes:\n {2}0 /);
    expect(text).toMatch(/\n {2}2 +\S/);
  });

  it('lists the studio keys from the key map, so they cannot drift', () => {
    const text = commandHelp(COMMANDS.find((spec) => spec.name === 'studio')!);
    for (const binding of BINDINGS) expect(text).toContain(`${binding.keys}`);
  });

  it('lists a pair of keys on one line, as the overlay does (no "↓ later lines" after "↑ / ↓")', () => {
    const text = commandHelp(COMMANDS.find((spec) => spec.name === 'studio')!);
    for (const binding of BINDINGS.filter((candidate) => candidate.hidden)) expect(text).not.toContain(binding.description);
  });
});

describe('the general help', () => {
  const text = generalHelp();
  it('names every command, config, --verbose, the environment, the keys and the exit codes', () => {
    for (const spec of COMMANDS) expect(text).toMatch(new RegExp(`^ {2}(\\(none\\), )?${spec.name}\\b`, 'm'));
    for (const [name] of ENVIRONMENT) expect(text).toContain(name);
    for (const binding of BINDINGS) expect(text.includes(binding.description)).toBe(!binding.hidden);
    expect(text).toMatch(/compressor-studio config/);
    expect(text).toMatch(/--verbose/);
    expect(text).toMatch(/Exit codes:\n {2}0 +success\n {2}1 .+\n {2}2 .+\n {2}130 /);
  });

  it('keeps tables and examples within 120 columns (a description is one paragraph the terminal wraps)', () => {
    for (const help of [text, ...COMMANDS.map(commandHelp)]) {
      expect(help.split('\n').filter((line) => line.startsWith('  ') && line.length > 120)).toEqual([]);
    }
  });
});

describe('asksForHelp', () => {
  it.each([
    [['--help'], true],
    [['a.mp4', '-h'], true],
    [['--', '--help'], false],
    [['a.mp4', '-g', 'help me'], false],
  ])('%j → %s', (args, expected) => {
    expect(asksForHelp(args)).toBe(expected);
  });
});

describe('the built CLI', () => {
  it.each(COMMANDS.map((spec) => spec.name))('"%s --help" and "help" with the command print the same help on stdout, exit 0', (name) => {
    const flag = cli(name, '--help');
    expect([flag.status, flag.stderr]).toEqual([0, '']);
    expect(flag.stdout).toBe(commandHelp(COMMANDS.find((spec) => spec.name === name)!));
    const word = cli('help', name);
    expect([word.status, word.stdout]).toEqual([0, flag.stdout]);
  });

  it('--help and -h print the general help; --version the package version', () => {
    expect(cli('--help').stdout).toBe(generalHelp());
    expect(cli('-h').stdout).toBe(generalHelp());
    const version = cli('--version');
    expect([version.status, version.stdout]).toEqual([0, `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`]);
  });

  it('an unknown command or help topic is a usage error on stderr (exit 2), stdout empty', () => {
    for (const args of [['frobnicate'], ['help', 'frobnicate']]) {
      const result = cli(...args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/frobnicate/);
      expect(result.stderr).toMatch(/compressor-studio --help/);
    }
  });

  it('a bad option names the option and the usage line on stderr, exit 2', () => {
    const result = cli('plan', 'x', '--frobnicate');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(usageLine('plan'));
  });
});
