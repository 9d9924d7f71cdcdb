import type { ReactElement } from 'react';
import { AlertFailureBanner } from './components/alerts/alert-failure-banner';
import { BookPanel } from './components/book/book-panel';
import { ConnectionsButton } from './components/connections/connections-button';
import { ConnectionsDrawer } from './components/connections/connections-drawer';
import { ChartPanel } from './components/chart/chart-panel';
import { HelpOverlay } from './components/keyboard/help-overlay';
import { SymbolSearch } from './components/keyboard/symbol-search';
import { useShortcuts } from './components/keyboard/use-shortcuts';
import { DurabilityBanner } from './components/kill/durability-banner';
import { HaltedBanner } from './components/kill/halted-banner';
import { KillPanel } from './components/kill/kill-panel';
import { PanelFrame } from './components/layout/panel-frame';
import { ModeToggle } from './components/mode/mode-toggle';
import { ResumingBanner } from './components/power/resuming-banner';
import { SettingsButton } from './components/settings/settings-button';
import { SettingsDrawer } from './components/settings/settings-drawer';
import { ReportExport } from './components/reports/report-export';
import { RiskPanel } from './components/risk/risk-panel';
import { SignalBoard } from './components/signals/signal-board';
import { SignalDetail } from './components/signals/signal-detail';
import { ToastStack } from './components/toasts/toast-stack';
import { TopBar } from './components/top-bar/top-bar';
import { useEngineStore } from './state/engine-store';

export function App(): ReactElement {
  useShortcuts();
  const dataDir = useEngineStore((s) => s.status?.dataDir);
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  return (
    <div
      className={`cockpit${halted ? ' is-halted' : ''}`}
      data-testid="cockpit"
      data-halted={halted}
    >
      <TopBar />
      <HaltedBanner />
      <DurabilityBanner />
      <ResumingBanner />
      <AlertFailureBanner />
      <main className="cockpit-grid">
        <PanelFrame title="Signals" area="board">
          <SignalBoard />
        </PanelFrame>
        <PanelFrame title="Signal detail" area="detail">
          <SignalDetail />
        </PanelFrame>
        <PanelFrame title="Chart" area="chart" flush>
          <ChartPanel />
        </PanelFrame>
        <div className="side-column" style={{ gridArea: 'side' }}>
          <PanelFrame title="Kill switch">
            <KillPanel />
          </PanelFrame>
          <PanelFrame title="Trading mode">
            <ModeToggle />
          </PanelFrame>
          <PanelFrame title="Risk" grow>
            <RiskPanel />
          </PanelFrame>
        </div>
        <PanelFrame title="Positions & orders" area="book">
          <BookPanel />
        </PanelFrame>
      </main>
      <footer className="status-line">
        <span>Data folder: {dataDir ?? '—'} · Press ? for shortcuts</span>
        <ConnectionsButton />
        <SettingsButton />
        <ReportExport />
      </footer>
      <ToastStack />
      <HelpOverlay />
      <ConnectionsDrawer />
      <SettingsDrawer />
      <SymbolSearch />
    </div>
  );
}
