import { useState, type ReactElement } from 'react';
import { placeOrder } from '../../state/book-actions';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';
import { splitInstrument } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { TicketField } from './ticket-field';

/**
 * A manual order into the active book. The engine validates and gates it; whatever it refuses
 * comes back with its rule and numbers and is shown under the ticket verbatim.
 */
export function OrderTicket(): ReactElement {
  const client = useClient();
  const mode = useEngineStore((s) => s.status?.tradingMode);
  const selected = useUiStore((s) => s.selectedSymbol);
  const [symbol, setSymbol] = useState<string | null>(null);
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [type, setType] = useState<'limit' | 'market'>('limit');
  const [qty, setQty] = useState('');
  const [price, setPrice] = useState('');
  const [stopLoss, setStopLoss] = useState('');
  const [takeProfit, setTakeProfit] = useState('');
  const [busy, setBusy] = useState(false);
  // The refusal and the market of the order it answered: on another market it is not shown.
  const [answered, setAnswered] = useState<{ symbol: string; text: string } | null>(null);
  const selectedSymbol = selected === null ? '' : splitInstrument(selected).symbol;
  const shownSymbol = symbol ?? selectedSymbol;
  const refusal = answered !== null && answered.symbol === shownSymbol.trim() ? answered.text : null;
  const markets = useBookStore((s) => s.markets);
  const market = markets[shownSymbol.trim()];
  const marketsKnown = Object.keys(markets).length > 0;
  return (
    <form
      className="order-ticket"
      data-testid="order-ticket"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setAnswered(null);
        const orderSymbol = shownSymbol.trim();
        void placeOrder(client, {
          symbol: orderSymbol,
          side,
          type,
          qty: qty.trim(),
          ...(type === 'limit' ? { price: price.trim() } : {}),
          // Entries need a protective stop (risk per trade is risk to the stop); the exits are
          // placed as one-cancels-other once the entry fills.
          ...(stopLoss.trim() !== '' || takeProfit.trim() !== ''
            ? { bracket: { stopLoss: stopLoss.trim(), takeProfit: takeProfit.trim() } }
            : {}),
        }).then((text) => {
          setAnswered(text === null ? null : { symbol: orderSymbol, text });
          setBusy(false);
        });
      }}
    >
      <div className="ticket-row">
        <input
          aria-label="Symbol"
          data-testid="ticket-symbol"
          value={shownSymbol}
          // Once the trader is in the field it is theirs: the market selected a moment later
          // (the first one, when the symbol list arrives) no longer rewrites it under their
          // caret, where what they type would land after it ("BTC/USDTETH/USDT").
          onFocus={() => setSymbol((own) => own ?? shownSymbol)}
          // Left as the selection has it: the ticket follows the selected market again.
          onBlur={() => setSymbol((own) => (own?.trim() === selectedSymbol ? null : own))}
          onChange={(e) => setSymbol(e.target.value)}
        />
        <div className="segmented">
          <button
            type="button"
            className={side === 'buy' ? 'active buy' : ''}
            onClick={() => setSide('buy')}
            data-testid="ticket-buy"
          >
            Buy
          </button>
          <button
            type="button"
            className={side === 'sell' ? 'active sell' : ''}
            onClick={() => setSide('sell')}
            data-testid="ticket-sell"
          >
            Sell
          </button>
        </div>
      </div>
      <div className="ticket-row">
        <select
          aria-label="Order type"
          value={type}
          data-testid="ticket-type"
          onChange={(e) => setType(e.target.value === 'market' ? 'market' : 'limit')}
        >
          <option value="limit">Limit</option>
          <option value="market">Market</option>
        </select>
        <TicketField label="Qty" testId="ticket-qty" value={qty} onChange={setQty} />
        {type === 'limit' && (
          <TicketField label="Limit" testId="ticket-price" value={price} onChange={setPrice} />
        )}
      </div>
      <div className="ticket-row">
        <TicketField
          label="Stop-loss"
          testId="ticket-stop-loss"
          value={stopLoss}
          onChange={setStopLoss}
        />
        <TicketField
          label="Take-profit"
          testId="ticket-take-profit"
          value={takeProfit}
          onChange={setTakeProfit}
        />
      </div>
      <button
        type="submit"
        className={`ticket-submit ${side}`}
        data-testid="ticket-submit"
        disabled={busy || shownSymbol === '' || qty === ''}
      >
        {side === 'buy' ? 'Buy' : 'Sell'} {shownSymbol || '…'} · {mode ?? '?'}
      </button>
      {/* One slot of fixed height for the market's rules or the last refusal: a refusal never
          pushes the Risk panel below (the limit it is usually about) out of the trader's view. */}
      <div className="ticket-status" data-testid="ticket-status">
        {refusal !== null && (
          <p className="tone-bad small" role="alert" data-testid="ticket-refusal">
            {refusal}
          </p>
        )}
        {/* While a refusal shows it has the slot: a market-rule refusal names its limit itself. */}
        {refusal === null && market !== undefined && (
          <p className="muted small ticket-hint" data-testid="ticket-market">
            tick {market.tickSize} · step {market.stepSize} · min {market.minNotional}{' '}
            {market.quote}
          </p>
        )}
        {refusal === null && market === undefined && marketsKnown && shownSymbol.trim() !== '' && (
          <p className="tone-warn small ticket-hint" data-testid="ticket-market">
            {shownSymbol.trim()} is not traded on this book's venue.
          </p>
        )}
      </div>
    </form>
  );
}
