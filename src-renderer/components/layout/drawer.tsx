import { useEffect, type ReactElement, type ReactNode } from 'react';
import './drawer.css';

/**
 * A panel over the cockpit's right side (Connections, Settings): a click beside it or Escape
 * closes it. It opens inside .cockpit-body, below the top bar, so the KILL button and the
 * control mode stay visible and take a click while it is open: a dialog, but not a modal one.
 */
export function Drawer(props: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly testId: string;
  /**
   * For tables (the journal): from the left edge to the side column, which stays uncovered so
   * the KILL button, the kill panel and the ticket remain in view and one click away.
   */
  readonly wide?: boolean;
  readonly children: ReactNode;
}): ReactElement | null {
  const { open, onClose } = props;
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);
  if (!open) return null;
  return (
    <div
      className={props.wide === true ? 'drawer-backdrop is-wide' : 'drawer-backdrop'}
      onClick={onClose}
    >
      <div
        className={props.wide === true ? 'drawer drawer-wide' : 'drawer'}
        role="dialog"
        aria-label={props.title}
        data-testid={props.testId}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="drawer-head">
          <h2>{props.title}</h2>
          <span className="spacer" />
          <button type="button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
