import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import type { MarketSpec } from '../../../../src-main/engine/execution/broker';
import { DEFAULT_PAPER_MARKETS } from '../../../../src-main/engine/execution/paper/paper-markets';
import { moneyOf } from '../../../../src-main/engine/ledger/money';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { LedgerReportSource } from '../../../../src-main/engine/reports/ledger-report-source';
import { Money, parseMoney, sumMoney } from '../../../../src-main/engine/reports/money';
import { fillsCsv, lotsCsv } from '../../../../src-main/engine/reports/report-csv';
import { monthPeriod, rangePeriod } from '../../../../src-main/engine/reports/report-period';
import { parseCsv } from '../../../support/csv-parse';
import { at, loadCandles, makeRig, type ExecutionRig } from '../../../support/execution-fixture';

// Real Binance 1h candles of one snapshot (June 2018): the three markets cover the same hours.
const SERIES = {
  'BTC/USDT': loadCandles('binance_BTC-USDT_1h.csv'),
  'ETH/BTC': loadCandles('binance_ETH-BTC_1h.csv'),
  'ETH/USDT': loadCandles('binance_ETH-USDT_1h.csv'),
} as const;
const HOUR = 3_600_000;

type Rig = ExecutionRig & { bar(): void };

function rig(options: Parameters<typeof makeRig>[0] = {}): Rig {
  let i = 0;
  const r = makeRig({ start: at(SERIES['BTC/USDT'], 0).openTime, ...options });
  const bar = (): void => {
    const traded = new Set(r.broker.markets().map((m) => m.symbol));
    for (const [symbol, candles] of Object.entries(SERIES)) {
      if (!traded.has(symbol)) continue;
      const c = at(candles as Candle[], i);
      r.clock.advance(Math.max(0, c.openTime + HOUR - r.clock.now()));
      r.broker.onBar(symbol, c, '1h');
      r.ledger.markBar('paper', symbol, r.broker.lastPrice(symbol) ?? 'none', c.openTime + HOUR);
    }
    i += 1;
  };
  bar();
  return { ...r, bar };
}

const balance = async (
  r: Rig,
  asset: string,
): Promise<{ total: string; free: string } | undefined> =>
  (await r.broker.balances()).find((b) => b.asset === asset);

describe('paper venue: a spot account holds assets, and sells only what it holds', () => {
  it('refuses a spot sell with no base asset, as Binance does; nothing fills, no short appears', async () => {
    const r = rig();
    const sell = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01' },
      'user:ui',
    );
    expect(sell).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.01 BTC/USDT needs 0.01 BTC, the account has 0 BTC free',
    });
    r.bar();
    expect(await r.broker.positions()).toEqual([]);
    expect(r.ledger.positions('paper')).toEqual([]);
    // Buy 0.01, then a sell of 0.02 is still more than held; 0.01 goes through.
    await r.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, 't');
    r.bar();
    expect(await balance(r, 'BTC')).toEqual({ asset: 'BTC', total: '0.01', free: '0.01' });
    const tooMuch = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.02' },
      't',
    );
    expect(tooMuch).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.02 BTC/USDT needs 0.02 BTC, the account has 0.01 BTC free',
    });
    const ok = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01' },
      't',
    );
    expect(ok.state).toBe('OPEN');
    r.bar();
    expect(r.executor.view(ok.clientOrderId).state).toBe('FILLED');
    expect(await balance(r, 'BTC')).toEqual({ asset: 'BTC', total: '0', free: '0' });
  });

  it('trades ETH/BTC with BTC bought first; the balances move per asset and the ledger keeps BTC apart', async () => {
    const r = rig();
    const noBtc = await r.executor.place(
      { symbol: 'ETH/BTC', side: 'buy', type: 'market', qty: '1' },
      't',
    );
    expect(noBtc).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: buying 1 ETH/BTC needs 0.08085978 BTC, the account has 0 BTC free',
    });
    await r.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' }, 't');
    r.bar();
    const eth = await r.executor.place(
      { symbol: 'ETH/BTC', side: 'buy', type: 'market', qty: '1' },
      't',
    );
    expect(eth.state).toBe('OPEN');
    r.bar();
    const fill = r.ledger.fillsOfOrder('paper', eth.clientOrderId)[0];
    expect(fill).toMatchObject({ symbol: 'ETH/BTC', qty: '1', feeAsset: 'BTC' });
    const spent = Number(fill?.notional) + Number(fill?.fee);
    expect(Number((await balance(r, 'ETH'))?.total)).toBe(1);
    expect(Number((await balance(r, 'BTC'))?.total)).toBeCloseTo(0.1 - spent, 10);
    // The ledger: BTC/USDT in the book's USDT, ETH/BTC's cash and cost in BTC.
    const [btcCash] = r.ledger.foreignCash('paper');
    expect(btcCash?.asset).toBe('BTC');
    expect(moneyOf(btcCash?.cash ?? '0', 'c')).toBe(
      -moneyOf(fill?.notional ?? '0', 'n') - moneyOf(fill?.fee ?? '0', 'f'),
    );
    // Per currency: cash + cost of the positions quoted in it == realized - fees.
    expect(moneyOf(btcCash?.cash ?? '', 'c') + moneyOf(btcCash?.positionsCost ?? '', 'p')).toBe(
      moneyOf(btcCash?.realizedPnl ?? '', 'r') - moneyOf(btcCash?.fees ?? '', 'f'),
    );
    // Equity in USDT values ETH through ETH/BTC x BTC/USDT: the last sample equals it.
    const sample = r.ledger.equitySamples('paper').at(-1);
    const usdt = Number(r.ledger.book('paper')?.cash);
    const btcMark = Number(r.broker.lastPrice('BTC/USDT'));
    const ethMark = Number(r.broker.lastPrice('ETH/BTC'));
    const expected = usdt + 0.1 * btcMark + Number(btcCash?.cash) * btcMark + 1 * ethMark * btcMark;
    expect(Number(sample?.equity)).toBeCloseTo(expected, 6);
    // The BTC was spent on ETH: selling all of the 0.1 BTC bought is more than is left.
    const back = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.1', reduceOnly: true },
      't',
    );
    expect(back).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.1 BTC/USDT needs 0.1 BTC, the account has 0.01865073 BTC free',
    });
  });

  it('a bracket locks its base asset once for both legs', async () => {
    const r = rig();
    const last = Number(r.broker.lastPrice('BTC/USDT'));
    const entry = await r.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.02',
        bracket: { stopLoss: (last * 0.9).toFixed(2), takeProfit: (last * 1.2).toFixed(2) },
      },
      't',
    );
    r.bar();
    await r.executor.idle();
    const legs = r.executor.list(true).filter((o) => o.parentClientOrderId === entry.clientOrderId);
    expect(legs.map((o) => o.state)).toEqual(['OPEN', 'OPEN']);
    expect(await balance(r, 'BTC')).toEqual({ asset: 'BTC', total: '0.02', free: '0' });
  });
});

describe('paper venue: shorting only on margin or perpetual markets of an account set up for it', () => {
  const perp: MarketSpec = {
    ...(DEFAULT_PAPER_MARKETS[0] as MarketSpec),
    symbol: 'BTC/USDT',
    kind: 'perpetual',
  };

  it('a margin account shorts a pair the venue lends on, with the proceeds held back as collateral', async () => {
    const r = rig({ paper: { marginTrading: true } });
    const before = Number((await balance(r, 'USDT'))?.free);
    const short = await r.executor.place(
      { symbol: 'ETH/USDT', side: 'sell', type: 'market', qty: '1' },
      't',
    );
    expect(short.state).toBe('OPEN');
    r.bar();
    expect(await r.broker.positions()).toEqual([{ symbol: 'ETH/USDT', qty: '-1' }]);
    // Free USDT fell by about the notional: 1x collateral, the proceeds not spendable.
    const eth = Number(r.broker.lastPrice('ETH/USDT'));
    const after = Number((await balance(r, 'USDT'))?.free);
    expect(before - after).toBeGreaterThan(eth * 0.95);
    expect(before - after).toBeLessThan(eth * 1.05);
  });

  it('a perpetual needs an account set up for it; there it shorts without holding the asset', async () => {
    const spot = rig({ paper: { markets: [perp] } });
    const refused = await spot.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01' },
      't',
    );
    expect(refused).toMatchObject({
      state: 'REJECTED',
      reason:
        'paper: BTC/USDT is a perpetual: the paper account is spot only (reset the paper account with margin to trade it)',
    });
    const margin = rig({ paper: { markets: [perp], marginTrading: true } });
    const short = await margin.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01' },
      't',
    );
    expect(short.state).toBe('OPEN');
    margin.bar();
    expect(await margin.broker.positions()).toEqual([{ symbol: 'BTC/USDT', qty: '-0.01' }]);
    // A perpetual settles in its quote: no BTC balance appears.
    expect(await balance(margin, 'BTC')).toBeUndefined();
  });
});

describe('reports and pairs quoted in another currency', () => {
  it('an ETH/BTC session gets its report: each fill valued in USDT at the BTC/USDT mark of its time, exact, re-imported from the CSVs', async () => {
    const r = rig();
    await r.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.05' }, 't');
    r.bar();
    await r.executor.place({ symbol: 'ETH/BTC', side: 'buy', type: 'market', qty: '0.5' }, 't');
    r.bar();
    r.bar();
    await r.executor.place({ symbol: 'ETH/BTC', side: 'sell', type: 'market', qty: '0.2' }, 't');
    r.bar();
    r.bar();
    await r.executor.place({ symbol: 'ETH/BTC', side: 'sell', type: 'market', qty: '0.3' }, 't');
    r.bar();
    const ledgerFills = r.ledger.fills('paper').filter((f) => f.symbol === 'ETH/BTC');
    expect(ledgerFills.map((f) => f.side)).toEqual(['buy', 'sell', 'sell']);

    const end = Date.parse('2018-07-01T00:00:00Z');
    const report = await buildReport({
      source: new LedgerReportSource(r.ledger),
      book: 'paper',
      period: rangePeriod('2018-05-01', '2018-06-30', 'UTC', end),
      generatedAt: end,
    });

    // Independently of the ledger's rate table: the BTC/USDT close of the bar each fill came on.
    const btcCloseAt = (at: number): Money => {
      const bar = SERIES['BTC/USDT'].find((c) => c.openTime + HOUR === at);
      if (bar === undefined) throw new Error(`no BTC/USDT bar closing at ${at}`);
      return new Money(String(bar.close));
    };
    const usdt = (f: (typeof ledgerFills)[number]): { gross: Money; fee: Money } => ({
      gross: new Money(f.qty).times(f.price).times(btcCloseAt(f.at)),
      fee: new Money(f.feeQuote).times(btcCloseAt(f.at)),
    });
    const [buy, sell1, sell2] = ledgerFills.map(usdt) as [
      ReturnType<typeof usdt>,
      ReturnType<typeof usdt>,
      ReturnType<typeof usdt>,
    ];
    const ethLots = report.closedLots.filter((l) => l.symbol === 'ETH/BTC');
    expect(ethLots.map((l) => l.quantity.toFixed())).toEqual(['0.2', '0.3']);
    // Cost basis of each slice: its share of the buy (gross and fee) at the buy's rate.
    const share = (part: string): Money => new Money(part).div('0.5');
    expect(ethLots[0]?.costBasis.toFixed()).toBe(
      buy.gross
        .times(share('0.2'))
        .plus(buy.fee.times(share('0.2')))
        .toFixed(),
    );
    expect(ethLots[0]?.proceeds.toFixed()).toBe(sell1.gross.minus(sell1.fee).toFixed());
    expect(ethLots[1]?.proceeds.toFixed()).toBe(sell2.gross.minus(sell2.fee).toFixed());
    // The rate source is stated in the report.
    expect(report.notes.map((c) => c.text)).toEqual([
      "BTC in USDT: 3 fills valued at the BTC/USDT mark of each fill's time, as the ledger recorded it.",
    ]);

    // Re-imported, the CSVs reproduce the report's realized PnL and fees to the last digit.
    const lots = parseCsv(lotsCsv(report));
    const fillRows = parseCsv(fillsCsv(report));
    const sum = (rows: Array<Record<string, string>>, name: string): Money =>
      sumMoney(rows.map((row, i) => parseMoney(row[name] ?? '', `row ${i + 1} ${name}`)));
    expect(sum(lots, 'Gain or Loss').toFixed()).toBe(report.summary.realizedPnl.toFixed());
    expect(sum(lots, 'Fee').toFixed()).toBe(report.summary.closedLotFees.toFixed());
    expect(sum(fillRows, 'Fee Value').toFixed()).toBe(report.summary.fees.toFixed());
    for (const [i, row] of lots.entries()) {
      const gain = parseMoney(row['Proceeds'] ?? '', `lot ${i}`).minus(
        parseMoney(row['Cost Basis'] ?? '', `lot ${i}`),
      );
      expect(gain.toFixed()).toBe(parseMoney(row['Gain or Loss'] ?? '', `lot ${i}`).toFixed());
    }
    // An ETH/BTC buy sends BTC and receives ETH; its worth is in USDT, with the rate and its source.
    const ethBuy = fillRows.find((row) => row['Symbol'] === 'ETH/BTC' && row['Side'] === 'buy');
    const first = ledgerFills[0];
    expect(ethBuy).toMatchObject({
      'Sent Currency': 'BTC',
      'Sent Amount': new Money(first?.qty ?? 'NaN').times(first?.price ?? 'NaN').toFixed(),
      'Received Currency': 'ETH',
      'Received Amount': '0.5',
      'Net Worth Amount': buy.gross.toFixed(),
      'Net Worth Currency': 'USDT',
      Price: first?.price,
      Rate: btcCloseAt(first?.at ?? 0).toFixed(),
      'Rate Source': expect.stringContaining('BTC in USDT through BTC/USDT at 2018-'),
    });
  });

  it('a foreign-quoted fill with no recorded rate is refused, naming the fill and why', async () => {
    const r = rig();
    await r.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.02' }, 't');
    r.bar();
    await r.executor.place({ symbol: 'ETH/BTC', side: 'buy', type: 'market', qty: '0.1' }, 't');
    r.bar();
    // As a database from before rates were kept.
    r.store.db.prepare('DELETE FROM ledger_fill_rates').run();
    const report = buildReport({
      source: new LedgerReportSource(r.ledger),
      book: 'paper',
      period: monthPeriod('2018-06', 'UTC', Date.parse('2018-07-01T00:00:00Z')),
      generatedAt: Date.parse('2018-07-01T00:00:00Z'),
    });
    await expect(report).rejects.toThrow(
      /fill .+: ETH\/BTC is quoted in BTC and no BTC to USDT rate was recorded at its time/,
    );
  });
});
