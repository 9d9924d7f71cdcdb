/**
 * The engine's identifiers in the trader's words: who did something, which risk rule refused,
 * which field of a form is wrong. The engine's own text stays in the audit chain; the screen
 * says what it means.
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
 * "risk:daily-loss" -> "the daily loss limit", "system:restart" -> "Vigil, on restart".
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
  if (kind === 'risk') return `the ${ruleLabel(rest).toLowerCase()}`;
  if (kind === 'panic') return `a panic check (${rest.replace(/[-_]/g, ' ')})`;
  if (kind === 'system') {
    if (rest === 'restart') return 'Vigil, on restart';
    if (rest === 'kill') return 'the kill switch';
    return `Vigil (${rest})`;
  }
  return actor;
}

/**
 * Float noise in engine text ("risk 905.1900000000005") rounded away: a decimal with a run of
 * six 0s or 9s deep in its digits is the binary float's artefact, not a figure anyone meant.
 */
export function withoutFloatNoise(text: string): string {
  return text.replace(/-?\d+\.\d*(?:0{6,}|9{6,})\d+/g, (m) =>
    String(Number(Number(m).toPrecision(12))),
  );
}

/** What "uncalibrated" next to a P means, for its tooltip. */
export const UNCALIBRATED_HINT =
  "Uncalibrated: this P is the scanner's prior mapping of the score, not a win chance. No calibration of this market and timeframe has beaten the base rate out of sample (run vigil calibrate). It cannot reach PRIME, and a plan on it risks the minimum without Kelly.";
