import { describe, expect, it } from 'vitest';
import { findPaths } from '../../src/studio/path-words.js';
import { aimedAtUploads, asksToCancel, routeText } from '../../src/studio/routing.js';

const files = new Set(['/v/trip.mov', './clips/a.mp4', 'my video.mp4', 'b.webm', 'notes.txt']);
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
    ['new project', 'start-over'],
    ['Start over.', 'start-over'],
    ['clear the timeline', 'start-over'],
    ['重新开始', 'start-over'],
    ['start over at 720p', 'chat'],
  ])('%s → %s', (text, kind) => {
    expect(routeText(text, isFile).kind).toBe(kind);
  });

  it('turns file paths in the text into an upload, keeping the instruction', () => {
    expect(routeText('/v/trip.mov make it fit discord', isFile)).toEqual({ kind: 'upload', paths: ['/v/trip.mov'], rest: 'make it fit discord' });
  });

  it('keeps the goal of an upload said before its file, and trims the sentence\'s comma off a path', () => {
    expect(routeText('upload and compress to 10MB', isFile)).toEqual({ kind: 'upload', paths: [], rest: 'upload and compress to 10MB' });
    expect(routeText('upload', isFile)).toEqual({ kind: 'upload', paths: [], rest: '' });
    expect(routeText('/v/trip.mov, make it fit discord', isFile)).toEqual({ kind: 'upload', paths: ['/v/trip.mov'], rest: 'make it fit discord' });
  });

  it.each([
    ['compress ./nope.mp4 to 10MB', ['./nope.mp4']],
    ['upload ~/Videos/trip.mov!', ['~/Videos/trip.mov']],
  ])('says "%s" names no file', (text, paths) => {
    expect(routeText(text, isFile)).toEqual({ kind: 'no-such-file', paths });
  });

  it.each([
    'compress https://example.com/clip.mp4 to 10MB',
    'add the title "intro.mp4"',
    'export as .mp4',
    '/help',
    'watch this',
  ])('reads "%s" as no path at all', (text) => {
    expect(routeText(text, isFile).kind).not.toBe('no-such-file');
  });

  it.each([
    ['export to ./done', { kind: 'export', goal: {}, outDir: './done' }],
    ['export 720p into ~/Desktop', { kind: 'export', goal: { resolution: 720 }, outDir: '~/Desktop' }],
    ['save to ~/Desktop', { kind: 'export', goal: {}, outDir: '~/Desktop' }],
    ['put them in "/srv/my exports"', { kind: 'export', goal: {}, outDir: '/srv/my exports' }],
    ['set the output folder to ~/out', { kind: 'set-output', dir: '~/out' }],
    ['output folder: "/srv/my exports"', { kind: 'set-output', dir: '/srv/my exports' }],
    ['save everything to ../renders', { kind: 'set-output', dir: '../renders' }],
    ['auto export on', { kind: 'set-auto-export', on: true }],
    ['turn off auto-export', { kind: 'set-auto-export', on: false }],
    ['always export automatically', { kind: 'set-auto-export', on: true }],
    ['关闭自动导出', { kind: 'set-auto-export', on: false }],
  ])('%s → %j', (text, route) => {
    expect(routeText(text, isFile)).toEqual(route);
  });

  it.each(['compress to 10MB', 'export as webm', 'make it fit discord'])('"%s" names no output folder', (text) => {
    const route = routeText(text, isFile);
    expect(route.kind === 'set-output' || (route.kind === 'export' && route.outDir !== undefined)).toBe(false);
  });

  it('keeps an export goal ("export 720p")', () => {
    expect(routeText('export 720p', isFile)).toMatchObject({ kind: 'export', goal: { resolution: 720 } });
  });
});

describe('findPaths', () => {
  it.each([
    ['./clips/a.mp4 and "my video.mp4" please', ['./clips/a.mp4', 'my video.mp4'], [], 'and please'],
    ['b.webm', ['b.webm'], [], ''],
    ['/nope.mp4 is missing', [], ['/nope.mp4'], '/nope.mp4 is missing'],
    ['b.webm, then /nope.mp4', ['b.webm'], ['/nope.mp4'], 'then /nope.mp4'],
    ['under 10MB', [], [], 'under 10MB'],
    ["don't shrink ./clips/a.mp4 it's fine", ['./clips/a.mp4'], [], "don't shrink it's fine"],
    // A file named bare, whatever it holds: the upload says whether it is a video.
    ['notes.txt', ['notes.txt'], [], ''],
    ['notes.txt under 1MB', ['notes.txt'], [], 'under 1MB'],
    // A name with an extension that is no file here is words (a size, a version), not a missing file.
    ['other.txt', [], [], 'other.txt'],
    ['keep it at 1.5MB', [], [], 'keep it at 1.5MB'],
  ])('%s', (text, paths, missing, rest) => {
    expect(findPaths(text, isFile)).toEqual({ paths, missing, rest });
  });
});

describe('findPaths: every form a terminal writes a path in', () => {
  const names = new Set(['/v/my, (1).mp4', "/v/it's here.mp4", '/v/日本 旅行.mov', '/v/a b.mp4']);
  const exists = (path: string) => names.has(path);
  it.each([
    ['/v/my, (1).mp4 under 1MB', '/v/my, (1).mp4', 'under 1MB'],
    ["'/v/it's here.mp4' half the size", "/v/it's here.mp4", 'half the size'],
    ["/v/it\\'s\\ here.mp4 720p", "/v/it's here.mp4", '720p'],
    ["'/v/it'\\''s here.mp4'", "/v/it's here.mp4", ''],
    ['"/v/日本 旅行.mov" to 10MB', '/v/日本 旅行.mov', 'to 10MB'],
    ['/v/日本\\ 旅行.mov', '/v/日本 旅行.mov', ''],
    ['file:///v/a%20b.mp4 fit discord', '/v/a b.mp4', 'fit discord'],
  ])('%s', (text, path, rest) => {
    expect(findPaths(text, exists)).toEqual({ paths: [path], missing: [], rest });
  });

  it('names an escaped path that is not there, decoded', () => {
    expect(findPaths("/v/nope\\ here.mp4", exists).missing).toEqual(['/v/nope here.mp4']);
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

  it('says so when the folder does not exist', () => {
    expect(routeText('watch /nowhere', noFile, isDir)).toEqual({ kind: 'no-such-file', paths: ['/nowhere'] });
  });

  it('says so when a file is named where a folder to watch was meant, instead of uploading it', () => {
    expect(routeText('watch notes.txt', (path) => path === 'notes.txt', isDir)).toEqual({ kind: 'watch-a-file', path: 'notes.txt' });
    expect(routeText('watch ./clips/a.mp4', (path) => path === './clips/a.mp4', isDir)).toEqual({ kind: 'watch-a-file', path: './clips/a.mp4' });
  });
});

describe('routeText: an export that also edits the timeline', () => {
  it('carries the text along so the edit reaches the node before the export', () => {
    expect(routeText("export 720p with the title 'Hi'", () => false)).toMatchObject({ kind: 'export', goal: { resolution: 720 }, edit: "export 720p with the title 'Hi'" });
    expect(routeText('export 720p', () => false)).toEqual({ kind: 'export', goal: { resolution: 720 } });
  });
});

describe('aimedAtUploads', () => {
  it.each([
    [['a.mp4'], 'under 10MB', 'under 10MB'],
    [['a.mp4', 'my video.mp4'], 'under 10MB', 'a.mp4 my video.mp4 under 10MB'],
    [['a.mp4', 'b.webm'], 'all of them under 10MB', 'all of them under 10MB'],
    [['a.mp4', 'b.webm'], '全部压缩到10MB', '全部压缩到10MB'],
    [[], 'under 10MB', 'under 10MB'],
  ])('%j with "%s" sends "%s"', (names, rest, sent) => {
    expect(aimedAtUploads(names, rest)).toBe(sent);
  });
});

describe('asksToCancel', () => {
  it.each([
    ['cancel', true],
    ['Cancel the render.', true],
    ['stop exporting', true],
    ['abort', true],
    ['取消', true],
    ['停止导出', true],
    ['stop watching', false],
    ['cancel the title', false],
    ['compress it, then cancel', false],
  ])('%j → %s', (text, cancels) => {
    expect(asksToCancel(text)).toBe(cancels);
  });
});
