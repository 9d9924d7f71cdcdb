import type { Database } from 'better-sqlite3';
import type { Candle, Timeframe } from '../../../../src-shared/domain/candle';
import { scaledFromNumber } from '../../../../src-shared/domain/decimal';
import type { BookId } from '../../../../src-shared/domain/order';
import type { Clock } from '../../clock';
import type {
  Broker,
  BrokerEvent,
  BrokerListener,
  MarketSpec,
  SubmitRequest,
  VenueBalance,
  VenueFill,
  VenueOrder,
  VenuePosition,
} from '../broker';
import {
  BrokerDuplicateIdError,
  BrokerUnknownOrderError,
  VenueRejectError,
} from '../broker-errors';
import { MarketRules, type ExchangeReject } from '../market-rules';
import {
  DEFAULT_FILL_MODEL,
  validateFillModel,
  type FillModelConfig,
  type PaperQuote,
} from './fill-model';
import { PaperBalances } from './paper-balances';
import { checkOrder } from './paper-order-checks';
import { DUPLICATE_ORDER } from './paper-refusals';
import { PaperAccount, type PaperAccountReset } from './paper-account';
import {
  acceptOrder,
  cancelAllOpenOrders,
  cancelOpenOrder,
  type PaperOrderEntryDeps,
} from './paper-order-entry';

export type { PaperQuote } from './fill-model';
import { PaperMatcher } from './paper-matcher';
import { DEFAULT_PAPER_MARKETS } from './paper-markets';
import { PaperVenueStore, toVenueOrder } from './paper-venue-store';

export interface PaperBrokerOptions {
  readonly db: Database;
  readonly clock: Clock;
  /** Venue account id; one paper account per data folder by default. */
  readonly accountId?: string;
  /** The account's own currency: its starting cash, and what the ledger values it in. */
  readonly quoteAsset?: string;
  /** Starting cash in the quote asset for a new account. Default '10000'. */
  readonly startingBalance?: string;
  /**
   * A new account set up for margin and perpetual trading (shorting where the market allows
   * it). Default false: a spot account, which sells only what it holds.
   */
  readonly marginTrading?: boolean;
  readonly markets?: readonly MarketSpec[];
  readonly fillModel?: Partial<FillModelConfig>;
  /**
   * Venue-side latency: an order is accepted `latencyMs` after it is sent, and only bars that
   * open at or after that instant can fill it. Default 0 (next bar).
   */
  readonly latencyMs?: number;
  /** Wire delay around each call (default: none); tests and benches inject their own. */
  readonly delay?: (ms: number) => Promise<void>;
  /** Decimal places the venue rounds fees to (up). Default 8, as Binance. */
  readonly feeDecimals?: number;
  /** Test seam: called at named points so a crash test can kill the process there. */
  readonly probe?: (point: string) => void;
  /**
   * Whether a bar is coming to fill against (the replay is playing, the live feed is up).
   * When not, market orders fill at once against the last known price (fill-model.ts).
   * Default: always, for a venue whose driver pushes bars itself.
   */
  readonly barsComing?: () => boolean;
}

/**
 * The paper venue, behind the Broker port. It keeps its own state in paper_* tables and fills
 * against bars pushed in by `onBar` (the feed-agnostic port: whoever has closed candles calls
 * it). See fill-model.ts for exactly how fills are priced.
 */
export class PaperBroker implements Broker {
  readonly venue = 'paper';
  readonly bookId: BookId = 'paper';
  /** Binance's limit for newClientOrderId. */
  readonly maxClientOrderIdLength = 36;
  readonly quoteAsset: string;
  readonly store: PaperVenueStore;
  private readonly rules = new Map<string, MarketRules>();
  private readonly listeners = new Set<BrokerListener>();
  private readonly barTimeframes = new Map<string, Timeframe>();
  private readonly matcher: PaperMatcher;
  private readonly latencyMs: number;
  private readonly delay: (ms: number) => Promise<void>;
  private readonly probe: (point: string) => void;
  private readonly clock: Clock;
  private readonly feeDecimals: number;
  private readonly barsComing: () => boolean;
  private readonly balancesBook: PaperBalances;
  /** The latest live best bid/ask per symbol (none during a replay). */
  private readonly quotes = new Map<string, PaperQuote>();
  private readonly quoteMaxAgeMs: number;
  private readonly account: PaperAccount;
  private readonly entry: PaperOrderEntryDeps;
  /** A bar's matching as one (nested) transaction, wrapped once: it runs on every bar. */
  private readonly barTx: (symbol: string, candle: Candle, timeframe: Timeframe) => BrokerEvent[];

  constructor(options: PaperBrokerOptions) {
    this.clock = options.clock;
    this.barsComing = options.barsComing ?? (() => true);
    this.quoteAsset = options.quoteAsset ?? 'USDT';
    this.latencyMs = options.latencyMs ?? 0;
    if (!Number.isInteger(this.latencyMs) || this.latencyMs < 0) {
      throw new Error(`paper broker: latencyMs must be a whole number >= 0, got ${this.latencyMs}`);
    }
    this.delay = options.delay ?? (() => Promise.resolve());
    this.probe = options.probe ?? (() => {});
    this.feeDecimals = options.feeDecimals ?? 8;
    // A multi-asset account: every market trades, whatever its quote (ETH/BTC spends BTC).
    for (const spec of options.markets ?? DEFAULT_PAPER_MARKETS)
      this.rules.set(spec.symbol, new MarketRules(spec));
    this.store = new PaperVenueStore(options.db, options.accountId ?? 'paper');
    this.balancesBook = new PaperBalances(this.store, this.rules);
    const fillModel = validateFillModel({ ...DEFAULT_FILL_MODEL, ...options.fillModel });
    this.quoteMaxAgeMs = fillModel.quoteMaxAgeMs;
    this.matcher = new PaperMatcher(
      this.store,
      this.rules,
      fillModel,
      this.balancesBook,
      this.feeDecimals,
    );
    this.barTx = this.store.db.transaction((symbol: string, candle: Candle, timeframe: Timeframe) =>
      this.matcher.processBar(symbol, candle, timeframe),
    );
    this.account = new PaperAccount(this.store, this.balancesBook, this.clock, this.quoteAsset);
    this.account.openOrCreate(options.startingBalance ?? '10000', options.marginTrading === true);
    this.entry = {
      store: this.store,
      rules: this.rules,
      now: () => this.clock.now(),
      latencyMs: this.latencyMs,
      validate: (req) => this.validate(req),
    };
  }

  /** Whether the account is set up for margin and perpetual trading (shorting allowed). */
  get marginTrading(): boolean {
    return this.account.marginTrading;
  }

  markets(): readonly MarketSpec[] {
    return [...this.rules.values()].map((r) => r.spec);
  }

  subscribe(listener: BrokerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async submit(request: SubmitRequest): Promise<VenueOrder> {
    await this.delay(this.latencyMs);
    this.probe('paper.submit.received');
    const outcome = this.store.db.transaction(() => {
      const accepted = acceptOrder(this.entry, request);
      if ('reject' in accepted || !this.fillsNow(accepted.order)) return accepted;
      // No bar is coming: the order fills now at the last price, and the venue's answer is
      // its final state (the fills go out first, as a venue reports them).
      const events = this.matcher.fillAtLastPrice(request.symbol, this.clock.now());
      const row = this.store.require(request.clientOrderId);
      return { order: toVenueOrder(row, this.rules.get(row.symbol)), events };
    })();
    this.probe('paper.submit.committed');
    if ('reject' in outcome) {
      const { code, msg } = outcome.reject;
      if (outcome.reject === DUPLICATE_ORDER)
        throw new BrokerDuplicateIdError(this.venue, code, msg);
      throw new VenueRejectError(this.venue, code, msg);
    }
    if ('events' in outcome) {
      // Filled at the last price (no bar is coming): the answer is its final state.
      this.emit(outcome.events);
      await this.delay(0);
      return outcome.order;
    }
    this.emit([{ kind: 'order', order: outcome.order }]);
    // On live prices the book at arrival is the latest quote: a market order takes it now.
    const quote = this.quotes.get(request.symbol);
    const now = this.clock.now();
    if (quote !== undefined && now - quote.at <= this.quoteMaxAgeMs) {
      if (this.fillAtTouch(request.symbol, { ...quote, at: Math.max(quote.at, now) }).length > 0) {
        // The acknowledgement says what the venue holds now: filled, or partly.
        await this.delay(0);
        const row = this.store.require(request.clientOrderId);
        return toVenueOrder(row, this.rules.get(row.symbol));
      }
    }
    await this.delay(0);
    return outcome.order;
  }

  /**
   * The feed went idle (replay paused or finished, feed down): market orders still resting
   * fill now against the last known price, so a flatten started while bars were coming still
   * finishes. Returns the fills.
   */
  settleAtLastPrice(): VenueFill[] {
    if (this.barsComing()) return [];
    const events = this.store.db.transaction(() => {
      const symbols = new Set(this.store.open().map((o) => o.symbol));
      return [...symbols].flatMap((symbol) =>
        this.matcher.fillAtLastPrice(symbol, this.clock.now()),
      );
    })();
    this.emit(events);
    return events.flatMap((e) => (e.kind === 'fill' ? [e.fill] : []));
  }

  private fillsNow(order: VenueOrder): boolean {
    return order.type === 'market' && !this.barsComing();
  }

  async cancel(clientOrderId: string, _symbol?: string): Promise<VenueOrder> {
    await this.delay(this.latencyMs);
    const outcome = cancelOpenOrder(this.entry, clientOrderId);
    if ('reject' in outcome)
      throw new BrokerUnknownOrderError(this.venue, outcome.reject.code, outcome.reject.msg);
    this.emit([{ kind: 'order', order: outcome.order }]);
    return outcome.order;
  }

  async cancelAll(symbol?: string): Promise<VenueOrder[]> {
    await this.delay(this.latencyMs);
    const canceled = cancelAllOpenOrders(this.entry, symbol);
    this.emit(canceled.map((order) => ({ kind: 'order', order })));
    return canceled;
  }

  async openOrders(symbol?: string): Promise<VenueOrder[]> {
    await this.delay(0);
    return this.store.open(symbol).map((r) => toVenueOrder(r, this.rules.get(r.symbol)));
  }

  async fetchOrder(clientOrderId: string): Promise<VenueOrder | null> {
    await this.delay(0);
    const row = this.store.order(clientOrderId);
    return row === undefined ? null : toVenueOrder(row, this.rules.get(row.symbol));
  }

  async fetchFills(clientOrderId: string): Promise<VenueFill[]> {
    await this.delay(0);
    return this.store.fillsOf(clientOrderId);
  }

  async positions(): Promise<VenuePosition[]> {
    await this.delay(0);
    return this.account.positions();
  }

  async balances(): Promise<VenueBalance[]> {
    await this.delay(0);
    return this.account.balances();
  }

  /**
   * A closed candle for `symbol`. Applied exactly once (bars at or before the last processed
   * one are ignored, so a restarted feed can replay); all resulting fills commit together.
   */
  onBar(symbol: string, candle: Candle, timeframe: Timeframe): VenueFill[] {
    if (!this.rules.has(symbol)) return [];
    // One bar series per symbol: mixing timeframes would count the same volume twice.
    const seen = this.barTimeframes.get(symbol);
    if (seen !== undefined && seen !== timeframe) {
      throw new Error(`paper venue: ${symbol} is fed ${seen} bars; refusing a ${timeframe} bar`);
    }
    this.barTimeframes.set(symbol, timeframe);
    const events = this.barTx(symbol, candle, timeframe);
    this.probe('paper.bar.committed');
    this.emit(events);
    return events.flatMap((e) => (e.kind === 'fill' ? [e.fill] : []));
  }

  /**
   * The replay was put at another time: the venue's market for `symbol` becomes `candle` (its
   * last bar there), or nothing when the symbol has no bar yet at that time. Refused while the
   * symbol has open orders, which would otherwise see prices jump (the engine refuses the seek
   * before it gets here).
   */
  repositionMarket(symbol: string, candle: Candle | null): void {
    const rules = this.rules.get(symbol);
    if (rules === undefined) return;
    if (this.store.open(symbol).length > 0)
      throw new Error(`paper venue: ${symbol} has open orders; its market cannot be moved`);
    if (candle === null) {
      this.store.s.deleteBar.run(this.store.accountId, symbol);
      return;
    }
    const close = scaledFromNumber(candle.close, rules.priceScale, 'nearest', `${symbol} close`);
    this.store.s.upsertBar.run(
      this.store.accountId,
      symbol,
      candle.openTime,
      rules.priceText(close),
      candle.volume,
    );
  }

  /**
   * The exchange's best bid/ask for `symbol` (live prices only): market orders fill at the
   * touch, within the size shown there. See PaperMatcher.processQuote.
   */
  onQuote(symbol: string, quote: PaperQuote): VenueFill[] {
    if (!this.rules.has(symbol)) return [];
    this.quotes.set(symbol, quote);
    return this.fillAtTouch(symbol, quote);
  }

  private fillAtTouch(symbol: string, quote: PaperQuote): VenueFill[] {
    if (this.store.open(symbol).length === 0) return [];
    const events = this.store.db.transaction(() => this.matcher.processQuote(symbol, quote))();
    this.emit(events);
    return events.flatMap((e) => (e.kind === 'fill' ? [e.fill] : []));
  }

  /**
   * Markets the paper venue may trade, from a live exchange's own rules. A market already
   * known keeps its rules while it has open orders (their prices were checked against them).
   */
  addMarkets(specs: readonly MarketSpec[]): void {
    // A multi-asset account: every market trades, whatever its quote.
    for (const spec of specs) {
      if (this.rules.has(spec.symbol) && this.store.open(spec.symbol).length > 0) continue;
      this.rules.set(spec.symbol, new MarketRules(spec));
    }
  }

  /** Last traded price the venue has seen for a symbol (the last bar's close), or null. */
  lastPrice(symbol: string): string | null {
    const rules = this.rules.get(symbol);
    const bar = this.store.s.bar.get(this.store.accountId, symbol) as
      { last_price: string } | undefined;
    return rules === undefined || bar === undefined ? null : bar.last_price;
  }

  /** Every fill of the account, in venue order (the venue's own record, for reconciliation checks). */
  allFills(): VenueFill[] {
    return this.store.allFills();
  }

  /**
   * Resets the account to a new starting balance. Refused while any order is open or any
   * position is not flat (the ledger could not follow). The caller audits it.
   */
  resetAccount(
    startingBalance: string,
    actor: string,
    reason: string,
    marginTrading = this.marginTrading,
  ): PaperAccountReset {
    return this.account.reset(startingBalance, actor, reason, marginTrading);
  }

  /** The exchange's filters, in the exchange's order (paper-order-checks.ts). */
  private validate(req: SubmitRequest): ExchangeReject | null {
    return checkOrder(req, {
      rules: this.rules,
      balances: this.balancesBook,
      marginTrading: this.marginTrading,
      lastPrice: (symbol) => this.lastPrice(symbol),
      position: (symbol, rules) => this.matcher.positionUnits(symbol, rules),
    });
  }

  private emit(events: readonly BrokerEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) listener(event);
    }
  }
}
