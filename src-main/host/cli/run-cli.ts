import { DataFolderError, StoreOpenError } from '../../engine/store/store-error';
import { DataDirLockedError } from '../../engine/store/data-dir-lock';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, type CliIo } from './cli-io';
import { AUDIT_USAGE, auditCommand } from './commands/audit';
import { ORDERS_USAGE, ordersCommand } from './commands/orders';
import { POSITIONS_USAGE, positionsCommand } from './commands/positions';
import * as control from './commands/control';
import { RISK_USAGE, riskCommand } from './commands/risk';
import { ALERTS_USAGE, alertsCommand, POWER_USAGE, powerCommand } from './commands/power-alerts';
import { STATUS_USAGE, statusCommand } from './commands/status';
import { HostUnreachableError } from './host-client';
import { ContractCallError } from '../../../src-shared/contract/wire';
import { INDICATORS_USAGE, indicatorsCommand } from './commands/indicators';
import { SCAN_USAGE, scanCommand } from './commands/scan';
import { DATA_USAGE, dataCommand } from './commands/data';
import { REPORT_USAGE, reportCommand } from './commands/report';
import { SERVE_USAGE, serveCommand } from './commands/serve';

type CommandRunner = (args: readonly string[], io: CliIo) => number | Promise<number>;

/** Every subcommand, with the usage line shown by `vigil --help` and on a usage error. */
const COMMANDS: Readonly<Record<string, { usage: string; run: CommandRunner }>> = {
  serve: { usage: SERVE_USAGE, run: serveCommand },
  audit: { usage: AUDIT_USAGE, run: auditCommand },
  orders: { usage: ORDERS_USAGE, run: ordersCommand },
  positions: { usage: POSITIONS_USAGE, run: positionsCommand },
  status: { usage: STATUS_USAGE, run: statusCommand },
  risk: { usage: RISK_USAGE, run: riskCommand },
  power: { usage: POWER_USAGE, run: powerCommand },
  alerts: { usage: ALERTS_USAGE, run: alertsCommand },
  pause: { usage: control.PAUSE_USAGE, run: control.pauseCommand },
  resume: { usage: control.RESUME_USAGE, run: control.resumeCommand },
  reduce: { usage: control.REDUCE_USAGE, run: control.reduceCommand },
  kill: { usage: control.KILL_USAGE, run: control.killCommand },
  rearm: { usage: control.REARM_USAGE, run: control.rearmCommand },
  indicators: { usage: INDICATORS_USAGE, run: indicatorsCommand },
  scan: { usage: SCAN_USAGE, run: scanCommand },
  data: { usage: DATA_USAGE, run: dataCommand },
  report: { usage: REPORT_USAGE, run: (args, io) => reportCommand(args, io) },
};

export function usageText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

/** Runs one CLI invocation and returns the exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usageText());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    io.stderr(`vigil: unknown command '${name ?? ''}'\n${usageText()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vigil ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (
      error instanceof StoreOpenError ||
      error instanceof DataFolderError ||
      error instanceof DataDirLockedError ||
      error instanceof HostUnreachableError ||
      error instanceof ContractCallError
    ) {
      io.stderr(`vigil ${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
