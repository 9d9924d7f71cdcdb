import {
  decimalPlaces,
  divRound,
  parseScaled,
  pow10,
  rescale,
} from '../../../../src-shared/domain/decimal';
import { MONEY_SCALE, moneyOf, moneyText } from '../../ledger/money';
import type { MarketSpec } from '../broker';
import type { MarketRules } from '../market-rules';
import type { PaperOrderRow, PaperVenueStore } from './paper-venue-store';

/** A market's kind: spot unless the venue says otherwise. */
export function kindOf(spec: MarketSpec): 'spot' | 'perpetual' {
  return spec.kind ?? 'spot';
}

/**
 * The paper account's balances, per asset, as a real exchange keeps them. All amounts are
 * integers at the ledger's money scale.
 *
 * - A spot fill moves the base asset and the quote asset (buy 1 ETH/BTC: ETH +1, BTC -price),
 *   the fee leaves the quote. A perpetual fill moves only the quote (its settlement asset): the
 *   position itself is the exposure.
 * - Open orders lock what they would spend: a spot sell its base quantity (the legs of one
 *   one-cancels-other group lock it once), a spot buy its quote cost plus fee, a perpetual or
 *   margin order that adds exposure its notional plus fee.
 * - A short (perpetual, or a spot pair on margin) keeps its sale proceeds in the quote but may
 *   not spend them, and posts its notional again as collateral: 1x, as for the paper venue's
 *   longs.
 */
export class PaperBalances {
  constructor(
    private readonly store: PaperVenueStore,
    private readonly rules: ReadonlyMap<string, MarketRules>,
  ) {}

  balance(asset: string): bigint {
    const row = this.store.s.balance.get(this.store.accountId, asset) as
      { cash: string } | undefined;
    return row === undefined ? 0n : moneyOf(row.cash, `paper ${asset} balance`);
  }

  add(asset: string, delta: bigint): void {
    this.store.s.setBalance.run(
      this.store.accountId,
      asset,
      moneyText(this.balance(asset) + delta),
    );
  }

  /** Every asset with a balance row, in asset order. */
  all(): Array<{ asset: string; total: bigint }> {
    const rows = this.store.s.balances.all(this.store.accountId) as Array<{
      asset: string;
      cash: string;
    }>;
    return rows.map((r) => ({ asset: r.asset, total: moneyOf(r.cash, `paper ${r.asset}`) }));
  }

  /** What the account can spend of `asset` now: total minus locks and short collateral. */
  free(asset: string): bigint {
    return this.balance(asset) - this.locked(asset) - this.shortCollateral(asset);
  }

  /** Quote value of `qty` units at `price` plus the fee, rounded up, in money units. */
  cost(rules: MarketRules, price: bigint, qty: bigint, fee: string): bigint {
    const notional = rescale(price * qty, rules.priceScale + rules.qtyScale, MONEY_SCALE);
    const places = decimalPlaces(fee);
    const rate = parseScaled(fee, places, 'fee rate');
    return notional + divRound(notional * rate, pow10(places), 'ceil', 'fee');
  }

  /** A base quantity in money units (balances of base assets are kept at the money scale). */
  qtyMoney(rules: MarketRules, qty: bigint): bigint {
    return rescale(qty, rules.qtyScale, MONEY_SCALE);
  }

  /** The base quantity an open one-cancels-other group already locks in `asset`. */
  groupLock(group: string, asset: string): bigint {
    let lock = 0n;
    for (const row of this.store.open()) {
      const rules = this.rules.get(row.symbol);
      if (row.oco_group !== group || rules === undefined || rules.spec.base !== asset) continue;
      if (kindOf(rules.spec) !== 'spot' || row.side !== 'sell') continue;
      const remaining =
        parseScaled(row.qty, rules.qtyScale, 'qty') -
        parseScaled(row.filled_qty, rules.qtyScale, 'filled');
      lock = max(lock, this.qtyMoney(rules, remaining));
    }
    return lock;
  }

  private locked(asset: string): bigint {
    let total = 0n;
    const groupLocks = new Map<string, bigint>();
    for (const row of this.store.open()) {
      const rules = this.rules.get(row.symbol);
      if (rules === undefined) continue;
      const remaining =
        parseScaled(row.qty, rules.qtyScale, 'qty') -
        parseScaled(row.filled_qty, rules.qtyScale, 'filled');
      if (remaining <= 0n) continue;
      const spec = rules.spec;
      if (kindOf(spec) === 'spot' && row.side === 'sell' && spec.base === asset) {
        const lock = this.qtyMoney(rules, remaining);
        if (row.oco_group === null) total += lock;
        else groupLocks.set(row.oco_group, max(groupLocks.get(row.oco_group) ?? 0n, lock));
        continue;
      }
      if (spec.quote !== asset) continue;
      if (kindOf(spec) === 'perpetual' && row.reduce_only === 1) continue;
      if (kindOf(spec) === 'spot' && row.side === 'sell') continue;
      const ref = this.referencePrice(row, rules);
      if (ref === null) continue;
      const fee = row.type === 'limit' ? spec.makerFee : spec.takerFee;
      total += this.cost(rules, ref, remaining, fee);
    }
    for (const lock of groupLocks.values()) total += lock;
    return total;
  }

  /** Twice the value of every short quoted in `asset`: the proceeds held back plus 1x collateral. */
  private shortCollateral(asset: string): bigint {
    let total = 0n;
    for (const [symbol, rules] of this.rules) {
      if (rules.spec.quote !== asset) continue;
      const row = this.store.s.position.get(this.store.accountId, symbol) as
        { qty: string } | undefined;
      const qty = row === undefined ? 0n : parseScaled(row.qty, rules.qtyScale, 'position');
      if (qty >= 0n) continue;
      const last = this.lastPrice(symbol, rules);
      if (last === null) continue;
      total += 2n * rescale(-qty * last, rules.priceScale + rules.qtyScale, MONEY_SCALE);
    }
    return total;
  }

  private referencePrice(row: PaperOrderRow, rules: MarketRules): bigint | null {
    const text = row.price ?? row.stop_price;
    if (text !== null) return parseScaled(text, rules.priceScale, 'order price');
    return this.lastPrice(row.symbol, rules);
  }

  private lastPrice(symbol: string, rules: MarketRules): bigint | null {
    const bar = this.store.s.bar.get(this.store.accountId, symbol) as
      { last_price: string } | undefined;
    return bar === undefined ? null : parseScaled(bar.last_price, rules.priceScale, 'last price');
  }
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
