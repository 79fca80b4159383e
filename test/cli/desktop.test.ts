import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { folderOpener, osc52, systemDesktop } from '../../src/cli/desktop.js';

describe('the clipboard escape (OSC 52)', () => {
  it.each<[string, string, string]>([
    ['a plain path', '/o/a.mp4', '\u001b]52;c;L28vYS5tcDQ=\u0007'],
    ['spaces and non-ASCII, as UTF-8', '/o/my clip 视频.mp4', `\u001b]52;c;${Buffer.from('/o/my clip 视频.mp4').toString('base64')}\u0007`],
    ['nothing', '', '\u001b]52;c;\u0007'],
  ])('%s', (_name, text, sequence) => {
    expect(osc52(text)).toBe(sequence);
    expect(Buffer.from(osc52(text).slice(7, -1), 'base64').toString('utf8')).toBe(text);
  });

  it('is what the system desktop writes to the terminal', () => {
    const stream = new PassThrough();
    systemDesktop(stream, {}, 'linux').copy('/o/a.mp4');
    expect(String(stream.read())).toBe(osc52('/o/a.mp4'));
  });
});

describe('the folder opener', () => {
  it.each<[string, NodeJS.Platform, NodeJS.ProcessEnv, string | undefined]>([
    ['macOS', 'darwin', {}, 'open'],
    ['Windows', 'win32', {}, 'explorer'],
    ['Linux on X', 'linux', { DISPLAY: ':0' }, 'xdg-open'],
    ['Linux on Wayland', 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'xdg-open'],
    ['Linux over SSH (no display)', 'linux', { SSH_CONNECTION: '1 2 3 4' }, undefined],
    ['FreeBSD over SSH', 'freebsd', {}, undefined],
  ])('%s', (_name, platform, env, opener) => {
    expect(folderOpener(platform, env)).toBe(opener);
  });

  it('opens nothing, and says so, where no display exists', async () => {
    expect(await systemDesktop(new PassThrough(), {}, 'linux').openFolder('/tmp')).toBe(false);
  });
});
