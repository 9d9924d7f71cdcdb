import { Engine, type EngineOptions } from '../../src-main/engine/engine';
import { ManualClock } from './manual-clock';

/**
 * A real engine on `dataDir` with a manual clock (time moves only when the test says) and
 * errors collected instead of printed; `overrides` replace any option.
 */
export function startTestEngine(
  dataDir: string,
  overrides: Partial<EngineOptions> = {},
  startAt = 1_767_225_600_000,
): Engine {
  const clock = new ManualClock(startAt);
  return Engine.start({
    dataDir,
    version: 'test',
    host: 'test',
    clock,
    scheduler: clock,
    timeZone: 'UTC',
    onError: () => {},
    ...overrides,
  });
}
