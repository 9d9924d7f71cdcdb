import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanStore } from '../../../../src-main/engine/plans/plan-store';
import { VIGIL_MIGRATIONS, openVigilStore } from '../../../../src-main/engine/schema';
import { openStore } from '../../../../src-main/engine/store/open-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A plan as Vigil stored it before `refusalRule` existed (the fields as they were then). */
function storedBefore(planId: string, refusal: string | null): Record<string, unknown> {
  return {
    planId,
    createdAt: 0,
    bookId: 'paper',
    exchange: 'binance',
    symbol: 'BTC/USDT',
    timeframe: '1h',
    signal: { at: 0, tier: 'PRIME', probability: 0.7, calibrated: true, evBps: 12 },
    side: 'buy',
    entryType: 'market',
    entry: '9163',
    stop: '9000',
    targets: [{ price: '9400', qty: '0.001' }],
    qty: '0.001',
    risk: '0.2',
    riskPct: 0.02,
    rewardRisk: 1.4,
    ev: null,
    heatAfterPct: 0.02,
    sizing: {
      confidenceRiskPct: 0.5,
      kellyPct: null,
      riskPct: 0.5,
      lossPerUnit: 170,
      costPerUnit: 18,
      slippageBps: 1,
      rawQty: 0.001,
    },
    management: { breakEven: false, trailAtr: null, atr: 120 },
    verdicts: [],
    refusal,
  };
}

describe('plans-003: the refusal rule on plans stored before it was kept', () => {
  it('reads an older refused plan as "unrecorded" and an older sendable one as null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-plan-migration-'));
    dirs.push(dir);
    const path = join(dir, 'vigil.db');
    const older = openStore(
      path,
      VIGIL_MIGRATIONS.filter((m) => m.id !== 'plans-003-refusal-rule'),
    );
    const insert = older.db.prepare(
      `INSERT INTO trade_plans (plan_id, book_id, symbol, source, status, created_at, plan)
       VALUES (?, 'paper', 'BTC/USDT', 'autopilot', 'proposed', 0, ?)`,
    );
    insert.run('P1', JSON.stringify(storedBefore('P1', 'below the minimum notional')));
    insert.run('P2', JSON.stringify(storedBefore('P2', null)));
    older.close();

    const store = openVigilStore(path);
    try {
      const plans = new PlanStore(store.db);
      expect(plans.get('P1')?.plan).toMatchObject({
        refusal: 'below the minimum notional',
        refusalRule: 'unrecorded',
      });
      expect(plans.get('P2')?.plan).toMatchObject({ refusal: null, refusalRule: null });
    } finally {
      store.close();
    }
  });
});
