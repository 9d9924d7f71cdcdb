import type { ReactElement } from 'react';
import { BookCrossCheck } from './book-cross-check';
import { ControlModeButtons } from './control-mode-buttons';
import { FlattenToggle } from './flatten-toggle';
import { HaltedActions } from './halted-actions';
import { KillForeignOrders } from './kill-foreign-orders';
import { KillProgressView } from './kill-progress-view';
import { RearmControl } from './rearm-control';
import { ShortcutStatus } from './shortcut-status';

/** Everything about the kill switch except the button itself, which lives in the top bar. */
export function KillPanel(): ReactElement {
  return (
    <div className="kill-panel">
      <KillProgressView />
      <HaltedActions />
      <BookCrossCheck />
      <KillForeignOrders />
      <ShortcutStatus />
      <ControlModeButtons />
      <FlattenToggle />
      <RearmControl />
    </div>
  );
}
