import { platformById } from './platforms.js';
import type { Goal } from './types.js';

/**
 * Applies a new instruction's goal on top of an earlier one: every field the override sets wins.
 * The size is one decision, so a new `targetBytes` or `relativeSize` replaces both of the base's.
 * The base's platform is dropped when the override changes a value that platform's preset supplied
 * ("discord", then "actually 50MB": it no longer fits Discord, so it no longer says so).
 */
export function mergeGoals(base: Goal, override: Goal): Goal {
  const merged: Goal = { ...base };
  if (override.targetBytes !== undefined || override.relativeSize !== undefined) {
    delete merged.targetBytes;
    delete merged.relativeSize;
  }
  for (const [field, value] of Object.entries(override)) {
    if (value !== undefined) (merged as Record<string, unknown>)[field] = value;
  }
  const preset = platformById(base.platform);
  if (override.platform === undefined && preset) {
    const changed = Object.keys(preset.goal).some((field) => {
      const value = override[field as keyof Goal];
      return value !== undefined && JSON.stringify(value) !== JSON.stringify(base[field as keyof Goal]);
    });
    if (changed) delete merged.platform;
  }
  return merged;
}
