import type { ReactElement } from 'react';
import { useConnectionsStore } from '../../state/connections-store';
import { Drawer } from '../layout/drawer';
import { AddConnectionForm } from './add-connection-form';
import { ConnectionCard } from './connection-card';
import { SourceSwitch } from './source-switch';
import './connections.css';

/**
 * The Connections drawer: replay or live prices, every exchange connection with its health
 * and key, and a form to add one. Opened from the status line; Escape closes it.
 */
export function ConnectionsDrawer(): ReactElement | null {
  const open = useConnectionsStore((s) => s.open);
  const setOpen = useConnectionsStore((s) => s.setOpen);
  const list = useConnectionsStore((s) => s.list);
  return (
    <Drawer
      open={open}
      onClose={() => setOpen(false)}
      title="Connections"
      testId="connections-drawer"
    >
      <SourceSwitch />
      {list?.connections.map((c) => (
        <ConnectionCard key={c.name} connection={c} />
      ))}
      {list !== null && list.connections.length === 0 && (
        <p className="muted">No exchange yet. Public prices need no key.</p>
      )}
      <h3 className="sub-title">Add a connection</h3>
      <AddConnectionForm />
    </Drawer>
  );
}
