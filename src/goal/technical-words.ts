import type { Rule } from './scan.js';

/**
 * Encoder settings the tool chooses itself from the size and quality asked for. Asking for them is
 * answered with what to say instead, rather than reported as gibberish or silently ignored.
 */
export const technicalWordRules: Rule[] = [
  {
    pattern: /(?<!(?:audio|sound|音频) )\b(?:crf|qp|cq|bit ?rate|bitrate|video bitrate|2-?pass|two-?pass|single-?pass|preset|tune|profile|keyframes?|gop)\b(?:\s{0,2}[=:]?\s{0,2}\d{1,6}(?:\.\d{1,2})?\s?(?:k|m|kbps|mbps)?)?(?![a-z\d])|(?<!音频|声音)(?:码率|比特率)(?:\s{0,2}\d{1,6}\s?(?:k|m|kbps|mbps)?)?/g,
    read: ([said]) => ({
      kind: 'unknown',
      word: said,
      question: { code: 'picked-myself', said },
    }),
  },
  {
    pattern: /\b(?:nvenc|qsv|quick ?sync|vaapi|videotoolbox|amf|hardware (?:encoding|encoder|acceleration)|gpu(?: encoding)?)\b|硬件编码|硬件加速/g,
    read: () => ({ kind: 'remark', remark: { code: 'hardware-by-itself' } }),
  },
  {
    pattern: /\b(?:hdr10\+?|hdr|dolby vision|hlg)\b/g,
    read: () => ({ kind: 'remark', remark: { code: 'hdr-tone-mapped' } }),
  },
];
