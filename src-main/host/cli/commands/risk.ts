import { readFileSync } from 'node:fs';
import {
  parseConfigValue,
  parseRiskConfig,
  RiskConfigError,
} from '../../../engine/risk/risk-config-store';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { parseFlags } from '../parse-flags';

/**
 * `vigil risk show` and `set` talk to the running app or host (so the change is audited and
 * applies at once); `validate FILE` checks a JSON config file locally and names every problem.
 */
export async function riskCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(
    rest,
    { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  switch (sub) {
    case 'validate': {
      const [file, ...extra] = positionals;
      if (file === undefined || extra.length > 0)
        throw new UsageError('risk validate takes one FILE');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        io.stderr(`vigil risk validate: cannot read ${file}: ${(error as Error).message}\n`);
        return EXIT_FAILURE;
      }
      try {
        parseRiskConfig(raw);
      } catch (error) {
        if (!(error instanceof RiskConfigError)) throw error;
        if (values.json === true)
          io.stdout(`${JSON.stringify({ valid: false, issues: error.issues })}\n`);
        else io.stdout(`${file}: invalid\n${error.issues.map((i) => `  ${i}`).join('\n')}\n`);
        return EXIT_FAILURE;
      }
      io.stdout(
        values.json === true
          ? `${JSON.stringify({ valid: true, issues: [] })}\n`
          : `${file}: valid\n`,
      );
      return EXIT_OK;
    }
    case 'show':
    case 'set': {
      if (sub === 'show' && positionals.length > 0)
        throw new UsageError('risk show takes no arguments');
      if (sub === 'set' && positionals.length !== 2)
        throw new UsageError('risk set takes KEY VALUE');
      const host = await connectToHost(resolveDataDir(values['data-dir'], io));
      try {
        const config =
          sub === 'show'
            ? await host.client.call('getRiskConfig', {})
            : await host.client.call('setRiskConfig', {
                changes: { [positionals[0] as string]: parseConfigValue(positionals[1] as string) },
                via: 'cli',
              });
        io.stdout(values.json === true ? `${JSON.stringify(config)}\n` : formatConfig(config));
        return EXIT_OK;
      } finally {
        host.close();
      }
    }
    default:
      throw new UsageError(`unknown risk subcommand '${sub ?? ''}'`);
  }
}

function formatConfig(config: object, prefix = ''): string {
  let out = '';
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'object' && value !== null)
      out += formatConfig(value as object, `${prefix}${key}.`);
    else out += `${prefix}${key} = ${String(value)}\n`;
  }
  return out;
}
