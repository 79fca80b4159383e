import type { Language } from '../goal/language.js';

// The agent's fixed sentences, one table per language, so a reply in Chinese is the English one
// said in Chinese, line for line (the tests hold the two tables side by side). Numbers, file names
// and codecs are not words: they are put in as they are. The media core's plan notes and the
// parser's remarks have tables of their own (src/wire/plan-note-words.ts, src/goal/remark-words.ts).
//
// What no sentence may say, in either language: "click", "drag" or "drop" (a client reads them as GUI
// actions, gui-phrases.ts; 拖拽/拖动, 打开, 预览 and even a bare 导出 in Chinese), nor an API path (a
// person reads these). The one exception is `exportLine`: the cloud's own GUI phrase for the export
// step ("Click Export", "点击导出"), which a client turns into its keys (keyboardWording).

/** Every fixed sentence of the agent, in one language. */
export type AgentWords = {
  /** What the instruction was understood as, said back. */
  understood: (said: string) => string;
  /** Whom a batch instruction was for: the files it named, or the newest when it named none. */
  forNamed: (names: string) => string;
  forNewest: (name: string) => string;
  /** Everything that now applies, when earlier messages set more than this one said. */
  allSettingsNow: (goal: string, forOne: boolean) => string;
  /** With no video yet, the settings wait for the uploads. */
  appliesToUploads: string;
  planHeading: (videos: number) => string;
  /** The export step in the cloud's GUI wording, and what else may be said. */
  exportLine: string;
  /** A "no" to the trim the last reply offered. */
  offerDeclined: string;
  note: (remark: string) => string;
  ignored: (words: string) => string;
  notUnderstood: (words: string) => string;
  notSure: string;
  askWhat: string;
  examples: string[];
  helpIntro: string;
  /** How to add a video: its formats, its size limit, and to give its path. */
  uploadFirst: string;
  titlesAndMusic: string;
  timeline: (line: string) => string;
  tellWhatToBecome: (videos: number) => string;
  timelineEmpty: string;
  timelineHeading: (videos: number) => string;
  output: (goal: string) => string;
  creditsUnlimited: string;
  creditsLeft: (available: number) => string;
  plan: PlanWords;
  edits: EditWords;
};

/** What a title or music edit did, or what it still needs. */
export type EditWords = {
  titleRemoved: string;
  noTitle: string;
  /** A title, its text and when it shows, in seconds. */
  title: (text: string, fromSec: string, toSec: string) => string;
  musicRemoved: string;
  noMusic: string;
  uploadMusicFirst: string;
  /** The background music's name and its volume in percent. */
  music: (name: string, percent: number) => string;
  /** The music's name when it has none. */
  unnamedMusic: string;
};

/** The fixed words of a plan line: "1280x720 H264 MP4 with libx264, two-pass 2400 kbps, …". */
export type PlanWords = {
  copied: (container: string) => string;
  twoPass: string;
  singlePass: string;
  audio: (kbps: number) => string;
  noAudio: string;
  about: (size: string) => string;
  under: (size: string) => string;
  /** A source's length, in seconds: "62.0 s". */
  seconds: (value: string) => string;
  /** The picture, codec and container, then the encoder and the rest. */
  line: (picture: string, encoder: string, rest: string) => string;
};

const FORMATS = 'MP4, MOV, AVI, WebM or MKV, up to 500 MB';

const en: AgentWords = {
  understood: (said) => `Understood: ${said}.`,
  forNamed: (names) => ` — for ${names}`,
  forNewest: (name) => ` — for ${name}, the newest file`,
  allSettingsNow: (goal, forOne) => ` (all settings${forOne ? ' for it' : ''} now: ${goal})`,
  appliesToUploads: 'I will apply that to the videos you upload.',
  planHeading: (videos) => (videos === 1 ? 'Here is the plan:' : `Here is the plan for each of the ${videos} videos:`),
  exportLine: 'Click Export when you are ready, or tell me what to change (e.g. "make it 720p", "mute it").',
  offerDeclined: 'All right, the length stays as it is.',
  note: (remark) => `Note: ${remark}`,
  ignored: (words) => `I ignored "${words}", which I did not understand.`,
  notUnderstood: (words) => `I did not understand "${words}".`,
  notSure: 'I am not sure what you would like me to do.',
  askWhat: 'What should the video become? For example:',
  examples: ['"compress this video to under 100MB without losing quality"', '"export 1080p MP4"', '"make it fit Discord"', '"compress all of them to 25MB"'],
  helpIntro: 'I compress and export videos. Tell me what you need, for example:',
  uploadFirst: `Upload a video first (${FORMATS}): type or paste its file path.`,
  titlesAndMusic: 'I can also burn in a title and mix in background music: upload an MP3, WAV, M4A or AAC with your video, then say "add a title \'Summer trip\' and music at 35%".',
  timeline: (line) => `Timeline: ${line}`,
  tellWhatToBecome: (videos) => `Tell me what ${videos === 1 ? 'it' : 'they'} should become, or add another video (${FORMATS}): type or paste its file path.`,
  timelineEmpty: `The timeline is empty. Upload a video first (${FORMATS}): type or paste its file path.`,
  timelineHeading: (videos) => `Timeline (${videos} video${videos === 1 ? '' : 's'}):`,
  output: (goal) => `Output: ${goal}.`,
  creditsUnlimited: 'This node does not count credits: use it as much as you like.',
  creditsLeft: (available) => `You have ${available} credits left (each message costs 1; export is free).`,
  plan: {
    copied: (container) => `already fits: copied as it is, no re-encode (${container})`,
    twoPass: 'two-pass',
    singlePass: 'single pass',
    audio: (kbps) => `, audio ${kbps} kbps`,
    noAudio: ', no audio',
    about: (size) => `, about ${size}`,
    under: (size) => ` (under ${size})`,
    seconds: (value) => `${value} s`,
    line: (picture, encoder, rest) => `${picture} with ${encoder}, ${rest}`,
  },
  edits: {
    titleRemoved: 'Removed the title.',
    noTitle: 'There was no title to remove.',
    title: (text, fromSec, toSec) => `Title "${text}" from ${fromSec} to ${toSec} s.`,
    musicRemoved: 'Removed the background music.',
    noMusic: 'There was no background music to remove.',
    uploadMusicFirst: 'To add background music, upload an audio file first (MP3, WAV, M4A or AAC), then say e.g. "music at 35%".',
    music: (name, percent) => `Background music "${name}" at ${percent}% under the sound.`,
    unnamedMusic: 'audio',
  },
};

const ZH_FORMATS = 'MP4、MOV、AVI、WebM 或 MKV，最大 500 MB';

// 导出 appears in `exportLine` only: a client reads a bare 导出 anywhere as "run the export".
const zh: AgentWords = {
  understood: (said) => `明白了：${said}。`,
  forNamed: (names) => ` — 用于 ${names}`,
  forNewest: (name) => ` — 用于最新的文件 ${name}`,
  allSettingsNow: (goal, forOne) => `（${forOne ? '它' : ''}现在的全部设置：${goal}）`,
  appliesToUploads: '我会把这些设置用在你上传的视频上。',
  planHeading: (videos) => (videos === 1 ? '方案如下：' : `${videos} 个视频各自的方案如下：`),
  exportLine: '准备好了就点击导出，或者告诉我要改什么（例如“改成720p”“静音”）。',
  offerDeclined: '好的，时长保持不变。',
  note: (remark) => `注意：${remark}`,
  ignored: (words) => `我没看懂“${words}”，已忽略。`,
  notUnderstood: (words) => `我没看懂“${words}”。`,
  notSure: '我不太确定你想让我做什么。',
  askWhat: '视频要变成什么样？例如：',
  examples: ['“把这个视频压缩到100MB以内，画质不变”', '“转成1080p MP4”', '“发到Discord”', '“全部压缩到25MB”'],
  helpIntro: '我负责压缩和转换视频。告诉我你需要什么，例如：',
  uploadFirst: `请先上传视频（${ZH_FORMATS}）：输入或粘贴它的文件路径即可。`,
  titlesAndMusic: '我还可以烧录标题、混入背景音乐：把 MP3、WAV、M4A 或 AAC 文件和视频一起上传，然后说：加标题“夏日旅行”，背景音乐音量35%。',
  timeline: (line) => `时间线：${line}`,
  tellWhatToBecome: (videos) => `告诉我${videos === 1 ? '它' : '它们'}要变成什么样，或者再添加一个视频（${ZH_FORMATS}）：输入或粘贴它的文件路径即可。`,
  timelineEmpty: `时间线是空的。请先上传视频（${ZH_FORMATS}）：输入或粘贴它的文件路径即可。`,
  timelineHeading: (videos) => `时间线（${videos} 个视频）：`,
  output: (goal) => `输出：${goal}。`,
  creditsUnlimited: '本节点不计积分：随便用。',
  creditsLeft: (available) => `你还剩 ${available} 积分（每条消息扣 1 积分，渲染成品不收费）。`,
  plan: {
    copied: (container) => `已经符合要求：原样复制，不重新编码（${container}）`,
    twoPass: '两遍编码',
    singlePass: '单遍编码',
    audio: (kbps) => `，音频 ${kbps} kbps`,
    noAudio: '，无音频',
    about: (size) => `，约 ${size}`,
    under: (size) => `（不超过 ${size}）`,
    seconds: (value) => `${value} 秒`,
    line: (picture, encoder, rest) => `${picture}，编码器 ${encoder}，${rest}`,
  },
  edits: {
    titleRemoved: '已去掉标题。',
    noTitle: '没有标题可去掉。',
    title: (text, fromSec, toSec) => `标题“${text}”，从 ${fromSec} 秒到 ${toSec} 秒。`,
    musicRemoved: '已去掉背景音乐。',
    noMusic: '没有背景音乐可去掉。',
    uploadMusicFirst: '要加背景音乐，请先上传音频文件（MP3、WAV、M4A 或 AAC），然后说“背景音乐音量35%”。',
    music: (name, percent) => `背景音乐“${name}”，音量 ${percent}%，垫在原声下面。`,
    unnamedMusic: '音频',
  },
};

/** The agent's words in each language it answers in. */
export const AGENT_WORDS: Record<Language, AgentWords> = { en, zh };
