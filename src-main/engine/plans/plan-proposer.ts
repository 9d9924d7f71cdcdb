import { InvalidInputError, RefusedError } from '../../../src-shared/contract/command-refusal';
import type { RiskUsage } from '../../../src-shared/contract/risk';
import type { PlanRequest, RuleReport, TradePlan } from '../../../src-shared/contract/plans';
import type { ScannerSignal, SignalRow } from '../../../src-shared/contract/scanner';
import type { BookId, OrderRequest } from '../../../src-shared/domain/order';
import type { RiskConfig } from '../../../src-shared/domain/risk-config';
import type { MarketSpec } from '../execution/broker';
import type { OrderEvaluator } from '../risk/risk-order-gate';
import type { BookSnapshot } from '../risk/risk-guard';
import { sizePlan, type PlanSizing } from './plan-sizing';

/** What proposing a plan reads: the board, the venue's markets, the book and the gate. */
export interface PlanProposerDeps {
  readonly bookId: () => BookId;
  readonly markets: () => readonly MarketSpec[];
  readonly signals: () => readonly SignalRow[];
  readonly explain: (row: SignalRow) => Promise<ScannerSignal>;
  readonly book: () => BookSnapshot;
  readonly usage: (book: BookSnapshot) => RiskUsage;
  readonly evaluate: OrderEvaluator;
  readonly mark: (symbol: string) => number | null;
  readonly rate: (quote: string) => number | null;
  readonly config: () => RiskConfig;
  readonly now: () => number;
}

/** The signal a plan is made from: the market's best-graded row, narrowed as asked. */
function pickSignal(rows: readonly SignalRow[], request: PlanRequest): SignalRow {
  const match = rows.filter(
    (r) =>
      r.symbol === request.symbol &&
      (request.timeframe === undefined || r.timeframe === request.timeframe) &&
      (request.exchange === undefined || r.exchange === request.exchange),
  );
  const first = match[0];
  const where = [request.symbol, request.timeframe, request.exchange].filter(Boolean).join(' ');
  if (first === undefined)
    throw new RefusedError(`no plan for ${where}: the scanner has no signal for it yet`);
  return first;
}

function decimalField(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * Proposes a trade plan: the signal's direction and ATR levels (or the trader's own entry,
 * stop and targets), sized by `sizePlan`, and judged by the risk gate's dry run — every rule's
 * own verdict, never a copy of the rules. Nothing is sent or recorded here.
 */
export async function proposePlan(
  deps: PlanProposerDeps,
  request: PlanRequest,
  planId: string,
  actor: string,
): Promise<TradePlan> {
  const row = pickSignal(deps.signals(), request);
  const signal = await deps.explain(row);
  const label = `${signal.symbol} ${signal.timeframe}`;
  if (
    signal.tier === 'FAILED' ||
    signal.levels === null ||
    signal.probability === null ||
    signal.evBps === null
  )
    throw new RefusedError(`no plan for ${label}: its signal is ${signal.tier} (${signal.reason})`);
  const direction = signal.direction === 'long' ? 'buy' : 'sell';
  if (request.side !== undefined && request.side !== direction)
    throw new InvalidInputError('plan', [
      {
        path: 'side',
        message: `${request.side} is against the ${label} signal (${signal.direction}); a plan is sized on the signal's edge`,
      },
    ]);
  const market = deps.markets().find((m) => m.symbol === signal.symbol);
  if (market === undefined)
    throw new RefusedError(`no plan for ${label}: book ${deps.bookId()} does not trade it`);
  const spread = signal.gates.find((g) => g.gate === 'spread');
  const impact = signal.gates.find((g) => g.gate === 'impact');
  if (spread === undefined || impact === undefined)
    throw new RefusedError(`no plan for ${label}: the signal has no spread and impact estimate`);
  const entry = entryPrice(deps, request, signal.symbol);
  const dir = direction === 'buy' ? 1 : -1;
  // The scanner's barrier distance (targetAtr x ATR), anchored at this plan's entry.
  const distance = signal.levels.atrMultiple * signal.levels.atr;
  const stop = decimalField(request.stopPrice) ?? entry - dir * distance;
  const targets = request.targets?.map(Number) ?? [entry + dir * distance];
  const rate = deps.rate(market.quote);
  if (rate === null || rate <= 0)
    throw new RefusedError(`no plan for ${label}: no ${market.quote} rate to value it`);
  const book = deps.book();
  let sizing: PlanSizing;
  try {
    sizing = sizePlan({
      side: direction,
      entryType: request.entryType,
      entry,
      stop,
      targets,
      probability: signal.probability,
      calibrated: signal.calibrated,
      slippageBps: spread.value / 2 + impact.value,
      market,
      equityQuote: book.equity / rate,
      config: deps.config(),
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const path = error.message.startsWith('stop') ? 'stopPrice' : 'targets';
    throw new InvalidInputError('plan', [{ path, message: error.message }]);
  }
  const order: OrderRequest = {
    symbol: signal.symbol,
    side: direction,
    type: request.entryType,
    qty: sizing.qty,
    ...(request.entryType === 'limit' ? { price: sizing.entry } : {}),
    timeInForce: 'GTC',
    reduceOnly: false,
    bracket: { stopLoss: sizing.stop, takeProfit: sizing.legs[0]?.price ?? sizing.entry },
  };
  const verdicts = deps.evaluate(order, {
    bookId: deps.bookId(),
    actor,
    bracketRole: null,
    resumed: false,
  });
  const failed = verdicts.find((v) => !v.ok);
  // A plan opens a trade with its own stop: against a position it would only reduce it, and
  // its bracket would then protect a position that is not there.
  const held = book.positions
    .filter((p) => p.symbol === signal.symbol)
    .reduce((sum, p) => sum + p.qty, 0);
  const opposite =
    held * dir < 0
      ? `the book holds a ${held > 0 ? 'long' : 'short'} ${signal.symbol} position; close it before planning a ${direction}`
      : null;
  const equity = book.equity;
  const toPct = (quote: number): number => (equity > 0 ? ((quote * rate) / equity) * 100 : 0);
  const stopRisk = Number(sizing.qty) * Math.abs(Number(sizing.entry) - Number(sizing.stop));
  return {
    planId,
    createdAt: deps.now(),
    bookId: deps.bookId(),
    exchange: signal.exchange,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    signal: {
      at: signal.at,
      tier: signal.tier,
      probability: signal.probability,
      calibrated: signal.calibrated,
      evBps: signal.evBps,
    },
    side: direction,
    entryType: request.entryType,
    entry: sizing.entry,
    stop: sizing.stop,
    targets: sizing.legs.map((l) => ({ price: l.price, qty: l.qty })),
    qty: sizing.qty,
    risk: sizing.risk.toFixed(8),
    riskPct: toPct(sizing.risk),
    rewardRisk: sizing.rewardRisk,
    ev: sizing.ev === null ? null : sizing.ev.toFixed(8),
    heatAfterPct: deps.usage(book).heatPct + toPct(stopRisk),
    sizing: {
      confidenceRiskPct: sizing.confidenceRiskPct,
      kellyPct: sizing.kellyPct,
      riskPct: sizing.riskPct,
      lossPerUnit: sizing.lossPerUnit,
      costPerUnit: sizing.costPerUnit,
      slippageBps: spread.value / 2 + impact.value,
      rawQty: sizing.rawQty,
    },
    management: {
      breakEven: request.management?.breakEven ?? false,
      trailAtr: request.management?.trailAtr ?? null,
      atr: signal.levels.atr,
    },
    verdicts,
    ...refusalOf(opposite, sizing, failed),
  };
}

function entryPrice(deps: PlanProposerDeps, request: PlanRequest, symbol: string): number {
  if (request.entryType === 'limit') {
    if (request.entryPrice === undefined)
      throw new InvalidInputError('plan', [
        { path: 'entryPrice', message: 'a limit entry needs its price' },
      ]);
    return Number(request.entryPrice);
  }
  if (request.entryPrice !== undefined)
    throw new InvalidInputError('plan', [
      { path: 'entryPrice', message: 'a market entry takes no price; use entryType limit' },
    ]);
  const mark = deps.mark(symbol);
  if (mark === null)
    throw new RefusedError(`no plan for ${symbol}: no mark price yet to value a market entry`);
  return mark;
}

/**
 * Why the plan cannot be sent, first cause first (an opposite position, then the size, then the
 * gate), in words and as a stable rule name that counts of refusals can be grouped by.
 */
function refusalOf(
  opposite: string | null,
  sizing: Pick<PlanSizing, 'refusal' | 'refusalRule'>,
  failed: RuleReport | undefined,
): Pick<TradePlan, 'refusal' | 'refusalRule'> {
  if (opposite !== null) return { refusal: opposite, refusalRule: 'opposite-position' };
  if (sizing.refusal !== null) return { refusal: sizing.refusal, refusalRule: sizing.refusalRule };
  if (failed !== undefined)
    return {
      refusal: `${failed.rule}: ${failed.reason ?? ''}`,
      refusalRule: `risk:${failed.rule}`,
    };
  return { refusal: null, refusalRule: null };
}
