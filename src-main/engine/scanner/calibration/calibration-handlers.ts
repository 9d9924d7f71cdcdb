import type { CommandHandlers } from '../../../../src-shared/contract/handlers';
import type { calibrationCommands } from '../../../../src-shared/contract/calibration';
import type { CalibrationService } from './calibration-service';

export function calibrationHandlers(
  calibrations: CalibrationService,
): Pick<CommandHandlers, keyof typeof calibrationCommands> {
  return {
    calibrate: ({ data }, caller) => calibrations.calibrate(data, `user:${caller.origin}`),
    cancelCalibration: (_input, caller) => ({
      cancelled: calibrations.cancel(`user:${caller.origin}`),
    }),
    listCalibrations: () => calibrations.list(),
  };
}
