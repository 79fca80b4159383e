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
 * The wording of a family of messages kept as data (a union tagged by `code`): one function per
 * code, given that message's values. A table per language, so a reply is worded at the edge.
 */
export type Wording<U extends { code: string }> = { [C in U['code']]: (message: Extract<U, { code: C }>) => string };

/** `message` in the words `table` gives its code. */
export function wordWith<U extends { code: string }>(table: Wording<U>, message: U): string {
  return (table[message.code as U['code']] as (message: U) => string)(message);
}
