import type { Calibration } from '../../src-shared/contract/calibration';
import type { VigilClient } from '../../src-shared/contract/client';
import { createStatusStore, followStatus } from './follow-status';

/** The engine's stored calibrations (what the signal detail shows next to a market's P). */
export const useCalibrationStore = createStatusStore<{ calibrations: Calibration[] }>();

export function followCalibrations(client: VigilClient): () => void {
  return followStatus(
    client,
    useCalibrationStore,
    async () => ({ calibrations: await client.call('listCalibrations', {}) }),
    'calibrationsChanged',
    'Calibrations',
  );
}
