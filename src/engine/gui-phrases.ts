/**
 * What a GUI instruction in a reply asks the client to do (the backend answers as if the user had
 * a visual editor): `export` runs the export, `state` fetches the session state, `timeline` shows
 * a text summary of the tracks, `edit` sends the sentence back through the chat.
 */
export type GuiAction = { kind: 'export' } | { kind: 'state' } | { kind: 'timeline' } | { kind: 'edit'; instruction: string };

// Order matters: "click Export" is an export, not a generic click; "preview in timeline" is a summary.
const rules: { pattern: RegExp; action: (sentence: string) => GuiAction }[] = [
  { pattern: /\b(click|press|hit|tap)\b[^.!?\n]*\bexport\b|导出|点击导出|\bexport button\b/i, action: () => ({ kind: 'export' }) },
  { pattern: /\bpreview\b[^.!?\n]*\btimeline\b|预览/i, action: () => ({ kind: 'timeline' }) },
  { pattern: /\b(open|view)\b[^.!?\n]*\b(panel|tab|project|session|timeline|settings|library)\b|打开/i, action: () => ({ kind: 'state' }) },
  { pattern: /\b(drag|drop)\b|拖拽|拖动/i, action: (sentence) => ({ kind: 'edit', instruction: sentence.trim() }) },
];

/** The actions a reply's GUI phrases ask for, one per kind, in the order they appear. Pure. */
export function guiActions(reply: string): GuiAction[] {
  const actions: GuiAction[] = [];
  for (const sentence of reply.split(/(?<=[.!?。！？])\s*|\n+/)) {
    for (const rule of rules) {
      if (!rule.pattern.test(sentence)) continue;
      const action = rule.action(sentence);
      if (!actions.some((a) => a.kind === action.kind)) actions.push(action);
      break;
    }
  }
  return actions;
}

/**
 * A reply in words for a keyboard: the backend speaks to a visual editor ("Click Export when you
 * are ready"), so its GUI instructions are said as what to type, and `exportKey` (the studio's
 * Ctrl+E) where there is one. Pure; the actions are still read from the reply as it came.
 */
export function keyboardWording(reply: string, exportKey?: string): string {
  const say = `say export${exportKey ? ` or press ${exportKey}` : ''}`;
  return reply
    .replace(/\b(?:click|press|hit|tap)(?: on)?(?: the)? export(?: button)?\b/gi, (match) => (/^[A-Z]/.test(match) ? say[0].toUpperCase() + say.slice(1) : say))
    .replace(/点击(?:“|")?导出(?:”|")?(?:按钮)?/g, `输入“导出”${exportKey ? `或按 ${exportKey}` : ''}`);
}
