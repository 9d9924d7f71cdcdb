import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useCalibrationRunStore } from '../../state/calibration-run-store';
import { useCalibrationStore } from '../../state/calibration-store';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { CalibrationTable } from './calibration-table';

/**
 * Calibrate from the cockpit: the same walk-forward fit as `vigil calibrate`, run by the engine
 * in its calibration worker on a folder of candles (the replay it plays by default), with its
 * progress and a Cancel; then each market and timeframe's out-of-sample scores against the
 * base rate and whether the scanner now uses it.
 */
export function CalibratePanel(): ReactElement {
  const client = useClient();
  const running = useCalibrationRunStore((s) => s.running);
  const progress = useCalibrationRunStore((s) => s.progress);
  const result = useCalibrationRunStore((s) => s.result);
  const message = useCalibrationRunStore((s) => s.message);
  const stored = useCalibrationStore((s) => s.status?.calibrations ?? null);
  const [data, setData] = useState('');

  useEffect(
    () =>
      client.on('calibrationProgressed', (p) => useCalibrationRunStore.getState().progressed(p)),
    [client],
  );

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    useCalibrationRunStore.getState().started();
    client.call('calibrate', data.trim() === '' ? {} : { data: data.trim() }).then(
      (run) => useCalibrationRunStore.getState().finished(run),
      (error: unknown) => useCalibrationRunStore.getState().failed(errorText(error)),
    );
  };

  return (
    <section className="calibrate-panel" aria-label="Calibrate P" data-testid="calibrate-panel">
      <h3 className="sub-title">Calibrate P</h3>
      <p className="calibrate-what">
        Fits the probability mapping walk-forward (fit on a window, score on the next, roll) per
        market and timeframe, as <code>vigil calibrate</code> does. The scanner presents P as a win
        chance only where the fit beats the base rate out of sample; elsewhere P stays uncalibrated
        and the tier at most WATCH.
      </p>
      <form className="backtest-form" onSubmit={submit} aria-label="Calibrate">
        <label className="backtest-data">
          Candle folder
          <input
            type="text"
            value={data}
            placeholder="empty: the replay folder Vigil plays; else a folder of candle CSV files (absolute path)"
            onChange={(e) => setData(e.target.value)}
            data-testid="calibrate-data"
          />
        </label>
        <div className="backtest-actions">
          <button type="submit" disabled={running} data-testid="run-calibration">
            {running ? 'Calibrating…' : 'Calibrate'}
          </button>
          {running && (
            <>
              <progress
                max={progress === null || progress.total === 0 ? 1 : progress.total}
                value={progress?.done ?? 0}
                data-testid="calibration-progress"
              />
              <span className="backtest-reached" data-testid="calibration-progress-text">
                {progress === null
                  ? 'starting the calibration worker…'
                  : `${progress.done} of ${progress.total} market timeframes${progress.last === null ? '' : ` · ${progress.last}`}`}
              </span>
              <button
                type="button"
                onClick={() => void client.call('cancelCalibration', {})}
                data-testid="cancel-calibration"
              >
                Cancel
              </button>
            </>
          )}
        </div>
        {message !== null && (
          <p className="backtest-message" role="status" data-testid="calibration-message">
            {message}
          </p>
        )}
      </form>
      {result !== null && (
        <p className="calibrate-what" data-testid="calibration-run-summary">
          {`Calibrated on ${result.data}: ${result.calibrations.filter((c) => c.usable && c.current).length} of ${result.calibrations.length} market timeframes beat the base rate and are used now`}
          {result.skipped.length > 0 &&
            `; skipped ${result.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}`}
          .
        </p>
      )}
      {stored !== null && <CalibrationTable calibrations={stored} />}
    </section>
  );
}
