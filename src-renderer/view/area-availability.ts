import { isCommandName } from '../../src-shared/contract/commands';
import { isEventName } from '../../src-shared/contract/events';

/** An engine area the UI depends on, and the contract command that proves it is present. */
export interface EngineArea {
  readonly label: string;
  readonly issue: number;
  /** A command or event name only that area declares. */
  readonly probe: string;
}

export const ENGINE_AREAS = {
  market: { label: 'Market data', issue: 3, probe: 'listSymbols' },
  scanner: { label: 'Scanner', issue: 4, probe: 'listSignals' },
  execution: { label: 'Execution', issue: 5, probe: 'placeOrder' },
  risk: { label: 'Risk and kill switch', issue: 6, probe: 'kill' },
  reports: { label: 'Reports', issue: 8, probe: 'exportReport' },
} as const satisfies Record<string, EngineArea>;

export type EngineAreaId = keyof typeof ENGINE_AREAS;

/**
 * Whether this build's contract declares the area's commands. The renderer is compiled against
 * the same contract as the engine, so this is a fact about the running engine, not a guess.
 */
export function areaAvailable(area: EngineAreaId): boolean {
  const probe = ENGINE_AREAS[area].probe;
  return isCommandName(probe) || isEventName(probe);
}

/** The sentence an empty panel shows when its engine area is missing from this build. */
export function missingAreaText(area: EngineAreaId): string {
  const a = ENGINE_AREAS[area];
  return `${a.label} is not part of this engine build yet (issue #${a.issue}); nothing here comes from the engine.`;
}
