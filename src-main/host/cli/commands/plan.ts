import type { TradePlan } from '../../../../src-shared/contract/plans';
import { TimeframeSchema } from '../../../../src-shared/domain/candle';
import type { OrderView } from '../../../../src-shared/domain/order';
import { SymbolSchema } from '../../../../src-shared/domain/order';
import { probabilityText } from '../../../../src-shared/domain/probability-words';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { parseFlags } from '../parse-flags';

function pct(value: number): string {
  return `${value.toFixed(2)}%`;
}

/** The plan as a trader reads it in a terminal: levels, size, risk, and every gate verdict. */
export function planLines(plan: TradePlan): string[] {
  const quote = plan.symbol.slice(plan.symbol.indexOf('/') + 1);
  const s = plan.signal;
  const targets = plan.targets.map((t) => `${t.price} x ${t.qty}`).join(', ');
  const verdicts = plan.verdicts.map((v) =>
    v.ok ? `  ok    ${v.rule}` : `  FAIL  ${v.rule}: ${v.reason ?? ''}`,
  );
  return [
    `plan ${plan.planId}  ${plan.symbol} ${plan.timeframe}  ${plan.side} ${plan.entryType}  (signal ${s.tier}, ${probabilityText(s.probability, s.calibrated)}, EV ${s.evBps.toFixed(1)} bps)`,
    `  entry ${plan.entry}  stop ${plan.stop}  targets ${targets}`,
    `  qty ${plan.qty}  risk ${Number(plan.risk).toFixed(2)} ${quote} (${pct(plan.riskPct)} of equity)  reward:risk ${plan.rewardRisk.toFixed(2)}  EV ${plan.ev === null ? 'n/a (P uncalibrated)' : `${Number(plan.ev).toFixed(2)} ${quote}`}  heat after ${pct(plan.heatAfterPct)}`,
    `  sized at ${pct(plan.sizing.riskPct)} (confidence ${pct(plan.sizing.confidenceRiskPct)}, Kelly ${plan.sizing.kellyPct === null ? (s.calibrated ? 'n/a' : 'not applied: P uncalibrated') : pct(plan.sizing.kellyPct)}), costs ${plan.sizing.costPerUnit.toPrecision(6)} ${quote} per unit`,
    'risk gate:',
    ...verdicts,
    `  stop management: ${
      [
        plan.management.breakEven ? 'break-even after target 1' : null,
        plan.management.trailAtr === null
          ? null
          : `trail ${plan.management.trailAtr} x ATR (${plan.management.atr.toPrecision(6)})`,
      ]
        .filter((x) => x !== null)
        .join(', ') || 'none'
    }`,
    plan.refusal === null ? 'sendable' : `not sendable: ${plan.refusal}`,
  ];
}

function entryLine(o: OrderView): string {
  return `  ${o.clientOrderId}  ${o.state}  ${o.side} ${o.qty} ${o.symbol}${o.reason === null ? '' : `  (${o.reason})`}`;
}

/**
 * `vigil plan SYMBOL [--timeframe TF] [--side buy|sell] [--json] [--send]`: the plan the
 * running engine proposes for that market's latest signal; with --send it goes out as brackets.
 * --break-even and --trail N ask for its stop management.
 */
export async function planCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      timeframe: { type: 'string' },
      side: { type: 'string' },
      send: { type: 'boolean' },
      'break-even': { type: 'boolean' },
      trail: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    true,
  );
  const [symbol, ...extra] = positionals;
  if (symbol === undefined || extra.length > 0)
    throw new UsageError('plan takes one market, e.g. vigil plan BTC/USDT');
  if (!SymbolSchema.safeParse(symbol).success)
    throw new UsageError(`the market must look like 'BTC/USDT', got '${symbol}'`);
  const side = values.side;
  if (side !== undefined && side !== 'buy' && side !== 'sell')
    throw new UsageError(`--side must be buy or sell, got '${side}'`);
  const timeframe = values.timeframe;
  if (timeframe !== undefined && !TimeframeSchema.safeParse(timeframe).success)
    throw new UsageError(`--timeframe must be one of ${TimeframeSchema.options.join(', ')}`);
  const trail = values.trail === undefined ? null : Number(values.trail);
  if (trail !== null && !(Number.isFinite(trail) && trail > 0 && trail <= 20))
    throw new UsageError(
      `--trail must be a number of ATRs above 0 and at most 20, got '${values.trail}'`,
    );
  const management =
    values['break-even'] === true || trail !== null
      ? { management: { breakEven: values['break-even'] === true, trailAtr: trail } }
      : {};
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const plan = await host.client.call('proposePlan', {
      symbol,
      ...management,
      ...(timeframe === undefined ? {} : { timeframe: TimeframeSchema.parse(timeframe) }),
      ...(side === undefined ? {} : { side }),
    });
    if (values.send !== true) {
      io.stdout(
        values.json === true ? `${JSON.stringify(plan)}\n` : `${planLines(plan).join('\n')}\n`,
      );
      return EXIT_OK;
    }
    if (plan.refusal !== null) {
      if (values.json === true) io.stdout(`${JSON.stringify({ ...plan, entries: [] })}\n`);
      else io.stdout(`${planLines(plan).join('\n')}\n`);
      io.stderr(`vigil plan: not sent: ${plan.refusal}\n`);
      return EXIT_FAILURE;
    }
    const sent = await host.client.call('sendPlan', { planId: plan.planId });
    const refused = sent.entries.some((e) => e.state === 'REJECTED');
    if (values.json === true)
      io.stdout(`${JSON.stringify({ ...sent.plan, entries: sent.entries })}\n`);
    else
      io.stdout(
        `${[...planLines(sent.plan), refused ? 'refused at send:' : 'sent:', ...sent.entries.map(entryLine)].join('\n')}\n`,
      );
    return refused ? EXIT_FAILURE : EXIT_OK;
  } finally {
    host.close();
  }
}
