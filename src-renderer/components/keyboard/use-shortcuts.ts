import { useEffect } from 'react';
import { togglePause, triggerKill } from '../../state/control-actions';
import { planSelectedSignal, sendShownPlan } from '../../state/plan-actions';
import { usePlanStore } from '../../state/plan-store';
import { useClient } from '../../state/client-context';
import { useMarketStore } from '../../state/market-store';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { boardOrder } from '../../view/signal-age';
import { neighbourSignal } from '../../view/sort-signals';
import { isKillChord, TIMEFRAME_KEYS } from './shortcut-keys';

/** Inputs that take no typing: a letter key on them is still a shortcut. */
const CLICK_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range']);

/** True while the user is typing in a field: plain letter keys then belong to the field. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !CLICK_INPUTS.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

function stepSignal(step: 1 | -1): void {
  const ui = useUiStore.getState();
  const ordered = boardOrder(
    Object.values(useSignalStore.getState().byKey),
    ui.signalFilter,
    useMarketStore.getState().feedTime,
  );
  const current = ui.selectedSymbol === null ? null : `${ui.selectedSymbol}|${ui.timeframe}`;
  const next = neighbourSignal(ordered, current, step);
  if (next !== null) ui.selectSignal(next);
}

/**
 * In-window shortcuts. The kill chord is handled first and in the capture phase, so it works
 * from any field, over any overlay, and cannot be swallowed by a component.
 */
export function useShortcuts(): void {
  const client = useClient();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isKillChord(e)) {
        e.preventDefault();
        e.stopPropagation();
        void triggerKill(client, 'shortcut');
        return;
      }
      const ui = useUiStore.getState();
      if (e.key === 'Escape') {
        // An overlay closes first; with none open, Esc drops the plan on screen.
        if (!ui.helpOpen && !ui.searchOpen && !typing(e.target)) usePlanStore.getState().drop();
        ui.setHelpOpen(false);
        ui.setSearchOpen(false);
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ui.setSearchOpen(true);
        return;
      }
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const tf = TIMEFRAME_KEYS[e.key];
      if (tf !== undefined) ui.setTimeframe(tf);
      else if (e.key === '?') ui.setHelpOpen(!ui.helpOpen);
      else if (e.key === '/') {
        e.preventDefault();
        ui.setSearchOpen(true);
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        stepSignal(1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        stepSignal(-1);
      } else if (e.key === 'P' && e.shiftKey) void togglePause(client, 'shortcut');
      else if (e.key === 'p') planSelectedSignal(client);
      else if (e.key === 'Enter' && usePlanStore.getState().plan !== null) {
        // Only from the board (not a focused button or link, whose Enter is its own click).
        if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
        e.preventDefault();
        void sendShownPlan(client);
      } else if (e.key === 'r' || e.key === 'R')
        ui.setOscillator(ui.oscillator === 'RSI' ? 'MACD' : 'RSI');
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [client]);
}
