import { performance } from 'node:perf_hooks';
import { liveBinanceClient, startLiveRig } from '../support/live-broker-rig';
import { placeHundredOrders, startLiveKillRig, venueOpenOrders } from '../support/live-kill-rig';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (v: number): string => `${v.toFixed(2)} ms`;

/**
 * Live trading over loopback, through real ccxt against the local Binance (signed REST, real
 * order state), on the path the engine uses (Executor -> CcxtBroker -> ccxt):
 * - submit -> ack -> fill: a market order placed (intent, submit, the exchange's ack) and its
 *   fill fetched and booked (myTrades, ledger, audit); peer: the same two ccxt calls made
 *   bare (createOrder + fetchMyTrades), measured in the same run, so the ratio is Vigil's cost.
 * - kill-to-clean: 100 resting orders over 10 markets (20 stops), 20% of calls failing:
 *   trigger -> latched, and trigger -> the venue shows no open order; three seeds.
 */
export async function runLiveBench(): Promise<void> {
  const rig = await startLiveRig();
  // Sells need base: the account holds some BTC besides its USDT.
  rig.server.account.deposit('BTC', '10');
  try {
    const cycles = 200;
    const vigil: number[] = [];
    for (let i = 0; i < cycles; i += 1) {
      const t0 = performance.now();
      const order = await rig.executor.place(
        { symbol: 'BTC/USDT', side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', qty: '0.001' },
        'bench',
      );
      await rig.executor.idle();
      if (rig.executor.view(order.clientOrderId).state !== 'FILLED') {
        const v = rig.executor.view(order.clientOrderId);
        throw new Error(
          `bench: order ${order.clientOrderId} did not fill: ${v.state} ${v.reason ?? ''}`,
        );
      }
      vigil.push(performance.now() - t0);
    }
    const exchange = await liveBinanceClient(rig.server.url);
    const bare: number[] = [];
    for (let i = 0; i < cycles; i += 1) {
      const t0 = performance.now();
      const o = await exchange.createOrder(
        'BTC/USDT',
        'market',
        i % 2 === 0 ? 'buy' : 'sell',
        0.001,
        undefined,
        {
          newClientOrderId: `benchbare${i}`,
        },
      );
      await exchange.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: o.id });
      bare.push(performance.now() - t0);
    }
    vigil.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const p50 = percentile(vigil, 50);
    const bareP50 = percentile(bare, 50);
    console.log(
      `live submit -> ack -> fill (${cycles} market orders, loopback): p50 ${ms(p50)}, p99 ${ms(percentile(vigil, 99))}, max ${ms(vigil.at(-1) ?? NaN)}`,
    );
    console.log(
      `  peer, bare ccxt createOrder + fetchMyTrades: p50 ${ms(bareP50)}, p99 ${ms(percentile(bare, 99))}; Vigil/bare ${(p50 / bareP50).toFixed(2)}x (intent, audit, ledger, lookups)`,
    );
  } finally {
    await rig.stop();
  }

  for (const seed of [14, 27, 99]) {
    const kill = await startLiveKillRig();
    try {
      await placeHundredOrders(kill);
      kill.server.chaos(0.2, [503, 429, 502], seed);
      const before = kill.server.requests.length;
      const t0 = performance.now();
      const handle = kill.risk.triggerKill({ actor: 'bench', reason: 'bench', flatten: false });
      const latched = performance.now() - t0;
      const state = await handle.done;
      const clean = performance.now() - t0;
      if (venueOpenOrders(kill) !== 0)
        throw new Error('bench: the venue is not clean after the kill');
      console.log(
        `kill, 100 orders / 10 markets / 20% failing (seed ${seed}): trigger -> latched ${(latched * 1000).toFixed(0)} us, -> venue clean ${ms(clean)}; ${state.attempts} pass(es), ${kill.server.requests.length - before} requests, ${kill.server.chaosFailures} failed`,
      );
    } finally {
      await kill.stop();
    }
  }
}
