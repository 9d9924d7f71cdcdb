import type { CliIo } from './cli-io';

export type CommandRunner = (args: readonly string[], io: CliIo) => number | Promise<number>;

export interface CommandEntry {
  /** The usage line shown by `vigil --help` and on a usage error. */
  readonly usage: string;
  /** Imports the command's module on first use. */
  readonly load: () => Promise<CommandRunner>;
}

/**
 * Every subcommand. Each module is imported only when its command runs, so `vigil kill` loads
 * the host client and nothing of the engine, and `vigil scan` never loads the database, the
 * PDF writer or ccxt: a kill typed in a terminal reaches the engine in a fraction of a second.
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  serve: {
    usage: 'vigil serve [--port N] [--data-dir DIR] [--open]',
    load: async () => (await import('./commands/serve')).serveCommand,
  },
  audit: {
    usage: 'vigil audit verify [--anchor SEQ:HASH] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  orders: {
    usage:
      'vigil orders [--open] [--json] [--book paper|live:<venue>] [--limit N] [--data-dir DIR]',
    load: async () => (await import('./commands/orders')).ordersCommand,
  },
  positions: {
    usage: 'vigil positions [--json] [--book paper|live:<venue>] [--data-dir DIR]',
    load: async () => (await import('./commands/positions')).positionsCommand,
  },
  status: {
    usage: 'vigil status [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/status')).statusCommand,
  },
  risk: {
    usage: 'vigil risk show|set KEY VALUE|validate FILE [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/risk')).riskCommand,
  },
  power: {
    usage: 'vigil power show|set KEY VALUE [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/power-alerts')).powerCommand,
  },
  alerts: {
    usage:
      'vigil alerts show|set KEY VALUE|test | secret set telegram|webhook [--stdin] | secret delete telegram|webhook  [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/power-alerts')).alertsCommand,
  },
  pause: {
    usage: 'vigil pause [--reason TEXT] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/control')).pauseCommand,
  },
  resume: {
    usage: 'vigil resume [--reason TEXT] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/control')).resumeCommand,
  },
  reduce: {
    usage: 'vigil reduce [--reason TEXT] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/control')).reduceCommand,
  },
  mode: {
    usage:
      'vigil mode [live --connection NAME --confirm "LIVE NAME" | paper | shadow] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/mode')).modeCommand,
  },
  kill: {
    usage:
      'vigil kill [--flatten] [--reason TEXT] [--no-wait] [--timeout SEC] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/control')).killCommand,
  },
  rearm: {
    usage: 'vigil rearm [--reason TEXT] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/control')).rearmCommand,
  },
  replay: {
    usage:
      'vigil replay [status | play [--speed 1x|10x|60x|max] | pause | step | restart | seek TIME] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/replay')).replayCommand,
  },
  indicators: {
    usage: 'vigil indicators --csv FILE [--json]',
    load: async () => (await import('./commands/indicators')).indicatorsCommand,
  },
  scan: {
    usage: 'vigil scan --data DIR [--timeframes 15m,1h,4h] [--json]',
    load: async () => (await import('./commands/scan')).scanCommand,
  },
  backtest: {
    usage:
      'vigil backtest --data DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--timeframes 15m,1h] [--risk FILE.json] [--scanner FILE.json] [--autopilot prime|off] [--account spot|margin] --out FILE.pdf [--csv FILE.csv] [--json] [--data-dir DIR]',
    load: async () => (await import('./commands/backtest')).backtestCommand,
  },
  calibrate: {
    usage: 'vigil calibrate --data DIR [--json] [--data-dir DIR]',
    load: async () => (await import('./commands/calibrate')).calibrateCommand,
  },
  data: {
    usage: 'vigil data check <file|dir> [--skip-invalid] [--json]',
    load: async () => (await import('./commands/data')).dataCommand,
  },
  report: {
    usage:
      'vigil report (--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--book paper|live:VENUE] [--tz ZONE] --out FILE.pdf [--csv FILE.csv] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/report')).reportCommand,
  },
  journal: {
    usage:
      'vigil journal [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tag T] [--symbol S] [--tier PRIME|WATCH|IGNORE|FAILED|NONE] [--outcome winners|losers] [--book paper] [--json] | note TRADE_ID "text" [--tag T ...]  [--data-dir DIR]',
    load: async () => (await import('./commands/journal')).journalCommand,
  },
  exchange: {
    usage:
      'vigil exchange add NAME --exchange ID --symbols BTC/USDT,ETH/USDT --timeframes 1m,1h [--api-origin http://127.0.0.1:PORT] | list [--json] | remove NAME | test NAME  [--data-dir DIR]',
    load: async () => (await import('./commands/exchange')).exchangeCommand,
  },
  watch: {
    usage: 'vigil watch add|remove NAME SYMBOL[,SYMBOL...] [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/watch')).watchCommand,
  },
  market: {
    usage: 'vigil market live|replay [--data-dir DIR] [--json]',
    load: async () => (await import('./commands/market')).marketCommand,
  },
  plan: {
    usage:
      'vigil plan SYMBOL [--timeframe TF] [--side buy|sell] [--break-even] [--trail N] [--send] [--json] [--data-dir DIR]',
    load: async () => (await import('./commands/plan')).planCommand,
  },
  autopilot: {
    usage:
      'vigil autopilot on|off|shadow|status [--book paper|live:<venue>] [--max-per-day N] [--reason TEXT] [--json] [--data-dir DIR]',
    load: async () => (await import('./commands/autopilot')).autopilotCommand,
  },
  keys: {
    usage:
      'vigil keys set NAME [--stdin] | status [NAME] [--json] | delete NAME | verify NAME  [--data-dir DIR]',
    load: async () => (await import('./commands/keys')).keysCommand,
  },
};
