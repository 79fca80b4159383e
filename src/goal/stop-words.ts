/**
 * Words that carry no instruction: filler, pronouns, and the nouns every request names ("video",
 * "file"). They are never reported as unknown and never "corrected" into a keyword.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the this that these those it its it's itself them they my mine me i i'd i'm i'll we our us you your you're
  he she his her their there here what what's whats that's there's here's which who whom how when where why while if then than so as such
  please pls plz u ur r s like turn turned dont don't won't cant can't max maximum tops capped cap kindly thanks thank thx ty hi hey hello ok okay yes yeah yep sure cool great fine well now
  can could would will should shall may might must do does did done doing be is are was were been being am
  have has had get got getting make makes made making let let's lets want wanted need needs needed would've
  to into onto in on at for of with without from by about over under below above up down out off again also too
  and or but nor not no just only even still very really quite slightly bit little lot much more most less least some any all both each
  video videos vid vids file files clip clips movie movies footage recording recordings vlog vlogs film
  thing things stuff one ones version copy output result results format size sizes limit limits
  new old same other another way something anything everything one's
  possible possibly maybe perhaps basically actually simply
  send sent share sharing post posting posted go going put use using used keep keeping save saving
  friend friends someone everyone group chat channel server team work boss client
  mb kb gb mib gib megs gigs`.split(/\s+/).filter(Boolean),
);

/** Chinese filler, longest first so "这个视频" goes before "这个". */
export const CHINESE_FILLER = new RegExp(
  [
    '帮我把', '帮我', '麻烦', '请你', '请', '你好', '谢谢', '好的', '好吧', '没问题', '是的', '好', '行', '对', '我想', '我要', '想要', '需要', '可以', '能不能', '能否', '一下',
    '这个视频', '这些视频', '那个视频', '我的视频', '视频文件', '这个', '那个', '这些', '视频', '文件', '影片', '片子',
    '把它', '把', '给我', '给', '我的', '我们', '你', '您', '我', '它', '的', '了', '吧', '啊', '呀', '吗', '呢', '哦', '嗯',
    '发送', '发', '群聊', '群', '成', '到', '和', '跟', '并且', '并', '然后', '再', '也', '都', '就', '还', '让', '使', '做', '弄', '搞', '用', '为', '个',
    '太大了', '太大', '大了', '查询', '查看', '看看', '还有多少', '有多少', '多少', '怎么样', '如何', '分辨率', '适合', '用于', '用来',
    '原来', '原始', '一些', '稍微', '大小', '格式', '以内', '以下', '之内', '内', '左右', '一点', '点', '些', '所有', '全部', '里', '中', '上', '下', '后', '前',
  ].join('|'),
  'g',
);
