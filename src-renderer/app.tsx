import type { ReactElement } from 'react';
import { KillPanel } from './components/kill-panel';
import type { VigilClient } from '../src-shared/contract/client';
import { PanelFrame } from './components/panel-frame';
import { ReportExport } from './components/report-export';
import { TopBar } from './components/top-bar';
import { useEngineStore } from './state/engine-store';

export function App(props: { client: VigilClient }): ReactElement {
  const dataDir = useEngineStore((s) => s.status?.dataDir);
  return (
    <div className="cockpit">
      <TopBar />
      <main className="cockpit-grid">
        <PanelFrame title="Watchlist" area="watch">
          <p className="empty">No symbols scanned yet.</p>
        </PanelFrame>
        <PanelFrame title="Chart" area="chart">
          <p className="empty">Select a symbol to chart.</p>
        </PanelFrame>
        <PanelFrame title="Kill switch" area="kill">
          <KillPanel />
        </PanelFrame>
        <PanelFrame title="Risk" area="risk">
          <p className="empty">No limits configured yet.</p>
        </PanelFrame>
        <PanelFrame title="Positions & orders" area="book">
          <p className="empty">No open positions or orders.</p>
        </PanelFrame>
      </main>
      <footer className="status-line">
        <span>Data folder: {dataDir ?? '—'}</span>
        <ReportExport client={props.client} />
      </footer>
    </div>
  );
}
