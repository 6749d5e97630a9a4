/**
 * Result models of habits. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
export const HABITS = ['BINGE_WATCHER', 'NIGHT_OWL', 'EARLY_BIRD', 'WEEKENDER', 'CREATURE_OF_HABIT', 'SPORADIC'] as const;

export type Habit = (typeof HABITS)[number];

/** #10: one detected habit. */
export interface HabitSignal {
  habit: Habit;
  /** 0..1. */
  confidence: number;
  /** One sentence with the numbers behind the rule. */
  evidence: string;
}
