import type { Timeframe } from '../../../src-shared/domain/candle';

/** One in-window shortcut: how it is shown, and what it does (for the `?` overlay). */
export interface ShortcutInfo {
  readonly keys: string;
  readonly action: string;
}

/** Same chord as the Electron global shortcut, so the trader learns one key for both. */
export const KILL_SHORTCUT_LABEL = 'Ctrl+Shift+K';

export const TIMEFRAME_KEYS: Readonly<Record<string, Timeframe>> = {
  '1': '1m',
  '2': '5m',
  '3': '15m',
  '4': '1h',
  '5': '4h',
  '6': '1d',
};

export const SHORTCUTS: readonly ShortcutInfo[] = [
  { keys: KILL_SHORTCUT_LABEL, action: 'KILL: halt trading, cancel every order (no confirmation)' },
  { keys: 'P', action: 'Plan a trade from the selected signal' },
  { keys: 'Enter', action: 'Send the plan on screen (entry with its stop and target)' },
  { keys: 'Esc', action: 'Drop the plan; close overlays' },
  { keys: 'Shift+P', action: 'Pause / resume new entries' },
  { keys: '/ or Ctrl+K', action: 'Symbol search' },
  { keys: 'J or ↓', action: 'Next signal on the board' },
  { keys: 'K or ↑', action: 'Previous signal on the board' },
  { keys: '1 … 6', action: 'Timeframe 1m, 5m, 15m, 1h, 4h, 1d' },
  { keys: 'R', action: 'Oscillator: switch RSI / MACD' },
  { keys: '?', action: 'Show or hide this help' },
];

/** The kill chord; `code` so it works on any keyboard layout and with Caps Lock. */
export function isKillChord(e: {
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly code: string;
}): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && e.code === 'KeyK';
}
