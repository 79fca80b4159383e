import type { Goal } from './types.js';
import type { Rule } from './scan.js';

/** What a platform accepts, as the Goal that fits it. */
export type Platform = {
  id: string;
  /** How a person writes the name. */
  label: string;
  /** Regex sources for the ways people name it, most specific first. */
  names: string[];
  goal: Goal;
  /** A length limit the parser asks about instead of trimming on its own. */
  maxDurationSec?: number;
  /** When each value was last checked against the platform's own help pages, and what it says. */
  checked: string;
};

/**
 * The platform presets. Limits change: edit a row and its `checked` note together. More specific
 * rows first, since "discord nitro" also says "discord".
 */
export const PLATFORMS: readonly Platform[] = [
  {
    id: 'discord-nitro',
    label: 'Discord Nitro',
    names: [String.raw`discord nitro`, String.raw`nitro`],
    goal: { targetBytes: 500_000_000 },
    checked: '2025-06: Nitro uploads up to 500 MB.',
  },
  {
    id: 'discord',
    label: 'Discord',
    names: [String.raw`discord`],
    goal: { targetBytes: 10_000_000 },
    checked: '2025-06: free accounts upload up to 10 MB (lowered from 25 MB in late 2024).',
  },
  {
    id: 'whatsapp',
    label: 'WhatsApp',
    names: [String.raw`whats ?app`],
    goal: { targetBytes: 16_000_000 },
    checked: '2025-06: videos sent as media up to 16 MB (larger only as a document).',
  },
  {
    id: 'email',
    label: 'email',
    names: [String.raw`g ?mail`, String.raw`e-?mail(?:ing)?`, String.raw`mail`, '邮件', '邮箱'],
    goal: { targetBytes: 25_000_000 },
    checked: '2025-06: Gmail attachments up to 25 MB; most mail servers are similar.',
  },
  {
    id: 'wechat-channels',
    label: 'WeChat Channels',
    names: [String.raw`wechat channels?`, '微信视频号', '视频号'],
    goal: { aspect: '9:16', resolution: 1080 },
    checked: '2026-12: 9:16 at 1080x1920 recommended, as for the other short-video apps.',
  },
  {
    id: 'wechat',
    label: 'WeChat',
    names: [String.raw`we ?chat`, String.raw`weixin`, '微信'],
    goal: { targetBytes: 25_000_000 },
    checked: '2026-12: WeChat publishes no limit; third-party guides (nctoro.com, 21xqjy.com) give 25 MB for a video sent in a chat.',
  },
  {
    id: 'telegram',
    label: 'Telegram',
    names: [String.raw`telegram`, String.raw`tg`],
    goal: { targetBytes: 2_000_000_000 },
    checked: '2025-06: files up to 2 GB (4 GB with Premium).',
  },
  {
    id: 'slack',
    label: 'Slack',
    names: [String.raw`slack`],
    goal: { targetBytes: 1_000_000_000 },
    checked: '2025-06: files up to 1 GB.',
  },
  {
    id: 'twitter',
    label: 'X (Twitter)',
    // A bare "x" only after "on/for/to/fit": elsewhere it is "1920x1080" or "10x smaller".
    names: [String.raw`twitter`, String.raw`tweet`, String.raw`x\.com`, String.raw`(?<=\b(?:on|for|to|onto|into|fit|fits) )x`, '推特'],
    // 1920x1200 at most; a 1080 short side keeps a 16:9 video inside it.
    goal: { targetBytes: 512_000_000, resolution: 1080 },
    maxDurationSec: 140,
    checked: '2025-06: up to 512 MB, 1920x1200, 2 min 20 s for most accounts.',
  },
  {
    id: 'instagram-reels',
    label: 'Instagram Reels',
    names: [String.raw`(?:instagram|insta|ig) (?:reels?|stor(?:y|ies))`, String.raw`reels?`, String.raw`instagram`, String.raw`insta`, String.raw`ig`],
    goal: { aspect: '9:16', resolution: 1080 },
    checked: '2025-06: 9:16 at 1080x1920 recommended.',
  },
  {
    id: 'youtube-shorts',
    label: 'YouTube Shorts',
    names: [String.raw`(?:youtube|yt) shorts?`, String.raw`shorts`],
    goal: { aspect: '9:16', resolution: 1080 },
    checked: '2025-06: 9:16 at 1080x1920 recommended.',
  },
  {
    id: 'kuaishou',
    label: 'Kuaishou',
    names: [String.raw`kuaishou`, String.raw`kwai`, '快手'],
    goal: { aspect: '9:16', resolution: 1080 },
    checked: '2026-12: 9:16 at 1080x1920 recommended, as for the other short-video apps.',
  },
  {
    id: 'bilibili',
    label: 'Bilibili',
    names: [String.raw`bilibili`, 'b站', '哔哩哔哩'],
    // Nothing to fit, as YouTube: named so that "发B站" is understood, and said as itself.
    goal: {},
    checked: '2026-12: uploads far larger than this tool makes; 16:9 landscape is its usual shape.',
  },
  {
    id: 'youtube',
    label: 'YouTube',
    names: [String.raw`youtube`, String.raw`yt`],
    // Nothing to fit: named so that "for youtube" is understood, not reported as unknown.
    goal: {},
    checked: '2025-06: up to 256 GB or 12 hours; any size this tool makes fits.',
  },
  {
    id: 'tiktok',
    label: 'TikTok',
    names: [String.raw`tik ?tok`, '抖音'],
    goal: { aspect: '9:16', resolution: 1080 },
    checked: '2025-06: 9:16 at 1080x1920 recommended.',
  },
];

/** The preset with this id, if there is one. */
export function platformById(id: string | undefined): Platform | undefined {
  return PLATFORMS.find((platform) => platform.id === id);
}

/**
 * One rule per platform, in table order, after one for a Nitro said not to be there: "for discord
 * without nitro" asks for the free account's limit, not Nitro's.
 */
export const platformRules: Rule[] = [
  { pattern: /(?<![a-z0-9])(?:without|no|non|not on|w\/o)[ -]?(?:discord )?nitro(?![a-z0-9])/g, read: () => ({ kind: 'platform', platform: 'discord' }) },
  ...PLATFORMS.map((platform): Rule => ({
    // Latin names stand alone as words ("discord", not "discordant"); Chinese names need no boundary.
    pattern: new RegExp(platform.names.map((name) => (/^[\u4e00-\u9fff]/.test(name) ? name : String.raw`(?<![a-z0-9])(?:${name})(?![a-z0-9])`)).join('|'), 'g'),
    read: () => ({ kind: 'platform', platform: platform.id }),
  })),
];
