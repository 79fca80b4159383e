import { describe, expect, it } from 'vitest';
import { routeText, splitPaths } from '../../src/engine/routing.js';

const files = new Set(['/v/trip.mov', './clips/a.mp4', 'my video.mp4', 'b.webm']);
const isFile = (path: string) => files.has(path);

describe('routeText', () => {
  it.each([
    ['export', 'export'],
    ['导出', 'export'],
    ['send me the video', 'export'],
    ['download', 'export'],
    ['credits', 'credits'],
    ['积分', 'credits'],
    ['balance', 'credits'],
    ['余额', 'credits'],
    ['status', 'status'],
    ['状态', 'status'],
    ['show tracks', 'status'],
    ['upload', 'upload'],
    ['上传', 'upload'],
    ['add background music', 'chat'],
    ['compress this video to under 100MB', 'chat'],
  ])('%s → %s', (text, kind) => {
    expect(routeText(text, isFile).kind).toBe(kind);
  });

  it('turns file paths in the text into an upload, keeping the instruction', () => {
    expect(routeText('/v/trip.mov make it fit discord', isFile)).toEqual({ kind: 'upload', paths: ['/v/trip.mov'], rest: 'make it fit discord' });
  });

  it('keeps an export goal ("export 720p")', () => {
    expect(routeText('export 720p', isFile)).toMatchObject({ kind: 'export', goal: { resolution: 720 } });
  });
});

describe('splitPaths', () => {
  it.each([
    ['./clips/a.mp4 and "my video.mp4" please', ['./clips/a.mp4', 'my video.mp4'], 'and please'],
    ['b.webm', ['b.webm'], ''],
    ['/nope.mp4 is missing', [], '/nope.mp4 is missing'],
    ['under 10MB', [], 'under 10MB'],
  ])('%s', (text, paths, rest) => {
    expect(splitPaths(text, isFile)).toEqual({ paths, rest });
  });
});

describe('routeText: the watch folder', () => {
  const noFile = () => false;
  const isDir = (path: string) => ['~/Drop', '/srv/in', 'my videos'].includes(path);
  it.each([
    ['watch ~/Drop', { kind: 'watch', dir: '~/Drop' }],
    ['Watch the folder /srv/in', { kind: 'watch', dir: '/srv/in' }],
    ['watch "my videos"', { kind: 'watch', dir: 'my videos' }],
    ['监控 ~/Drop', { kind: 'watch', dir: '~/Drop' }],
    ['stop watching', { kind: 'unwatch' }],
    ['unwatch', { kind: 'unwatch' }],
    ['停止监控', { kind: 'unwatch' }],
  ])('%j → %j', (text, route) => expect(routeText(text, noFile, isDir)).toEqual(route));

  it('is a chat turn when the folder does not exist', () => {
    expect(routeText('watch /nowhere', noFile, isDir)).toEqual({ kind: 'chat', text: 'watch /nowhere' });
  });
});

describe('routeText: an export that also edits the timeline', () => {
  it('carries the text along so the edit reaches the node before the export', () => {
    expect(routeText("export 720p with the title 'Hi'", () => false)).toMatchObject({ kind: 'export', goal: { resolution: 720 }, edit: "export 720p with the title 'Hi'" });
    expect(routeText('export 720p', () => false)).toEqual({ kind: 'export', goal: { resolution: 720 } });
  });
});
