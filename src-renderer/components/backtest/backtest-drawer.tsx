import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { BacktestFileFormat, BacktestRequest } from '../../../src-shared/contract/backtest';
import type { Timeframe } from '../../../src-shared/domain/candle';
import { useBacktestStore } from '../../state/backtest-store';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useRiskStore } from '../../state/risk-store';
import { Drawer } from '../layout/drawer';
import { saveBytes } from '../reports/save-bytes';
import { CalibratePanel } from '../calibration/calibrate-panel';
import { BacktestResultView } from './backtest-result';
import './backtest.css';

const TIMEFRAMES: readonly Timeframe[] = ['15m', '1h', '4h'];

let runSeq = 0;

/**
 * The Backtest panel: a folder of candles (the bundled replay by default), days, timeframes,
 * the PRIME entry level and the autopilot, run with the cockpit's current risk limits on the
 * engine's own pieces in a worker thread; a progress bar and Cancel while it runs; its figures
 * and the report's files (PDF, CSVs, metrics) when it is done. Below it, Calibrate P: the
 * walk-forward fit of `vigil calibrate`, from the cockpit.
 */
export function BacktestDrawer(): ReactElement | null {
  const client = useClient();
  const open = useBacktestStore((s) => s.open);
  const setOpen = useBacktestStore((s) => s.setOpen);
  const runId = useBacktestStore((s) => s.runId);
  const progress = useBacktestStore((s) => s.progress);
  const message = useBacktestStore((s) => s.message);
  const risk = useRiskStore((s) => s.config);
  const [data, setData] = useState('');
  const [bundled, setBundled] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [timeframes, setTimeframes] = useState<Timeframe[]>([...TIMEFRAMES]);
  const [primeEnter, setPrimeEnter] = useState('0.80');
  const [primeStay, setPrimeStay] = useState('0.70');
  const [autopilot, setAutopilot] = useState<'prime' | 'off'>('prime');
  const [account, setAccount] = useState<'spot' | 'margin'>('spot');

  useEffect(() => {
    if (!open) return;
    client.call('backtestSetup', {}).then(
      (setup) => setBundled(setup.bundledData),
      () => setBundled(null),
    );
  }, [client, open]);

  useEffect(
    () => client.on('backtestProgressed', (p) => useBacktestStore.getState().progressed(p)),
    [client],
  );

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    runSeq += 1;
    const id = `ui-${Date.now()}-${runSeq}`;
    const request: BacktestRequest = {
      autopilot,
      account,
      scanner: { tiers: { primeEnter: Number(primeEnter), primeStay: Number(primeStay) } },
      timeframes,
      ...(data.trim() === '' ? {} : { data: data.trim() }),
      ...(from === '' ? {} : { from }),
      ...(to === '' ? {} : { to }),
      ...(risk === null ? {} : { risk }),
    };
    const store = useBacktestStore.getState();
    store.started(id);
    client.call('runBacktest', { runId: id, request }).then(
      (result) => useBacktestStore.getState().finished(result),
      (error: unknown) => useBacktestStore.getState().failed(errorText(error)),
    );
  };

  const cancel = (): void => {
    if (runId !== null) void client.call('cancelBacktest', { runId });
  };

  const running = runId !== null;
  const toggle = (tf: Timeframe): void =>
    setTimeframes((list) =>
      list.includes(tf)
        ? list.filter((t) => t !== tf)
        : TIMEFRAMES.filter((t) => t === tf || list.includes(t)),
    );
  return (
    <Drawer
      open={open}
      onClose={() => setOpen(false)}
      title="Backtest"
      testId="backtest-drawer"
      wide
    >
      <form className="backtest-form" onSubmit={submit} aria-label="Backtest">
        <label className="backtest-data">
          Candle folder
          <input
            type="text"
            value={data}
            placeholder={
              bundled === null ? 'a folder of candle CSV files' : `bundled replay: ${bundled}`
            }
            onChange={(e) => setData(e.target.value)}
            data-testid="backtest-data"
            required={bundled === null}
          />
        </label>
        <label>
          From
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="backtest-from"
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="backtest-to"
          />
        </label>
        <fieldset className="backtest-timeframes">
          <legend>Timeframes</legend>
          {TIMEFRAMES.map((tf) => (
            <label key={tf}>
              <input
                type="checkbox"
                checked={timeframes.includes(tf)}
                onChange={() => toggle(tf)}
              />
              {tf}
            </label>
          ))}
        </fieldset>
        <LevelInput
          label="PRIME entry P"
          value={primeEnter}
          onChange={setPrimeEnter}
          testId="backtest-prime-enter"
        />
        <LevelInput
          label="stays while P ≥"
          value={primeStay}
          onChange={setPrimeStay}
          testId="backtest-prime-stay"
        />
        <label>
          Autopilot
          <select
            value={autopilot}
            onChange={(e) => setAutopilot(e.target.value as 'prime' | 'off')}
          >
            <option value="prime">sends PRIME plans</option>
            <option value="off">off</option>
          </select>
        </label>
        <label>
          Account
          <select
            value={account}
            onChange={(e) => setAccount(e.target.value as 'spot' | 'margin')}
            data-testid="backtest-account"
          >
            <option value="spot">spot (no shorts)</option>
            <option value="margin">margin (shorts trade)</option>
          </select>
        </label>
        <p className="backtest-risk">
          Risk limits: the cockpit&apos;s current ones
          {risk === null
            ? ' (not loaded yet: the defaults)'
            : ` (${risk.riskPerTradePct}% a trade, ${risk.dailyLossPct}% a day, days in ${risk.timeZone})`}
          . Paper account of 10,000 USDT ({account}).
        </p>
        <div className="backtest-actions">
          <button
            type="submit"
            disabled={running || timeframes.length === 0}
            data-testid="run-backtest"
          >
            {running ? 'Running…' : 'Run backtest'}
          </button>
          {running && (
            <>
              <progress max={1} value={progress?.fraction ?? 0} data-testid="backtest-progress" />
              <span className="backtest-reached">
                {progress?.at === null || progress === null
                  ? 'loading the candles…'
                  : `${Math.round(progress.fraction * 100)}% · ${new Date(progress.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`}
              </span>
              <button type="button" onClick={cancel} data-testid="cancel-backtest">
                Cancel
              </button>
            </>
          )}
        </div>
        {message !== null && (
          <p className="backtest-message" role="status" data-testid="backtest-message">
            {message}
          </p>
        )}
      </form>
      <BacktestResultView onSave={(format) => save(client, format)} />
      <CalibratePanel />
    </Drawer>
  );
}

/** A probability level of the scanner's tiers, 0..1. */
function LevelInput(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
}): ReactElement {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min="0"
        max="1"
        step="0.01"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

function save(client: ReturnType<typeof useClient>, format: BacktestFileFormat): void {
  const result = useBacktestStore.getState().result;
  if (result === null) return;
  client.call('backtestFile', { runId: result.runId, format }).then(
    (file) => saveBytes(file.bytesBase64, file.fileName, file.mimeType),
    (error: unknown) => useBacktestStore.getState().failed(errorText(error)),
  );
}
