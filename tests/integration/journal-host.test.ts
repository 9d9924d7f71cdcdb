import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { runCli } from '../../src-main/host/cli/run-cli';
import { moneyOf, moneyText, notionalOf, priceOf, qtyOf } from '../../src-main/engine/ledger/money';
import { captureIo } from '../support/capture-io';
import { resetToMarginAccount } from '../support/margin-account';
import { startReplayHost, type ReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';

// The journal through the running host (the engine as `vigil serve` composes it, on the
// bundled replay, paused: a market order fills at once at the last price), the contract the
// cockpit speaks, and the CLI against it; then a restart on the same data folder.

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function start(dir: string): Promise<ReplayHost> {
  const h = await startReplayHost(dir);
  hosts.push(h);
  return h;
}

describe('journal through the running host', () => {
  it('a bracketed paper trade closed through the contract is journaled with its signal, R and note, which survive a restart', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const call = h.host.client.call;
    const last = Number(h.engine.execution.paper?.lastPrice('BTC/USDT'));
    const stop = (last * 0.97).toFixed(2);
    const entry = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.05',
      bracket: { stopLoss: stop, takeProfit: (last * 1.1).toFixed(2) },
    });
    expect(entry.state).toBe('FILLED');
    await h.engine.execution.executor.idle();
    const journalNews = (): EventEnvelope[] => h.events.filter((e) => e.kind === 'journalChanged');
    // The entry filled: a position, not a trade in the journal, so no news.
    expect(h.events.filter((e) => e.kind === 'fillRecorded')).toHaveLength(1);
    expect(journalNews()).toEqual([]);
    await call('closePosition', { symbol: 'BTC/USDT' });
    await h.engine.journal.settled();
    expect(h.events.filter((e) => e.kind === 'fillRecorded')).toHaveLength(2);

    const { fills } = await call('listFills', {});
    const [buy, sell] = fills;
    if (buy === undefined || sell === undefined) throw new Error('expected two fills');
    // Hand-check from the fills: net = sell notional - buy notional - both fees; R over the
    // bracket's stop: (entry - stop) x qty.
    const notional = (f: typeof buy): bigint =>
      notionalOf(qtyOf(f.qty, 'qty'), priceOf(f.price, 'price'));
    const fees = moneyOf(buy.feeQuote, 'fee') + moneyOf(sell.feeQuote, 'fee');
    const net = notional(sell) - notional(buy) - fees;
    const risk = (priceOf(buy.price, 'p') - priceOf(stop, 's')) * qtyOf('0.05', 'q');

    const journal = await call('listJournal', {});
    expect(journal.trades).toHaveLength(1);
    const trade = journal.trades[0];
    if (trade === undefined) throw new Error('no trade');
    const board = (await call('listSignals', {})).filter((r) => r.symbol === 'BTC/USDT');
    expect(trade).toMatchObject({
      id: expect.stringMatching(/^T\d+$/),
      symbol: 'BTC/USDT',
      direction: 'long',
      qty: '0.05',
      entryPrice: buy.price,
      exitPrice: sell.price,
      fees: moneyText(fees),
      netPnl: moneyText(net),
      initialRisk: { amount: moneyText(risk), stop, source: 'bracket' },
      // The strongest of the market's timeframes on the board when the entry filled.
      entrySignal: {
        tier: board[0]?.tier,
        timeframe: board[0]?.timeframe,
        calibrated: board[0]?.calibrated,
        factorsMissing: null,
      },
    });
    expect(Number(trade.rMultiple)).toBeCloseTo(Number(net) / Number(risk), 2);
    expect(trade.entrySignal?.factors?.length).toBeGreaterThan(0);
    // One event, for the close, naming the trade.
    expect(journalNews().map((e) => e.payload)).toEqual([
      { bookId: 'paper', cause: 'fill', tradeId: trade.id },
    ]);
    // Placed from the ticket, not from a plan.
    expect(trade.plan).toBeNull();

    // The CLI against the running host: the list, then a note with tags.
    const list = captureIo();
    expect(await runCli(['journal', '--json', '--data-dir', dir], list)).toBe(0);
    expect(JSON.parse(list.out.join('')).trades[0].id).toBe(trade.id);
    const text = captureIo();
    expect(await runCli(['journal', '--data-dir', dir], text)).toBe(0);
    expect(text.out.join('')).toContain(`${trade.id} `);
    expect(text.out.join('')).toContain(`R ${trade.rMultiple}`);
    // The bundled replay starts uncalibrated: the line says so next to P, as the board does.
    expect(board[0]?.calibrated).toBe(false);
    expect(text.out.join('')).toContain(
      `${board[0]?.tier} ${board[0]?.timeframe} P ${trade.entrySignal?.probability?.toFixed(3)} uncalibrated`,
    );
    expect(text.out.join('')).toContain(
      `average ${trade.rMultiple}R over 1 with a stop (total ${trade.rMultiple}R)`,
    );
    const note = captureIo();
    expect(
      await runCli(
        [
          'journal',
          'note',
          trade.id,
          'took it early',
          '--tag',
          'early',
          '--tag',
          'prime',
          '--data-dir',
          dir,
        ],
        note,
      ),
    ).toBe(0);
    expect(note.out.join('')).toBe(`${trade.id}: note saved (tags: early, prime)\n`);
    const unknown = captureIo();
    expect(await runCli(['journal', 'note', 'T999999', 'x', '--data-dir', dir], unknown)).toBe(1);
    expect(unknown.err.join('')).toContain('no closed trade T999999 in book paper');
    const badTag = captureIo();
    expect(
      await runCli(
        ['journal', 'note', trade.id, 'x', '--tag', 'two words', '--data-dir', dir],
        badTag,
      ),
    ).toBe(1);
    expect(badTag.err.join('')).toContain('tags.0');

    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(trade.closedAt);
    const calendar = await call('getPnlCalendar', { month: day.slice(0, 7) });
    expect(calendar.days.find((d) => d.date === day)).toMatchObject({
      trades: 1,
      netPnl: trade.netPnl,
    });

    // A restart on the same folder: the note and tags are still there, the trade the same.
    await h.stop();
    hosts.splice(0);
    const again = await start(dir);
    const after = await again.host.client.call('listJournal', { tag: 'early' });
    expect(after.trades).toEqual([
      { ...trade, notes: 'took it early', tags: ['early', 'prime'], notedAt: expect.any(Number) },
    ]);
    const filtered = captureIo();
    expect(await runCli(['journal', '--tag', 'nothing', '--data-dir', dir], filtered)).toBe(0);
    expect(filtered.out.join('')).toBe('no closed trades match\n');
  }, 120_000);

  it("a plan's trade keeps its plan: id, levels as planned, who sent it and every stop move with its time", async () => {
    const dir = tempDir();
    const h = await start(dir);
    const call = h.host.client.call;
    await resetToMarginAccount(h.host.client, 'journal plan test');
    // The ETH/USDT 4h short at the replay's start, trailing its stop by one ATR.
    const plan = await call('proposePlan', {
      symbol: 'ETH/USDT',
      timeframe: '4h',
      management: { trailAtr: 1 },
    });
    expect(plan.refusal).toBeNull();
    await call('sendPlan', { planId: plan.planId });
    const moved = (): Array<{ payload: string }> =>
      h.engine.store.db
        .prepare("SELECT payload FROM audit_log WHERE kind = 'plan.stop_moved' ORDER BY seq")
        .all() as Array<{ payload: string }>;
    const feed = h.replay();
    for (let i = 0; i < 400 && !feed.state().finished && moved().length < 2; i += 1) {
      feed.step();
      await h.engine.pipeline?.drained();
      await h.engine.execution.executor.idle();
      await h.engine.stops.idle();
      await h.engine.execution.executor.idle();
    }
    const audited = moved().map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(audited.length).toBeGreaterThanOrEqual(2);
    await call('closePosition', { symbol: 'ETH/USDT' });
    await h.engine.journal.settled();

    const journal = await call('listJournal', { symbol: 'ETH/USDT' });
    expect(journal.trades).toHaveLength(1);
    const trade = journal.trades[0];
    expect(trade?.plan).toEqual({
      planId: plan.planId,
      source: 'manual',
      timeframe: '4h',
      side: 'sell',
      entryType: 'market',
      entry: plan.entry,
      stop: plan.stop,
      targets: plan.targets,
      qty: plan.qty,
      risk: plan.risk,
      riskPct: plan.riskPct,
      rewardRisk: plan.rewardRisk,
      management: { breakEven: false, trailAtr: 1 },
      stopMoves: audited.map((m) => ({
        at: expect.any(Number),
        entry: m.entry,
        from: m.from,
        to: m.to,
        why: m.why,
      })),
    });
    // Each move at the market time it was made: on a bar close after the plan, in order.
    const times = trade?.plan?.stopMoves.map((m) => m.at) ?? [];
    expect(times[0]).toBeGreaterThan(plan.createdAt);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // `vigil journal --json` carries it; the text line names the plan and the last stop.
    const json = captureIo();
    expect(await runCli(['journal', '--json', '--data-dir', dir], json)).toBe(0);
    expect(JSON.parse(json.out.join('')).trades[0].plan).toEqual(trade?.plan);
    const text = captureIo();
    expect(await runCli(['journal', '--data-dir', dir], text)).toBe(0);
    expect(text.out.join('')).toContain(`plan ${plan.planId} (manual)`);
    expect(text.out.join('')).toContain(`stop moved ${audited.length}x to`);
    expect(h.errors).toEqual([]);
  }, 120_000);
});
