// Which language a line is written in, so a reply can answer in it. One rule for the studio and the
// node alike: the studio's own answers (credits) and the node's agent both ask here.

/** The languages replies are worded in. */
export type Language = 'en' | 'zh';

/** True when a line is written in Chinese: one CJK ideograph is enough ("压缩到50MB以内", "积分"). */
export function isChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** The language to answer `text` in: Chinese when it has Chinese in it, else English. */
export function languageOf(text: string): Language {
  return isChinese(text) ? 'zh' : 'en';
}

/**
 * A file's name: a word, or a quoted name with spaces in it, ending in a dot and an extension that
 * starts with a letter (旅行.mp4, "我的 旅行.mov"; not 1.5MB).
 */
const FILE_NAME = /["“'‘][^"”'’]*\.[A-Za-z][A-Za-z0-9]{0,4}["”'’]|[^\s"'“”‘’]+\.[A-Za-z][A-Za-z0-9]{0,4}(?=$|[\s"'“”‘’,，。；;!！?？])/gu;

/**
 * The language of an instruction, read without the file names it names: "make 旅行.mp4 720p" is
 * English, "把 trip.mp4 压缩到10MB" Chinese. For a side that knows no session's names (the client,
 * wording what comes back later); the node takes out the names it knows (instruction-target.ts).
 */
export function instructionLanguage(text: string): Language {
  return languageOf(text.replace(FILE_NAME, ' '));
}

/**
 * The wording of a family of messages kept as data (a union tagged by `code`): one function per
 * code, given that message's values. A table per language, so a reply is worded at the edge.
 */
export type Wording<U extends { code: string }> = { [C in U['code']]: (message: Extract<U, { code: C }>) => string };

/** `message` in the words `table` gives its code. */
export function wordWith<U extends { code: string }>(table: Wording<U>, message: U): string {
  return (table[message.code as U['code']] as (message: U) => string)(message);
}
