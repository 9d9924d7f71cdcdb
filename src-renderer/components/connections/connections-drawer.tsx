import { useEffect, type ReactElement } from 'react';
import { useConnectionsStore } from '../../state/connections-store';
import { AddConnectionForm } from './add-connection-form';
import { ConnectionCard } from './connection-card';
import { SourceSwitch } from './source-switch';
import './connections.css';

/**
 * The Connections drawer: replay or live prices, every exchange connection with its health
 * and key, and a form to add one. Opened from the top bar; Escape closes it.
 */
export function ConnectionsDrawer(): ReactElement | null {
  const open = useConnectionsStore((s) => s.open);
  const setOpen = useConnectionsStore((s) => s.setOpen);
  const list = useConnectionsStore((s) => s.list);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen]);
  if (!open) return null;
  return (
    <div className="drawer-backdrop" onClick={() => setOpen(false)}>
      <aside
        className="drawer"
        role="dialog"
        aria-label="Connections"
        data-testid="connections-drawer"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="drawer-head">
          <h2>Connections</h2>
          <span className="spacer" />
          <button type="button" aria-label="Close" onClick={() => setOpen(false)}>
            ✕
          </button>
        </header>
        <SourceSwitch />
        {list?.connections.map((c) => (
          <ConnectionCard key={c.name} connection={c} />
        ))}
        {list !== null && list.connections.length === 0 && (
          <p className="muted">No exchange yet. Public prices need no key.</p>
        )}
        <h3 className="sub-title">Add a connection</h3>
        <AddConnectionForm />
      </aside>
    </div>
  );
}
