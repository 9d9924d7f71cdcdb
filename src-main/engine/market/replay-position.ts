import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ReplaySpeedSchema } from '../../../src-shared/domain/market';
import type { Timeline } from './replay-timeline';

/** Where a replay was, so a restarted host resumes there instead of starting over. */
export const SavedReplaySchema = z
  .object({
    /** Which data the position belongs to (see replayFingerprint). */
    fingerprint: z.string().min(1),
    now: z.number().int(),
    speed: ReplaySpeedSchema,
    playing: z.boolean(),
  })
  .strict();
export type SavedReplay = z.infer<typeof SavedReplaySchema>;

/** Persistence of the replay position (the engine keeps it in its settings). */
export interface ReplayPositionStore {
  load(): SavedReplay | null;
  save(position: SavedReplay): void;
}

/**
 * Identifies a replay data set by what it contains (every series' id, length and first/last
 * open), so a position saved for other files is never applied to these.
 */
export function replayFingerprint(timeline: Timeline): string {
  const hash = createHash('sha256');
  for (const s of timeline.series)
    hash.update(`${s.id}|${s.length}|${s.openTime[0] ?? ''}|${s.openTime[s.length - 1] ?? ''}\n`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * The default start of a replay: `warmupMs` after the first source candle, so everything
 * before is history the scanner warms up on and the chart already shows, never past the
 * middle of the data (a short data set still has something to play).
 */
export function warmStart(start: number, end: number, warmupMs: number): number {
  return Math.min(start + warmupMs, start + Math.floor((end - start) / 2));
}
