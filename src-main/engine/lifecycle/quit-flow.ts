import type { ControlStatus } from '../../../src-shared/contract/risk';
import type { AuditLog } from '../audit/audit-log';

export type QuitChoice = 'kill-then-quit' | 'quit' | 'cancel';

/** What to ask the trader before quitting; null when nothing is open (quit at once). */
export interface QuitQuestion {
  readonly message: string;
  readonly detail: string;
  /** Buttons in order; the first (kill first) is the default. */
  readonly choices: readonly { readonly choice: QuitChoice; readonly label: string }[];
}

/**
 * Quitting with open positions or orders, or with venues that cannot be asked, asks first and
 * offers the kill before anything else. Quitting while HALTED with a clean book, or flat and
 * with no orders, needs no question.
 */
export function quitQuestion(status: ControlStatus, flattenOnKill: boolean): QuitQuestion | null {
  const { openOrders, positions } = status;
  if (openOrders === 0 && positions === 0) return null;
  const unknown = openOrders === null || positions === null;
  const what = unknown
    ? 'Vigil could not ask every venue for its open orders and positions.'
    : `${positions} open position(s) and ${openOrders} open order(s).`;
  return {
    message: unknown ? 'Quit without knowing what is open?' : 'Quit with positions or orders open?',
    detail: `${what} Resting orders stay at the venue while Vigil is closed, and nothing watches the positions. Kill first cancels every order${flattenOnKill ? ' and closes every position' : ''}, then quits.`,
    choices: [
      { choice: 'kill-then-quit', label: 'Kill first, then quit' },
      { choice: 'quit', label: 'Quit and leave them' },
      { choice: 'cancel', label: 'Cancel' },
    ],
  };
}

export interface QuitFlowDeps {
  readonly status: () => Promise<ControlStatus>;
  /** Whether the kill also flattens (the risk configuration's "flatten on kill"). */
  readonly flattenOnKill: () => boolean;
  /** Shows the question; resolves with the trader's choice. */
  readonly ask: (question: QuitQuestion) => Promise<QuitChoice>;
  /** Triggers the kill; resolves when the venues are clean. */
  readonly kill: () => Promise<unknown>;
  readonly audit: AuditLog;
  readonly actor: string;
}

/**
 * Decides whether the app may quit now. Resolves true to quit, false to stay; a kill that
 * fails keeps the app open (the trader sees why), never a silent quit with orders left.
 */
export async function runQuitFlow(deps: QuitFlowDeps): Promise<boolean> {
  const status = await deps.status();
  const question = quitQuestion(status, deps.flattenOnKill());
  if (question === null) {
    deps.audit.append({ kind: 'app.quit', actor: deps.actor, payload: { asked: false } });
    return true;
  }
  const choice = await deps.ask(question);
  deps.audit.append({
    kind: 'app.quit_asked',
    actor: deps.actor,
    payload: { choice, openOrders: status.openOrders ?? -1, positions: status.positions ?? -1 },
  });
  if (choice === 'cancel') return false;
  if (choice === 'kill-then-quit') await deps.kill();
  deps.audit.append({ kind: 'app.quit', actor: deps.actor, payload: { asked: true, choice } });
  return true;
}
