import { useState, type ReactElement } from 'react';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';

/** Type to find a scanned symbol; Enter selects the first match. */
export function SymbolSearch(): ReactElement | null {
  const open = useUiStore((s) => s.searchOpen);
  const setOpen = useUiStore((s) => s.setSearchOpen);
  const select = useUiStore((s) => s.selectSymbol);
  const bySymbol = useSignalStore((s) => s.bySymbol);
  const [text, setText] = useState('');
  if (!open) return null;
  const symbols = Object.keys(bySymbol);
  const matches = symbols.filter((s) => s.toUpperCase().includes(text.trim().toUpperCase())).sort().slice(0, 12);
  const choose = (symbol: string): void => {
    select(symbol);
    setOpen(false);
    setText('');
  };
  return (
    <div className="overlay" role="dialog" aria-label="Symbol search" onClick={() => setOpen(false)}>
      <div className="overlay-card search-card" onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          data-testid="symbol-search"
          placeholder="Symbol…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            const first = matches[0];
            if (e.key === 'Enter' && first !== undefined) choose(first);
          }}
        />
        {symbols.length === 0 ? (
          <p className="empty">No scanned symbols yet.</p>
        ) : (
          <ul className="search-results">
            {matches.map((s) => (
              <li key={s}>
                <button type="button" onClick={() => choose(s)}>
                  {s}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
