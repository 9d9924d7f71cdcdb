import { describe, expect, it } from 'vitest';
import type { TradePlan } from '../../../../src-shared/contract/plans';
import { PlanStore } from '../../../../src-main/engine/plans/plan-store';
import { StopManager } from '../../../../src-main/engine/plans/stop-manager';
import { at, feedBtcMinute, loadCandles, makeRig } from '../../../support/execution-fixture';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');

/** A sent plan trailing its stop by one ATR on BTC/USDT 1m (only the fields the manager reads matter). */
function trailingPlan(entry: number, stop: string, target: string, atr: number): TradePlan {
  return {
    planId: 'P1',
    createdAt: 0,
    bookId: 'paper',
    exchange: 'binance',
    symbol: 'BTC/USDT',
    timeframe: '1m',
    signal: { at: 0, tier: 'WATCH', probability: 0.6, calibrated: false, evBps: 10 },
    side: 'buy',
    entryType: 'market',
    entry: entry.toFixed(2),
    stop,
    targets: [{ price: target, qty: '1' }],
    qty: '1',
    risk: '1',
    riskPct: 0.5,
    rewardRisk: 1,
    ev: '0.1',
    heatAfterPct: 0.5,
    sizing: {
      confidenceRiskPct: 0.5,
      kellyPct: null,
      riskPct: 0.5,
      lossPerUnit: 1,
      costPerUnit: 0,
      slippageBps: 0,
      rawQty: 1,
    },
    management: { breakEven: false, trailAtr: 1, atr },
    verdicts: [],
    refusal: null,
    refusalRule: null,
  };
}

describe('the stop manager on an entry that filled in parts', () => {
  it('moves every part’s stop at once: the parts’ pairs become one pair for what they cover, kept with the plan', async () => {
    // A market entry over the paper venue's 10%-of-the-bar cap fills over three real bars, so
    // its exits come in three pairs (one per part).
    const i = 10;
    const rig = makeRig({ start: at(BTC, i).openTime, startingBalance: '1000000' });
    feedBtcMinute(rig, at(BTC, i));
    const caps = [1, 2, 3].map((k) => Math.floor(at(BTC, i + k).volume * 0.1 * 1e5));
    const qtyUnits = at(caps, 0) + at(caps, 1) + Math.floor(at(caps, 2) / 2);
    const last = at(BTC, i).close;
    const stop = (last * 0.9).toFixed(2);
    const target = (last * 1.1).toFixed(2);
    const entry = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: (qtyUnits / 1e5).toFixed(5),
        bracket: { stopLoss: stop, takeProfit: target },
      },
      't',
    );
    const plans = new PlanStore(rig.store.db);
    plans.insert(trailingPlan(last, stop, target, last * 0.02), 'manual', 'sent');
    plans.linkEntry('P1', entry.clientOrderId, 1);
    for (const k of [1, 2, 3]) feedBtcMinute(rig, at(BTC, i + k));
    await rig.executor.idle();
    const working = (): Array<{ role: string | null; qty: string; stop: string | null }> =>
      rig.executor
        .list(true)
        .filter((o) => o.parentClientOrderId === entry.clientOrderId)
        .map((o) => ({ role: o.bracketRole, qty: o.qty, stop: o.stopPrice }));
    expect(working().filter((o) => o.role === 'stop-loss')).toHaveLength(3);

    const errors: unknown[] = [];
    const manager = new StopManager({
      store: plans,
      executorFor: () => rig.executor,
      executors: () => [rig.executor],
      markets: () => rig.broker.markets(),
      audit: rig.audit,
      now: () => rig.clock.now(),
      onError: (e) => errors.push(e),
    });
    const bar = at(BTC, i + 3);
    manager.onEvent({
      kind: 'barClosed',
      payload: {
        exchange: 'binance',
        symbol: 'BTC/USDT',
        timeframe: '1m',
        candle: bar,
        complete: true,
        gapBefore: 0,
        source: 'replay',
      },
    });
    await manager.idle();
    await rig.executor.idle();
    // One pair now, for the whole position, at the trailed stop (the close less one ATR, on the
    // tick grid, rounded away from the price).
    const filled = rig.executor.view(entry.clientOrderId).filledQty;
    const trailed = (Math.floor((bar.close - last * 0.02) * 100) / 100).toFixed(2);
    expect(working()).toEqual([
      { role: 'take-profit', qty: filled, stop: null },
      { role: 'stop-loss', qty: filled, stop: trailed },
    ]);
    const moves = plans.stopMoves('P1');
    expect(moves).toEqual([
      {
        at: rig.clock.now(),
        entry: entry.clientOrderId,
        from: stop,
        to: trailed,
        why: `trail 1 x ATR from close ${bar.close}`,
      },
    ]);
    const audited = rig.store.db
      .prepare("SELECT payload FROM audit_log WHERE kind = 'plan.stop_moved'")
      .all() as Array<{ payload: string }>;
    expect(audited).toHaveLength(1);
    expect(
      (JSON.parse(audited[0]?.payload ?? '{}') as { replaced: string[] }).replaced,
    ).toHaveLength(6);
    expect(errors).toEqual([]);
  });
});
