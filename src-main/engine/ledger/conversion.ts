/**
 * Values one asset in another through the marks of the markets that link them: BTC in USDT is
 * the BTC/USDT mark; USDT in BTC is its inverse; ETH in USDT through ETH/BTC x BTC/USDT when no
 * ETH/USDT mark exists. The shortest path wins (at most MAX_HOPS markets), ties broken by
 * symbol order, so the same marks always give the same rate. No path, no rate: callers refuse
 * to value (never a guess).
 */

/** A rate as an exact fraction: 1 unit of `from` = num / den units of `to`. */
export interface ExactRate {
  readonly num: bigint;
  readonly den: bigint;
  /** The markets the rate went through, in order (empty for an asset in itself). */
  readonly via: readonly string[];
}

const MAX_HOPS = 3;

interface Edge {
  readonly to: string;
  readonly symbol: string;
  /** true: multiply by the mark (base -> quote); false: divide (quote -> base). */
  readonly forward: boolean;
}

function edges<T>(marks: ReadonlyMap<string, T>): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const symbol of [...marks.keys()].sort()) {
    const slash = symbol.indexOf('/');
    if (slash <= 0) continue;
    const base = symbol.slice(0, slash);
    const quote = symbol.slice(slash + 1);
    graph.set(base, [...(graph.get(base) ?? []), { to: quote, symbol, forward: true }]);
    graph.set(quote, [...(graph.get(quote) ?? []), { to: base, symbol, forward: false }]);
  }
  return graph;
}

/** The markets from `from` to `to`, breadth first; null when there is no path. */
function path<T>(from: string, to: string, marks: ReadonlyMap<string, T>): Edge[] | null {
  if (from === to) return [];
  const graph = edges(marks);
  const seen = new Set([from]);
  let frontier: Array<{ asset: string; path: Edge[] }> = [{ asset: from, path: [] }];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop += 1) {
    const next: typeof frontier = [];
    for (const { asset, path: so } of frontier) {
      for (const edge of graph.get(asset) ?? []) {
        if (seen.has(edge.to)) continue;
        const extended = [...so, edge];
        if (edge.to === to) return extended;
        seen.add(edge.to);
        next.push({ asset: edge.to, path: extended });
      }
    }
    frontier = next;
  }
  return null;
}

/** Exact rate from integer marks at `scale` decimals (the ledger's prices). */
export function exactRate(
  from: string,
  to: string,
  marks: ReadonlyMap<string, bigint>,
  scale: bigint,
): ExactRate | null {
  const route = path(from, to, marks);
  if (route === null) return null;
  let num = 1n;
  let den = 1n;
  for (const edge of route) {
    const mark = marks.get(edge.symbol) as bigint;
    if (mark <= 0n) return null;
    if (edge.forward) {
      num *= mark;
      den *= scale;
    } else {
      num *= scale;
      den *= mark;
    }
  }
  return { num, den, via: route.map((e) => e.symbol) };
}

/** Float rate from float marks (the risk gate's valuation). */
export function floatRate(
  from: string,
  to: string,
  marks: ReadonlyMap<string, number>,
): number | null {
  const route = path(from, to, marks);
  if (route === null) return null;
  let rate = 1;
  for (const edge of route) {
    const mark = marks.get(edge.symbol) as number;
    if (!Number.isFinite(mark) || mark <= 0) return null;
    rate = edge.forward ? rate * mark : rate / mark;
  }
  return rate;
}
