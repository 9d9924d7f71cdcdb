import { useState, type ReactElement } from 'react';
import type { TradingMode } from '../../../src-shared/domain/modes';
import { useClient } from '../../state/client-context';
import { useConnectionsStore } from '../../state/connections-store';
import { errorText } from '../../state/error-text';
import { useTradingStore } from '../../state/trading-store';
import { LiveVenueLine } from './live-venue-line';

/**
 * PAPER / SHADOW / LIVE. PAPER and SHADOW switch at once; LIVE needs a connection and the
 * typed confirmation "LIVE <name>", and the engine checks the rest (a verified trade-only key,
 * live prices, no paper order in flight, not HALTED) and says what is missing.
 */
export function ModeToggle(): ReactElement {
  const client = useClient();
  const status = useTradingStore((s) => s.status);
  // Select the stored list itself: a fresh `[]` from the selector would re-render forever.
  const list = useConnectionsStore((s) => s.list);
  const connections = list?.connections ?? [];
  const [armLive, setArmLive] = useState(false);
  const [connection, setConnection] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = status?.mode;
  const chosen = connection !== '' ? connection : (connections[0]?.name ?? '');
  const submit = (
    target: TradingMode,
    extra: { connection?: string; confirm?: string } = {},
  ): void => {
    setBusy(true);
    setError(null);
    client.call('setTradingMode', { mode: target, ...extra }).then(
      () => {
        setBusy(false);
        setArmLive(false);
        setTyped('');
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return (
    <div className="mode-toggle" data-testid="mode-toggle">
      <div className="segmented" role="radiogroup" aria-label="Trading mode">
        {(['PAPER', 'SHADOW', 'LIVE'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            data-testid={`mode-${m.toLowerCase()}`}
            className={mode === m ? `active mode-${m.toLowerCase()}-btn` : ''}
            disabled={busy || mode === undefined}
            onClick={() => {
              // A second click on LIVE folds the confirmation form away again.
              if (m === 'LIVE') setArmLive((armed) => mode !== 'LIVE' && !armed);
              else if (mode !== m) submit(m);
            }}
          >
            {m}
          </button>
        ))}
      </div>
      {armLive && (
        <form
          className="live-arm"
          data-testid="live-arm-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit('LIVE', { connection: chosen, confirm: typed });
          }}
        >
          {connections.length === 0 && (
            <p className="tone-bad small" data-testid="live-no-connection">
              LIVE trades on an exchange connection: add one first (Connections, at the bottom).
            </p>
          )}
          <label>
            Connection{' '}
            <select
              data-testid="live-connection"
              value={chosen}
              onChange={(e) => setConnection(e.target.value)}
            >
              {connections.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.exchange})
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="live-confirm">
            Real money. Type <code>LIVE {chosen || 'NAME'}</code> to trade live
          </label>
          <div className="rearm-row">
            <input
              id="live-confirm"
              data-testid="live-confirm"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
            <button
              type="submit"
              className="live-go"
              data-testid="live-go"
              disabled={busy || chosen === '' || typed !== `LIVE ${chosen}`}
            >
              Go LIVE
            </button>
          </div>
        </form>
      )}
      {error !== null && (
        <p className="tone-bad small" role="alert" data-testid="mode-error">
          {error}
        </p>
      )}
      {status?.live.map((v) => (
        <LiveVenueLine key={v.bookId} venue={v} />
      ))}
      <p className="small muted" data-testid="mode-explain">
        {mode === 'LIVE'
          ? `Real orders go to ${status?.connection ?? '?'}.`
          : mode === 'SHADOW'
            ? 'Signals and order intents are recorded; nothing is sent.'
            : 'Virtual balance on live or replayed prices; nothing real is sent.'}
      </p>
    </div>
  );
}
