import React from 'react';
import { Text } from 'ink';
import type { Theme } from './theme.js';

/** A bar of `width` cells for a fraction 0..1; plain characters so it reads without colour too. */
export function ProgressBar({ fraction, width, theme }: { fraction: number; width: number; theme: Theme }) {
  const clamped = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(clamped * width);
  return (
    <Text>
      <Text color={theme.status.working}>{'█'.repeat(filled)}</Text>
      <Text color={theme.text.dim}>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}
