import { useState, type ReactElement } from 'react';
import { useMarketStore } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { instrumentsOf } from '../../view/instruments';

/** Type to find a symbol the feed serves; Enter selects the first match. */
export function SymbolSearch(): ReactElement | null {
  const open = useUiStore((s) => s.searchOpen);
  const setOpen = useUiStore((s) => s.setSearchOpen);
  const select = useUiStore((s) => s.selectSymbol);
  const series = useMarketStore((s) => s.series);
  const [text, setText] = useState('');
  if (!open) return null;
  const instruments = instrumentsOf(series);
  const needle = text.trim().toUpperCase();
  const matches = instruments.filter((i) => i.symbol.toUpperCase().includes(needle)).slice(0, 12);
  const choose = (symbol: string): void => {
    select(symbol);
    setOpen(false);
    setText('');
  };
  return (
    <div
      className="overlay"
      role="dialog"
      aria-label="Symbol search"
      onClick={() => setOpen(false)}
    >
      <div className="overlay-card search-card" onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          data-testid="symbol-search"
          placeholder="Symbol…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            const first = matches[0];
            if (e.key === 'Enter' && first !== undefined) choose(first.id);
          }}
        />
        {instruments.length === 0 ? (
          <p className="empty">The feed serves no symbols yet.</p>
        ) : (
          <ul className="search-results">
            {matches.map((i) => (
              <li key={i.id}>
                <button type="button" data-testid="search-result" onClick={() => choose(i.id)}>
                  {i.symbol} <span className="muted small">{i.exchange}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
