import { useState, type ReactElement } from 'react';
import { JournalTagSchema } from '../../../src-shared/contract/journal';
import { useBookStore } from '../../state/book-store';
import { useJournalStore, type JournalFilterInput } from '../../state/journal-store';

const TIERS = ['PRIME', 'WATCH', 'IGNORE', 'FAILED', 'NONE'] as const;
const OUTCOMES = [
  ['all', 'Winners and losers'],
  ['winners', 'Winners'],
  ['losers', 'Losers'],
] as const;

/** The journal's filters: market, close days, tier at entry, tag, winners or losers. */
export function JournalFilters(): ReactElement {
  const filter = useJournalStore((s) => s.filter);
  const setFilter = useJournalStore((s) => s.setFilter);
  const clear = useJournalStore((s) => s.clearFilter);
  const symbols = Object.keys(useBookStore((s) => s.markets)).sort();
  const [tagText, setTagText] = useState(filter.tag ?? '');
  const [tagError, setTagError] = useState<string | null>(null);
  const applyTag = (text: string): void => {
    setTagText(text);
    if (text === '') {
      setTagError(null);
      setFilter({ tag: undefined });
      return;
    }
    const parsed = JournalTagSchema.safeParse(text);
    setTagError(parsed.success ? null : `Tag: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (parsed.success) setFilter({ tag: parsed.data });
  };
  const choose = <K extends keyof JournalFilterInput>(key: K, value: string): void =>
    setFilter({ [key]: value === '' ? undefined : value } as JournalFilterInput);
  return (
    <form
      className="journal-filters"
      aria-label="Journal filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        Market
        <select
          value={filter.symbol ?? ''}
          onChange={(e) => choose('symbol', e.target.value)}
          data-testid="journal-filter-symbol"
        >
          <option value="">All</option>
          {symbols.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Closed from
        <input
          type="date"
          value={filter.from ?? ''}
          onChange={(e) => choose('from', e.target.value)}
          data-testid="journal-filter-from"
        />
      </label>
      <label>
        to
        <input
          type="date"
          value={filter.to ?? ''}
          onChange={(e) => choose('to', e.target.value)}
          data-testid="journal-filter-to"
        />
      </label>
      <label>
        Tier at entry
        <select
          value={filter.tier ?? ''}
          onChange={(e) => choose('tier', e.target.value)}
          data-testid="journal-filter-tier"
        >
          <option value="">Any</option>
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {t === 'NONE' ? 'No signal' : t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <input
          value={tagText}
          onChange={(e) => applyTag(e.target.value.trim())}
          placeholder="any"
          size={10}
          aria-invalid={tagError !== null}
          data-testid="journal-filter-tag"
        />
      </label>
      <label>
        Result
        <select
          value={filter.outcome ?? 'all'}
          onChange={(e) => choose('outcome', e.target.value === 'all' ? '' : e.target.value)}
          data-testid="journal-filter-outcome"
        >
          {OUTCOMES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => {
          setTagText('');
          setTagError(null);
          clear();
        }}
        disabled={Object.keys(filter).length === 0}
      >
        Clear filters
      </button>
      {tagError !== null && (
        <p className="tone-bad small" role="alert">
          {tagError}
        </p>
      )}
    </form>
  );
}
