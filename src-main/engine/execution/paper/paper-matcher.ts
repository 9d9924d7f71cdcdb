import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../src-shared/domain/candle';
import {
  decimalPlaces,
  formatScaled,
  parseScaled,
  pow10,
  rescale,
  scaledFromNumber,
} from '../../../../src-shared/domain/decimal';
import type { Liquidity } from '../../../../src-shared/domain/order';
import { MONEY_SCALE } from '../../ledger/money';
import type { BrokerEvent } from '../broker';
import type { MarketRules } from '../market-rules';
import { kindOf, type PaperBalances } from './paper-balances';
import {
  limitTradedThrough,
  stopReference,
  stopTriggered,
  takerPrice,
  takerSlippageFraction,
  type FillModelConfig,
  type PaperQuote,
} from './fill-model';
import {
  toVenueFill,
  toVenueOrder,
  type PaperOrderRow,
  type PaperVenueStore,
} from './paper-venue-store';

interface Bar {
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: bigint;
  readonly high: bigint;
  readonly low: bigint;
  readonly close: bigint;
  /** Bar volume in quantity units (for the impact model, as a float). */
  readonly volume: number;
}

/**
 * Matches resting paper orders against one closed bar, in the documented conservative order
 * (stops, then market orders, then limits), within the bar's participation cap.
 */
export class PaperMatcher {
  constructor(
    private readonly store: PaperVenueStore,
    private readonly rules: ReadonlyMap<string, MarketRules>,
    private readonly model: FillModelConfig,
    private readonly balances: PaperBalances,
    private readonly feeDecimals: number,
  ) {}

  processBar(symbol: string, candle: Candle, timeframe: Timeframe): BrokerEvent[] {
    const rules = this.rules.get(symbol);
    if (rules === undefined) throw new Error(`paper venue: no market ${symbol}`);
    const last = this.store.s.bar.get(this.store.accountId, symbol) as
      { open_time: number } | undefined;
    if (last !== undefined && candle.openTime <= last.open_time) return [];
    const where = `bar ${symbol} ${candle.openTime}`;
    const px = (v: number, name: string): bigint =>
      scaledFromNumber(v, rules.priceScale, 'nearest', `${where} ${name}`);
    if (!Number.isFinite(candle.volume) || candle.volume < 0)
      throw new Error(`${where}: bad volume ${candle.volume}`);
    const bar: Bar = {
      openTime: candle.openTime,
      // Fills are stamped at the bar's close: that is when the venue has seen the whole bar.
      closeTime: candle.openTime + TIMEFRAME_MS[timeframe],
      open: px(candle.open, 'open'),
      high: px(candle.high, 'high'),
      low: px(candle.low, 'low'),
      close: px(candle.close, 'close'),
      volume: candle.volume,
    };
    let capacity = rules.floorToStep(
      scaledFromNumber(
        candle.volume * this.model.maxBarParticipation,
        rules.qtyScale,
        'floor',
        `${where} volume`,
      ),
    );
    const events: BrokerEvent[] = [];
    const eligible = this.store.open(symbol).filter((o) => o.accepted_at <= candle.openTime);
    const fill = (
      row: PaperOrderRow,
      qty: bigint,
      price: bigint,
      liquidity: Liquidity,
    ): PaperOrderRow => {
      const res = this.fill(rules, row, qty, price, liquidity, bar.closeTime, events);
      capacity -= res.filled;
      return res.row;
    };
    const live = (row: PaperOrderRow): boolean => {
      const now = this.store.order(row.client_order_id);
      return now !== undefined && (now.status === 'OPEN' || now.status === 'PARTIALLY_FILLED');
    };
    const remainingOf = (row: PaperOrderRow): bigint =>
      parseScaled(row.qty, rules.qtyScale, 'qty') -
      parseScaled(row.filled_qty, rules.qtyScale, 'filled');

    // 1. Stops: trigger on the bar's range; stop-markets fill now, stop-limits rest as limits.
    for (const row of eligible) {
      if (
        !live(row) ||
        row.triggered === 1 ||
        (row.type !== 'stop-market' && row.type !== 'stop-limit')
      )
        continue;
      const stop = parseScaled(row.stop_price ?? '', rules.priceScale, 'stop');
      if (!stopTriggered(row.side, stop, bar.low, bar.high)) continue;
      const current: PaperOrderRow = { ...this.store.require(row.client_order_id), triggered: 1 };
      this.store.saveOrder(current);
      if (row.type === 'stop-market') {
        const qty = this.takeable(rules, current, remainingOf(current), capacity);
        if (qty > 0n) {
          const fraction = takerSlippageFraction(
            this.model,
            Number(qty) / Number(pow10(rules.qtyScale)),
            bar.volume,
          );
          fill(
            current,
            qty,
            takerPrice(rules, row.side, stopReference(row.side, stop, bar.open), fraction),
            'taker',
          );
        }
      }
    }
    // 2. Market orders (and stop-markets triggered in an earlier bar): the open, plus costs.
    for (const row of eligible) {
      const isMarket =
        row.type === 'market' ||
        (row.type === 'stop-market' && row.triggered === 1 && row.seen_bar === 1);
      if (!live(row) || !isMarket) continue;
      const current = this.store.require(row.client_order_id);
      const qty = this.takeable(rules, current, remainingOf(current), capacity);
      if (qty <= 0n) continue;
      const fraction = takerSlippageFraction(
        this.model,
        Number(qty) / Number(pow10(rules.qtyScale)),
        bar.volume,
      );
      fill(current, qty, takerPrice(rules, row.side, bar.open, fraction), 'taker');
    }
    // 3. Limits (and stop-limits triggered in an earlier bar).
    for (const row of eligible) {
      const isLimit =
        row.type === 'limit' ||
        (row.type === 'stop-limit' && row.triggered === 1 && row.seen_bar === 1);
      if (!live(row) || !isLimit) continue;
      const current = this.store.require(row.client_order_id);
      const limit = parseScaled(row.price ?? '', rules.priceScale, 'limit');
      const remaining = remainingOf(current);
      const half = takerPrice(rules, row.side, bar.open, this.model.spreadBps / 2 / 10_000);
      const marketable = row.seen_bar === 0 && (row.side === 'buy' ? half <= limit : half >= limit);
      if (marketable) {
        const qty = this.takeable(rules, current, remaining, capacity);
        if (qty <= 0n) continue;
        const fraction = takerSlippageFraction(
          this.model,
          Number(qty) / Number(pow10(rules.qtyScale)),
          bar.volume,
        );
        const raw = takerPrice(rules, row.side, bar.open, fraction);
        const price = row.side === 'buy' ? (raw < limit ? raw : limit) : raw > limit ? raw : limit;
        fill(current, qty, price, 'taker');
      } else if (limitTradedThrough(row.side, limit, bar.low, bar.high, this.model.touchFills)) {
        const qty = this.takeable(rules, current, remaining, capacity);
        if (qty > 0n) fill(current, qty, limit, 'maker');
      }
    }
    // End of bar: IOC remainders expire; every eligible order has now seen a bar.
    for (const row of eligible) {
      const current = this.store.require(row.client_order_id);
      if (current.status !== 'OPEN' && current.status !== 'PARTIALLY_FILLED') continue;
      const activeThisBar =
        !(row.type === 'stop-market' || row.type === 'stop-limit') || current.triggered === 1;
      const expire = current.time_in_force === 'IOC' && activeThisBar;
      const next: PaperOrderRow = {
        ...current,
        seen_bar: activeThisBar ? 1 : current.seen_bar,
        status: expire ? 'EXPIRED' : current.status,
        reason: expire ? 'IOC: remainder expired' : current.reason,
        updated_at: expire ? bar.closeTime : current.updated_at,
      };
      this.store.saveOrder(next);
      if (expire) events.push({ kind: 'order', order: toVenueOrder(next, rules) });
    }
    this.store.s.upsertBar.run(
      this.store.accountId,
      symbol,
      candle.openTime,
      rules.priceText(bar.close),
      candle.volume,
    );
    return events;
  }

  /**
   * No bar is coming (the replay is paused or over, the feed is down): market orders of
   * `symbol` (and stop-markets already triggered) fill now against the last known price, the
   * last bar's close, plus half spread and impact on the last bar's volume. No participation
   * cap: there is no next bar to leave the rest for. Reduce-only orders are capped at the
   * position; an IOC remainder expires. Nothing fills when the venue has never seen a bar.
   */
  fillAtLastPrice(symbol: string, at: number): BrokerEvent[] {
    const rules = this.rules.get(symbol);
    const last = this.store.s.bar.get(this.store.accountId, symbol) as
      { last_price: string; last_volume: number | null } | undefined;
    if (rules === undefined || last === undefined) return [];
    const close = parseScaled(last.last_price, rules.priceScale, 'last price');
    // A bar stored before volumes were kept: charged as if the order took the whole bar.
    const volume = last.last_volume ?? 0;
    const events: BrokerEvent[] = [];
    for (const row of this.store.open(symbol)) {
      const isMarket = row.type === 'market' || (row.type === 'stop-market' && row.triggered === 1);
      if (!isMarket) continue;
      const remaining =
        parseScaled(row.qty, rules.qtyScale, 'qty') -
        parseScaled(row.filled_qty, rules.qtyScale, 'filled');
      let current = row;
      const qty = this.takeable(rules, row, remaining, remaining);
      if (qty > 0n) {
        const fraction = takerSlippageFraction(
          this.model,
          Number(qty) / Number(pow10(rules.qtyScale)),
          volume,
        );
        const price = takerPrice(rules, row.side, close, fraction);
        current = this.fill(rules, row, qty, price, 'taker', at, events).row;
      }
      if (current.time_in_force === 'IOC' && current.status !== 'FILLED') {
        const expired: PaperOrderRow = {
          ...current,
          status: 'EXPIRED',
          reason: 'IOC: remainder expired',
          updated_at: at,
        };
        this.store.saveOrder(expired);
        events.push({ kind: 'order', order: toVenueOrder(expired, rules) });
      }
    }
    return events;
  }

  /**
   * Fills against the exchange's live best bid/ask: market orders, and limits marketable on
   * arrival, that the venue accepted at or before the quote take the touch (a buy pays the
   * ask, a sell gets the bid), each quote filling at most the size shown there; the rest waits
   * for the next quote or bar. Resting limits and stops stay on the (conservative) bar model.
   */
  processQuote(symbol: string, quote: PaperQuote): BrokerEvent[] {
    const rules = this.rules.get(symbol);
    if (rules === undefined) return [];
    const where = `quote ${symbol} ${quote.at}`;
    const events: BrokerEvent[] = [];
    const touch = { buy: quote.ask, sell: quote.bid } as const;
    const shown = { buy: quote.askSize, sell: quote.bidSize } as const;
    const left = { buy: 0n, sell: 0n };
    for (const side of ['buy', 'sell'] as const) {
      const size = shown[side];
      left[side] =
        size === null
          ? 0n
          : rules.floorToStep(scaledFromNumber(size, rules.qtyScale, 'floor', `${where} size`));
    }
    for (const row of this.store.open(symbol)) {
      if (row.accepted_at > quote.at) continue;
      // A limit that has seen a bar rests on the book: it fills as maker, by the bar model.
      if (row.type === 'limit' && row.seen_bar === 1) continue;
      const side = row.side;
      // Onto the tick grid against the trader: a buy pays up, a sell receives less.
      const price = rules.roundToTick(
        scaledFromNumber(
          touch[side],
          rules.priceScale,
          side === 'buy' ? 'ceil' : 'floor',
          `${where} ${side === 'buy' ? 'ask' : 'bid'}`,
        ),
        side === 'buy' ? 'up' : 'down',
      );
      if (row.type === 'limit') {
        const limit = parseScaled(row.price ?? '', rules.priceScale, 'limit');
        if (side === 'buy' ? price > limit : price < limit) continue;
      } else if (row.type !== 'market') continue;
      const current = this.store.require(row.client_order_id);
      const remaining =
        parseScaled(current.qty, rules.qtyScale, 'qty') -
        parseScaled(current.filled_qty, rules.qtyScale, 'filled');
      const qty = this.takeable(rules, current, remaining, left[side]);
      if (qty <= 0n) continue;
      left[side] -= qty;
      this.fill(rules, current, qty, price, 'taker', quote.at, events);
    }
    return events;
  }

  /** Signed position of a symbol in quantity units. */
  positionUnits(symbol: string, rules: MarketRules): bigint {
    const row = this.store.s.position.get(this.store.accountId, symbol) as
      { qty: string } | undefined;
    return row === undefined ? 0n : parseScaled(row.qty, rules.qtyScale, 'position');
  }

  /** How much of `wanted` may fill now: capped by bar capacity and, for reduce-only, the position. */
  private takeable(
    rules: MarketRules,
    row: PaperOrderRow,
    wanted: bigint,
    capacity: bigint,
  ): bigint {
    let qty = wanted < capacity ? wanted : capacity;
    if (row.reduce_only === 1) {
      const pos = this.positionUnits(row.symbol, rules);
      const room = row.side === 'buy' ? (pos < 0n ? -pos : 0n) : pos > 0n ? pos : 0n;
      if (qty > room) qty = room;
    }
    return qty > 0n ? rules.floorToStep(qty) : 0n;
  }

  private fill(
    rules: MarketRules,
    row: PaperOrderRow,
    qty: bigint,
    price: bigint,
    liquidity: Liquidity,
    at: number,
    events: BrokerEvent[],
  ): { row: PaperOrderRow; filled: bigint } {
    const notional = price * qty; // at priceScale + qtyScale
    const rateText = liquidity === 'maker' ? rules.spec.makerFee : rules.spec.takerFee;
    const places = decimalPlaces(rateText);
    const rate = parseScaled(rateText, places, 'fee rate');
    const scale = rules.priceScale + rules.qtyScale;
    // The fee is rounded UP to the venue's fee precision, as exchanges do.
    const feeUnits = rescale(notional * rate, scale + places, this.feeDecimals, 'ceil');
    const fee = feeUnits;
    const notionalMoney = rescale(notional, scale, MONEY_SCALE);
    const feeMoney = rescale(fee, this.feeDecimals, MONEY_SCALE);
    const { base, quote } = rules.spec;
    // Spot moves both assets; a perpetual settles in its quote, the position is the exposure.
    this.balances.add(quote, (row.side === 'buy' ? -notionalMoney : notionalMoney) - feeMoney);
    if (kindOf(rules.spec) === 'spot') {
      const baseMoney = this.balances.qtyMoney(rules, qty);
      this.balances.add(base, row.side === 'buy' ? baseMoney : -baseMoney);
    }
    const pos = this.positionUnits(row.symbol, rules) + (row.side === 'buy' ? qty : -qty);
    this.store.s.upsertPosition.run(this.store.accountId, row.symbol, rules.qtyText(pos));

    const feeText = formatScaled(fee, this.feeDecimals);
    const inserted = this.store.s.insertFill.run(
      this.store.accountId,
      row.client_order_id,
      row.symbol,
      row.side,
      rules.qtyText(qty),
      rules.priceText(price),
      feeText,
      quote,
      liquidity,
      at,
    );
    const filledQty = parseScaled(row.filled_qty, rules.qtyScale, 'filled') + qty;
    const total = parseScaled(row.qty, rules.qtyScale, 'qty');
    const next: PaperOrderRow = {
      ...row,
      filled_qty: rules.qtyText(filledQty),
      filled_value: (BigInt(row.filled_value) + notional).toString(),
      status: filledQty === total ? 'FILLED' : 'PARTIALLY_FILLED',
      updated_at: at,
    };
    this.store.saveOrder(next);
    events.push({
      kind: 'fill',
      fill: toVenueFill(
        {
          seq: Number(inserted.lastInsertRowid),
          client_order_id: row.client_order_id,
          symbol: row.symbol,
          side: row.side,
          qty: rules.qtyText(qty),
          price: rules.priceText(price),
          fee: feeText,
          fee_asset: quote,
          liquidity,
          at,
        },
        `P${row.seq}`,
      ),
    });
    events.push({ kind: 'order', order: toVenueOrder(next, rules) });
    // One-cancels-other: any execution of one leg cancels the rest of its group.
    if (row.oco_group !== null) {
      const peers = this.store.s.ocoPeers.all(
        this.store.accountId,
        row.oco_group,
        row.seq,
      ) as PaperOrderRow[];
      for (const peer of peers) {
        const canceled: PaperOrderRow = {
          ...peer,
          status: 'CANCELED',
          updated_at: at,
          reason: `OCO: ${row.client_order_id} executed`,
        };
        this.store.saveOrder(canceled);
        events.push({ kind: 'order', order: toVenueOrder(canceled, this.rules.get(peer.symbol)) });
      }
    }
    return { row: next, filled: qty };
  }
}
