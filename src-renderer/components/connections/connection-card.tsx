import { useState, type ReactElement } from 'react';
import type { ConnectionView } from '../../../src-shared/domain/connection';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useNow } from '../../state/use-now';
import { FEED_STATE_TONE } from './feed-state-tone';
import { KeyForm, KeyStatusLine } from './key-form';

/** One connection: its feed's health, quotes and problems, its watchlist, its key. */
export function ConnectionCard({
  connection,
}: {
  readonly connection: ConnectionView;
}): ReactElement {
  const client = useClient();
  const now = useNow(1000);
  const [keyOpen, setKeyOpen] = useState(false);
  const [symbol, setSymbol] = useState('');
  const [note, setNote] = useState<{ tone: string; text: string } | null>(null);
  const h = connection.health;
  const act = (call: Promise<unknown>, done?: string): void => {
    setNote(null);
    call.then(
      () => done !== undefined && setNote({ tone: 'tone-good', text: done }),
      (e: unknown) => setNote({ tone: 'tone-bad', text: errorText(e) }),
    );
  };
  // The engine sends the age at the time of the event; it keeps growing here until the next.
  const age =
    h === null || h.lastMessageAt === null
      ? null
      : Math.max(0, Math.round((now - h.lastMessageAt) / 1000));
  return (
    <section
      className="connection-card drawer-card"
      data-testid={`connection-${connection.name}`}
      aria-label={connection.name}
    >
      <header>
        <strong>{connection.name}</strong>
        <span className="muted">{connection.exchange}</span>
        {connection.apiOrigin !== null && <code className="small">{connection.apiOrigin}</code>}
        <span className="spacer" />
        {h === null ? (
          <span className="muted small" data-testid="connection-state">
            not playing
          </span>
        ) : (
          <strong
            className={FEED_STATE_TONE[h.state]}
            data-testid="connection-state"
            title={h.reason}
          >
            {h.state}
          </strong>
        )}
      </header>
      {h !== null && (
        <p className="small muted" data-testid="connection-health">
          {h.reason} · {age === null ? 'no data yet' : `last data ${age} s ago`} · {h.reconnects}{' '}
          reconnect
          {h.reconnects === 1 ? '' : 's'}
        </p>
      )}
      {connection.problems.map((p) => (
        <p key={p.symbol} className="small tone-bad" data-testid="connection-problem">
          {p.symbol}: {p.problem}
        </p>
      ))}
      <table className="quote-table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Bid</th>
            <th>Ask</th>
            <th>Spread</th>
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {connection.symbols.map((s) => {
            const q = connection.quotes.find((x) => x.symbol === s);
            return (
              <tr key={s}>
                <td>{s}</td>
                <td className="num">{q === undefined ? '—' : q.bid}</td>
                <td className="num">{q === undefined ? '—' : q.ask}</td>
                <td className="num muted">
                  {q === undefined ? '' : `${q.spreadBps.toFixed(1)} bp`}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Stop watching ${s}`}
                    disabled={connection.symbols.length === 1}
                    onClick={() =>
                      act(client.call('watchSymbols', { name: connection.name, remove: [s] }))
                    }
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted">Timeframes: {connection.timeframes.join(', ')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          act(
            client.call('watchSymbols', {
              name: connection.name,
              add: [symbol.trim().toUpperCase()],
            }),
            `watching ${symbol.trim().toUpperCase()}`,
          );
          setSymbol('');
        }}
      >
        <input
          value={symbol}
          onChange={(e) => setSymbol(e.target.value)}
          placeholder="ETH/USDT"
          aria-label="Symbol to watch"
        />
        <button type="submit" disabled={symbol.trim() === ''}>
          Watch
        </button>
        <span className="spacer" />
        <button
          type="button"
          onClick={() =>
            act(
              client.call('testConnection', { name: connection.name }).then((r) => {
                setNote({
                  tone: r.ok ? 'tone-good' : 'tone-bad',
                  text: r.checks
                    .map((c) => `${c.ok ? '✓' : '✗'} ${c.check}: ${c.detail}`)
                    .join('\n'),
                });
              }),
            )
          }
        >
          Test
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => act(client.call('removeConnection', { name: connection.name }))}
        >
          Remove
        </button>
      </form>
      {note !== null && <pre className={`small note ${note.tone}`}>{note.text}</pre>}
      <KeyStatusLine status={connection.key} />
      <button
        type="button"
        aria-expanded={keyOpen}
        data-testid="key-toggle"
        onClick={() => setKeyOpen(!keyOpen)}
      >
        {keyOpen ? 'Close key form' : connection.key.set ? 'Replace or delete key' : 'Set API key'}
      </button>
      {keyOpen && <KeyForm status={connection.key} />}
    </section>
  );
}
