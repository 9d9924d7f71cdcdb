import { EXIT_OK, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { parseFlags } from '../parse-flags';

/** `vigil status`: trading mode, control mode with its reason, open orders and positions. */
export async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const [engine, control] = await Promise.all([
      host.client.call('getStatus', {}),
      host.client.call('getControlStatus', {}),
    ]);
    if (values.json === true) {
      io.stdout(
        `${JSON.stringify({
          tradingMode: engine.tradingMode,
          controlMode: control.control.mode,
          controlReason: control.control.reason,
          controlActor: control.control.actor,
          controlSince: control.control.at,
          openOrders: control.openOrders,
          positions: control.positions,
          kill: control.kill,
          venues: control.venues,
          durability: control.durability,
          version: engine.version,
          dataDir: engine.dataDir,
        })}\n`,
      );
      return EXIT_OK;
    }
    const c = control.control;
    const lines = [
      `trading mode: ${engine.tradingMode}`,
      `control mode: ${c.mode} (${c.reason}; by ${c.actor} at ${new Date(c.at).toISOString()})`,
      `open orders:  ${control.openOrders ?? 'unknown (a venue did not answer)'}`,
      `positions:    ${control.positions ?? 'unknown (a venue did not answer)'}`,
    ];
    const d = control.durability;
    lines.push(
      `on disk:      ${d.latchDurable ? 'yes' : `NO: ${c.mode} is held in memory only; a restart would not keep it`}`,
    );
    for (const p of d.problems) lines.push(`  NOT WRITTEN: ${p.message}`);
    if (control.kill !== null) {
      const k = control.kill;
      lines.push(
        `last kill:    ${k.phase}${k.flatten ? ' (flatten)' : ''}, ${k.attempts} attempt(s), ${k.reason}`,
      );
      // Orders the kill chased by client id because their placement answer was lost.
      for (const o of k.unknownOutcomes ?? [])
        lines.push(`  order whose answer was lost: ${o.venue} ${o.detail}`);
    }
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    host.close();
  }
}
