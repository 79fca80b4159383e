import { STOP_WORDS } from './stop-words.js';

/** Keywords worth rescuing from a typo. Short words are left out: "mute" is one letter from too much. */
const VOCABULARY = `compress compression compressed export download upload credits balance status quality lossless losing
  without vertical portrait landscape horizontal square discord whatsapp telegram instagram tiktok youtube twitter
  shorts reels seconds minutes smaller smallest remove audio sound silent under below first last resolution visually
  frames quickly convert megabytes gigabytes possible original maximum`.split(/\s+/).filter(Boolean);
/** Misspellings further than one edit away that people make often enough to know by heart. */
const COMMON_MISSPELLINGS: Readonly<Record<string, string>> = { verticle: 'vertical', horizonal: 'horizontal', horizantal: 'horizontal', seconts: 'seconds' };
// Real words one edit from a keyword ("discard" is not "discord"), kept as they are.
const NEIGHBOURS = 'expert compass sounds round found short balanced statue frame second minute credit reel discard remote loving unload equality';
const KNOWN: ReadonlySet<string> = new Set([...VOCABULARY, ...STOP_WORDS, ...NEIGHBOURS.split(' ')]);

/**
 * Corrects well-known misspellings and one-letter typos of keywords ("compres", "comrpess", "qualty", "udner") before the rules
 * read the text. Only whole Latin words of 5 to 20 letters are considered, and a typo of a word
 * shorter than 6 letters must be a swap of two neighbours, so real words are not "corrected".
 */
export function correctSpelling(text: string): string {
  return text.replace(/\b[a-z]{5,20}\b/g, (word) => (KNOWN.has(word) ? word : (COMMON_MISSPELLINGS[word] ?? closestKeyword(word) ?? word)));
}

function closestKeyword(word: string): string | undefined {
  return VOCABULARY.find((keyword) => Math.abs(keyword.length - word.length) <= 1 && oneEditApart(word, keyword));
}

/** True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b`. */
function oneEditApart(a: string, b: string): boolean {
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i += 1) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 2) {
      const [i, j] = diffs;
      return j === i + 1 && a[i] === b[j] && a[j] === b[i];
    }
    return diffs.length === 1 && a.length >= 6;
  }
  if (Math.min(a.length, b.length) < 5) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i += 1;
  return short.slice(i) === long.slice(i + 1);
}
