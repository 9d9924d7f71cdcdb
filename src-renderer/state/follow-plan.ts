import type { VigilClient } from '../../src-shared/contract/client';
import { useEngineStore } from './engine-store';
import { replanShownPlan } from './plan-actions';

/**
 * A plan's rule verdicts are the gate's at the moment it was proposed. When the control mode
 * changes (a KILL, a pause, a re-arm) the plan on screen is proposed again, so it never shows
 * "✓ Trading mode" and an armed Send while HALTED, nor stays refused once trading is re-armed.
 * Returns an unsubscribe.
 */
export function followPlanVerdicts(client: VigilClient): () => void {
  return useEngineStore.subscribe((state, previous) => {
    const mode = state.status?.controlMode;
    const before = previous.status?.controlMode;
    if (mode !== undefined && before !== undefined && mode !== before) replanShownPlan(client);
  });
}
