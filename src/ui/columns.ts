import stringWidth from 'string-width';

/**
 * The terminal columns `text` takes: two for a CJK ideograph or a wide emoji, none for a combining
 * mark. What every width in the studio is counted in, as the terminal (and Ink's layout) counts it.
 */
export function columns(text: string): number {
  return stringWidth(text);
}
