import type { ReactElement } from 'react';
import { areaAvailable, missingAreaText } from '../../view/area-availability';

const SPEEDS = ['1x', '10x', '60x', 'max'] as const;

/**
 * Play / pause / step / speed for the replay feed. Disabled, with the reason on hover, while
 * the market-data engine (and its controlReplay command) is not in this build.
 */
export function ReplayControls(): ReactElement {
  const available = areaAvailable('market');
  const why = available ? undefined : missingAreaText('market');
  return (
    <div className="replay-controls" role="group" aria-label="Replay" title={why} data-testid="replay-controls">
      <span className="muted small">Replay</span>
      <button type="button" disabled={!available} aria-label="Play">
        ▶
      </button>
      <button type="button" disabled={!available} aria-label="Pause">
        ❚❚
      </button>
      <button type="button" disabled={!available} aria-label="Step one bar">
        Step
      </button>
      <select disabled={!available} aria-label="Replay speed" defaultValue="60x">
        {SPEEDS.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
    </div>
  );
}
