import { TIER_ORDER, type SignalView } from './signal-view';

/** Board order: tier (PRIME first), then probability high to low, then symbol for stability. */
export function sortSignals(signals: readonly SignalView[]): SignalView[] {
  return [...signals].sort((a, b) => {
    const tier = TIER_ORDER[a.tier] - TIER_ORDER[b.tier];
    if (tier !== 0) return tier;
    const pa = a.probability ?? -1;
    const pb = b.probability ?? -1;
    if (pa !== pb) return pb - pa;
    return a.key.localeCompare(b.key);
  });
}

/** Case-insensitive filter on symbol or tier name; empty text keeps everything. */
export function filterSignals(signals: readonly SignalView[], text: string): SignalView[] {
  const needle = text.trim().toUpperCase();
  if (needle === '') return [...signals];
  return signals.filter((s) => s.symbol.toUpperCase().includes(needle) || s.tier === needle);
}

/** The row `step` rows away from the row keyed `current` in board order, wrapping. */
export function neighbourSignal(
  ordered: readonly SignalView[],
  current: string | null,
  step: 1 | -1,
): SignalView | null {
  if (ordered.length === 0) return null;
  const index = ordered.findIndex((s) => s.key === current);
  if (index === -1) return (step === 1 ? ordered[0] : ordered[ordered.length - 1]) ?? null;
  return ordered[(index + step + ordered.length) % ordered.length] ?? null;
}
