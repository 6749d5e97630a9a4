/** Viewing habits detected by rule (catalogue #10). */
import type { HABITS, HabitSignal } from '../precompute/engine/results/habits.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, listResultOf } from './filters.js';

const HabitEnum = builder.enumType('Habit', {
  description: 'A viewing habit and the rule that detects it (local times in the filter’s zone).',
  values: {
    BINGE_WATCHER: { description: 'More than 30% of sessions (30-minute gap) have 5 or more videos.' },
    NIGHT_OWL: { description: 'More than 35% of videos between 22:00 and 03:59.' },
    EARLY_BIRD: { description: 'More than 25% of videos between 05:00 and 08:59.' },
    WEEKENDER: { description: 'weekendIntensity above 1.5.' },
    CREATURE_OF_HABIT: { description: 'consistencyScore ≥ 60 and videos on at least 60% of the span’s days.' },
    SPORADIC: { description: 'Videos on fewer than 20% of the span’s days.' },
  } satisfies Record<(typeof HABITS)[number], { description: string }>,
});

const HabitSignalRef = builder.objectRef<HabitSignal>('HabitSignal').implement({
  description: `A habit whose rule holds for the filtered videos. ${EMBEDDED}`,
  fields: (t) => ({
    habit: t.field({ type: HabitEnum, description: 'Which habit.', resolve: (h) => h.habit }),
    confidence: t.exposeFloat('confidence', {
      description:
        '0..1. BINGE_WATCHER min(1, 2 × binge share); NIGHT_OWL / EARLY_BIRD min(1, share / (2 × threshold)); WEEKENDER min(1, (intensity − 1) / 2); CREATURE_OF_HABIT consistencyScore / 100; SPORADIC 1 − active share of days.',
    }),
    evidence: t.exposeString('evidence', { description: 'One sentence with the numbers behind the rule (rounded for reading).' }),
  }),
});

const HabitsResultRef = listResultOf(
  'HabitsResult',
  'The habits that hold, in the order BINGE_WATCHER, NIGHT_OWL, EARLY_BIRD, WEEKENDER, CREATURE_OF_HABIT, SPORADIC; empty without videos.',
  HabitSignalRef,
);

builder.objectField(AnalyticsRef, 'habits', (t) =>
  t.field({
    type: HabitsResultRef,
    nullable: true,
    description: 'Viewing habits detected by fixed rules, each with its confidence and evidence.',
    resolve: (a, _args, ctx) => loadAggregation<HabitSignal[]>(ctx, a, 'habits'),
  }),
);
