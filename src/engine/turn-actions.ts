import type { NamedPlanItem } from '../wire/plan.js';
import { guiActions, type GuiAction } from './gui-phrases.js';

/**
 * What a finished turn asks the client to do. Our node sends its plan as a typed step: a plan for
 * at least one video is a draft ready to export, and nothing more is asked. The reply's GUI phrases
 * are read only for a stream without a plan (the cloud's prose). Pure.
 */
export function turnActions(reply: string, plan: NamedPlanItem[] | undefined): GuiAction[] {
  if (plan === undefined) return guiActions(reply);
  return plan.length > 0 ? [{ kind: 'export' }] : [];
}
