import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { copiedWords, folderOpener, osc52, systemDesktop } from '../../src/cli/desktop.js';
import { hasTmux, tmuxServer } from '../helpers/studio-tmux.js';

/** A stream standing in for the terminal: `tty` as stdout is on a terminal or piped. */
function terminal(tty: boolean): PassThrough {
  return Object.assign(new PassThrough(), { isTTY: tty });
}

describe('the clipboard escape (OSC 52)', () => {
  it.each<[string, string, string]>([
    ['a plain path', '/o/a.mp4', '\u001b]52;c;L28vYS5tcDQ=\u0007'],
    ['spaces and non-ASCII, as UTF-8', '/o/my clip 视频.mp4', `\u001b]52;c;${Buffer.from('/o/my clip 视频.mp4').toString('base64')}\u0007`],
    ['nothing', '', '\u001b]52;c;\u0007'],
  ])('%s', (_name, text, sequence) => {
    expect(osc52(text)).toBe(sequence);
    expect(Buffer.from(osc52(text).slice(7, -1), 'base64').toString('utf8')).toBe(text);
  });

  it('is what the system desktop writes to a terminal outside tmux, and the copy says it only asked', async () => {
    const stream = terminal(true);
    expect(await systemDesktop(stream, {}, 'linux').copy('/o/a.mp4')).toBe('terminal');
    expect(String(stream.read())).toBe(osc52('/o/a.mp4'));
    expect(copiedWords('terminal', '/o/a.mp4')).toBe('Asked the terminal to copy /o/a.mp4 (it does where it allows OSC 52)');
  });

  it('is not written off a terminal: the path is said instead', async () => {
    const stream = terminal(false);
    expect(await systemDesktop(stream, {}, 'linux').copy('/o/a.mp4')).toBe('nowhere');
    expect(stream.read()).toBeNull();
    expect(copiedWords('nowhere', '/o/a.mp4')).toBe('No clipboard can be reached from here; the path is /o/a.mp4');
  });
});

describe('a copy inside tmux', () => {
  const server = tmuxServer(`cs-desktop-${process.pid}`);
  afterAll(() => {
    if (hasTmux) server.kill();
  });

  it.skipIf(!hasTmux)("lands in tmux's paste buffer, as it was, with no OSC 52 that tmux would drop", async () => {
    server.tmux('new-session', '-d', '-s', 'copy', 'sleep 600');
    // $TMUX as tmux sets it inside a pane: the server's socket, its pid, the session.
    const env = { ...process.env, TMUX: server.tmux('display-message', '-p', '#{socket_path},#{pid},0').trim() };
    const stream = terminal(true);
    const path = "/srv/out/it's 日本 (1).compressed.mp4";
    expect(await systemDesktop(stream, env, 'linux').copy(path)).toBe('tmux');
    expect(server.tmux('show-buffer')).toBe(path);
    expect(stream.read()).toBeNull();
    expect(copiedWords('tmux', path)).toBe(`Copied ${path} to tmux's buffer (prefix ] pastes it)`);
  });

  it('falls back to OSC 52 where $TMUX names a server that is gone', async () => {
    const stream = terminal(true);
    const env = { ...process.env, TMUX: '/nonexistent/tmux-socket,1,0' };
    expect(await systemDesktop(stream, env, 'linux').copy('/o/a.mp4')).toBe('terminal');
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
