/**
 * Who did something and which risk rule refused, in the trader's words. Shared because the
 * cockpit and the engine's alerts both put them in front of a trader: the audit chain keeps
 * the raw actor ("user:ui@websocket"), the screen and the phone say what it means.
 */

const RULE_LABELS: Readonly<Record<string, string>> = {
  'control-mode': 'Trading mode',
  'daily-loss': 'Daily loss limit',
  'max-drawdown': 'Max drawdown',
  'portfolio-heat': 'Portfolio heat',
  'risk-per-trade': 'Risk per trade',
  'max-positions': 'Max open positions',
  'symbol-share': 'Per-symbol limit',
  'loss-cooldown': 'Cooldown after a loss',
  leverage: 'Leverage cap',
  'min-notional': 'Minimum order size',
};

/** "risk-per-trade" -> "Risk per trade"; an unknown rule keeps its name, spaced. */
export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule.replace(/[-_]/g, ' ');
}

const PATHS: Readonly<Record<string, string>> = {
  ui: 'you, in the cockpit',
  shortcut: 'you, with the kill shortcut',
  tray: 'you, from the tray menu',
  quit: 'you, quitting the app',
  cli: 'you, with the vigil command',
  api: 'a program using the API',
};

const ORIGINS: Readonly<Record<string, string>> = {
  websocket: 'you, in the browser cockpit',
  ipc: 'you, in the cockpit',
  electron: 'you, in the app',
  cli: 'you, with the vigil command',
  local: 'you, with the vigil command',
};

/**
 * Who did it, from the audit actor: "user:ui@websocket" -> "you, in the cockpit",
 * "risk:daily-loss" -> "the daily loss limit", "system:restart" -> "Vigil, on restart",
 * a bare path such as "cli" -> "you, with the vigil command".
 */
export function actorText(actor: string): string {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const rest = colon < 0 ? '' : actor.slice(colon + 1);
  if (kind === 'user') {
    const [path = '', origin] = rest.split('@');
    if (origin !== undefined) return PATHS[path] ?? ORIGINS[origin] ?? `you (${rest})`;
    return ORIGINS[path] ?? PATHS[path] ?? `you (${rest})`;
  }
  if (kind === 'risk') {
    // "risk:panic:stale-quotes": an automatic panic halt, named by its detector.
    if (rest.startsWith('panic:')) return panicText(rest.slice('panic:'.length));
    return `the ${ruleLabel(rest).toLowerCase()}`;
  }
  if (kind === 'panic') return panicText(rest);
  if (kind === 'system') {
    if (rest === 'restart') return 'Vigil, on restart';
    if (rest === 'kill') return 'the kill switch';
    return rest === '' ? 'Vigil' : `Vigil (${rest.replace(/[-_]/g, ' ')})`;
  }
  if (kind === 'venue') return 'the exchange';
  if (colon < 0) return ORIGINS[kind] ?? PATHS[kind] ?? actor;
  return actor;
}

function panicText(detector: string): string {
  return `a panic check (${detector.replace(/[-_]/g, ' ')})`;
}
