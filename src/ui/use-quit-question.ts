import { useState } from 'react';

/** Ctrl+C as the studio hears it: whether the question is up, and what a key does to it. */
export type QuitQuestion = {
  /** The question is on screen: the next quit key quits. */
  asked: boolean;
  /** A quit key: quits at once when nothing runs or the question was asked, else asks it. */
  press(): void;
  /** Any other key: the question goes away unanswered. */
  dismiss(): void;
};

/**
 * Quitting while renders run asks first (a second quit key confirms), because the quit stops
 * them or leaves them to a serve node; with nothing running it quits at once.
 */
export function useQuitQuestion(running: number, quit: () => void): QuitQuestion {
  const [asked, setAsked] = useState(false);
  return {
    asked,
    press: () => (running === 0 || asked ? quit() : setAsked(true)),
    dismiss: () => setAsked(false),
  };
}
