/**
 * What a second quit key would do to `running` renders: on the embedded node they stop with the
 * studio; on a node that outlives it (`serve`) they go on, and the next start picks them up. Pure.
 */
export function quitConsequence(running: number, quitStops: boolean): string {
  const one = running === 1;
  const what = one ? 'the render' : `${running} renders`;
  if (quitStops) return `${what} will stop`;
  return `${what} ${one ? 'goes' : 'go'} on in the serve node, and the next start picks ${one ? 'it' : 'them'} up`;
}
