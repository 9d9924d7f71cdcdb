import { powerMonitor } from 'electron';
import type { Engine } from '../engine/engine';

/**
 * Electron's sleep/wake events into the engine's power guard. The clock jump detector keeps
 * running beside it (a missed OS event still gets noticed); a wake reported by both only
 * restarts the same wait.
 */
export function attachPowerMonitor(engine: Engine, onError: (error: unknown) => void): () => void {
  const suspend = (): void => {
    engine.power.guard.suspend('os').catch(onError);
  };
  const resume = (): void => engine.power.guard.resume('os', null);
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('resume', resume);
  return () => {
    powerMonitor.off('suspend', suspend);
    powerMonitor.off('resume', resume);
  };
}
