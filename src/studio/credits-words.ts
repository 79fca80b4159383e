import type { Credits } from '../engine/api/types.js';

/** The balance as one sentence, in the language the question was asked in. */
export function creditsSentence(credits: Credits, chinese: boolean): string {
  if (credits.unlimited) return chinese ? '积分：不限量（本机渲染节点不收费）。' : 'Credits: unlimited (this render node does not charge).';
  const frozen = credits.frozen > 0 ? (chinese ? `，另有 ${credits.frozen} 正被进行中的渲染占用` : `, ${credits.frozen} more held by renders in progress`) : '';
  return chinese ? `积分余额：${credits.available}${frozen}。` : `Credits: ${credits.available} available${frozen}.`;
}
