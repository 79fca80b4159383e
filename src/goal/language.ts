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
