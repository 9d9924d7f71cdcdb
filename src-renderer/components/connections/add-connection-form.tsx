import { useState, type FormEvent, type ReactElement } from 'react';
import { TimeframeSchema, type Timeframe } from '../../../src-shared/domain/candle';
import { apiOriginProblem } from '../../../src-shared/domain/connection';
import { useClient } from '../../state/client-context';
import { useConnectionsStore } from '../../state/connections-store';
import { errorText } from '../../state/error-text';

const TESTED = ['binance', 'bybit', 'okx', 'kraken', 'coinbase'];

/**
 * A new connection: exchange, watchlist, timeframes and (for local gateways and tests) a
 * loopback API origin. The engine checks everything with the exchange before saving.
 */
export function AddConnectionForm(): ReactElement {
  const client = useClient();
  const [name, setName] = useState('');
  const [exchange, setExchange] = useState('binance');
  const [symbols, setSymbols] = useState('BTC/USDT');
  const [timeframes, setTimeframes] = useState<readonly Timeframe[]>(['1m', '1h']);
  const [origin, setOrigin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const originProblem = origin.trim() === '' ? null : apiOriginProblem(origin.trim());
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    client
      .call('addConnection', {
        name: name.trim(),
        exchange: exchange.trim(),
        symbols: symbols
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter((s) => s !== ''),
        timeframes: [...timeframes],
        ...(origin.trim() === '' ? {} : { apiOrigin: origin.trim() }),
      })
      .then(
        () => {
          setBusy(false);
          setName('');
          return client
            .call('listConnections', {})
            .then((l) => useConnectionsStore.getState().setList(l));
        },
        (e: unknown) => {
          setBusy(false);
          setError(errorText(e));
        },
      );
  };
  const toggle = (tf: Timeframe): void =>
    setTimeframes((now) => (now.includes(tf) ? now.filter((t) => t !== tf) : [...now, tf]));
  return (
    <form
      className="add-connection"
      onSubmit={submit}
      aria-label="Add a connection"
      data-testid="add-connection"
    >
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="main"
          required
          data-testid="conn-name"
        />
      </label>
      <label>
        Exchange
        <input
          value={exchange}
          onChange={(e) => setExchange(e.target.value)}
          list="tested-exchanges"
          required
          data-testid="conn-exchange"
        />
        <datalist id="tested-exchanges">
          {TESTED.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
      </label>
      <label className="wide">
        Symbols
        <input
          value={symbols}
          onChange={(e) => setSymbols(e.target.value)}
          placeholder="BTC/USDT, ETH/USDT"
          required
          data-testid="conn-symbols"
        />
      </label>
      <fieldset className="timeframes">
        <legend>Timeframes</legend>
        {TimeframeSchema.options.map((tf) => (
          <label key={tf} className="check">
            <input
              type="checkbox"
              checked={timeframes.includes(tf)}
              onChange={() => toggle(tf)}
              data-testid={`conn-tf-${tf}`}
            />
            {tf}
          </label>
        ))}
      </fieldset>
      <label className="wide">
        API origin{' '}
        <span className="muted small">(optional; loopback only, for local gateways)</span>
        <input
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
          placeholder="http://127.0.0.1:PORT"
          data-testid="conn-origin"
          aria-invalid={originProblem !== null}
        />
      </label>
      {originProblem !== null && <p className="tone-bad small">{originProblem}</p>}
      <div className="form-actions">
        <button
          type="submit"
          disabled={busy || originProblem !== null || timeframes.length === 0}
          data-testid="conn-add"
        >
          {busy ? 'Checking with the exchange…' : 'Add connection'}
        </button>
      </div>
      {error !== null && (
        <p className="tone-bad small" role="alert" data-testid="conn-error">
          {error}
        </p>
      )}
    </form>
  );
}
