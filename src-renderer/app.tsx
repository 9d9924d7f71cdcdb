import type { ReactElement } from 'react';
import { AlertFailureBanner } from './components/alerts/alert-failure-banner';
import { BacktestButton } from './components/backtest/backtest-button';
import { BacktestDrawer } from './components/backtest/backtest-drawer';
import { BookPanel } from './components/book/book-panel';
import { OrderTicket } from './components/book/order-ticket';
import { ChartPanel } from './components/chart/chart-panel';
import { PlanPanel } from './components/plans/plan-panel';
import { AutopilotSwitch } from './components/plans/autopilot-switch';
import { ConnectionsButton } from './components/connections/connections-button';
import { ConnectionsDrawer } from './components/connections/connections-drawer';
import { JournalButton } from './components/journal/journal-button';
import { JournalDrawer } from './components/journal/journal-drawer';
import { HelpOverlay } from './components/keyboard/help-overlay';
import { SymbolSearch } from './components/keyboard/symbol-search';
import { useShortcuts } from './components/keyboard/use-shortcuts';
import { DurabilityBanner } from './components/kill/durability-banner';
import { EngineOfflineBanner } from './components/kill/engine-offline-banner';
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
import { usePlanStore } from './state/plan-store';

/**
 * The cockpit, laid out for a 1280x720 laptop first: the board down the left, chart over the
 * book in the middle, and on the right the kill switch and the order ticket, which never
 * scroll away, over risk and mode (which do). The top bar (KILL included) and the banners sit
 * above .cockpit-body, which holds every drawer, overlay and toast: nothing opens over them.
 */
export function App(): ReactElement {
  useShortcuts();
  const dataDir = useEngineStore((s) => s.status?.dataDir);
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const planning = usePlanStore((s) => s.request !== null);
  const live = useEngineStore((s) => s.status?.tradingMode === 'LIVE');
  return (
    <div
      className={`cockpit${halted ? ' is-halted' : ''}${live ? ' is-live' : ''}`}
      data-testid="cockpit"
      data-halted={halted}
      data-live={live}
    >
      <TopBar />
      <EngineOfflineBanner />
      <HaltedBanner />
      <DurabilityBanner />
      <ResumingBanner />
      <AlertFailureBanner />
      {/* Everything that can cover something lives in here, under the top bar and the banners:
          no drawer, overlay or toast can reach the KILL button or the HALTED line. */}
      <div className="cockpit-body">
        <main className="cockpit-grid">
          <div className="board-column" style={{ gridArea: 'board' }}>
            <PanelFrame title="Signals" grow testId="board-panel">
              <SignalBoard />
            </PanelFrame>
            <PanelFrame title="Signal detail" extraClass="detail-panel">
              <SignalDetail />
            </PanelFrame>
          </div>
          <PanelFrame title="Chart" area="chart" flush>
            <ChartPanel />
          </PanelFrame>
          <PanelFrame title="Positions & orders" area="book" testId="book-panel">
            <BookPanel />
          </PanelFrame>
          <div className="side-column" style={{ gridArea: 'side' }}>
            <PanelFrame title="Kill switch" testId="kill-panel">
              <KillPanel />
            </PanelFrame>
            {planning ? (
              <PanelFrame title="Trade plan" testId="plan-frame">
                <PlanPanel />
              </PanelFrame>
            ) : (
              <PanelFrame title="New order" testId="ticket-panel">
                <OrderTicket />
              </PanelFrame>
            )}
            <div className="side-scroll" tabIndex={0} role="region" aria-label="Limits and mode">
              <PanelFrame title="Risk">
                <RiskPanel />
              </PanelFrame>
              <PanelFrame title="Trading mode">
                <ModeToggle />
              </PanelFrame>
              <PanelFrame title="Autopilot" testId="autopilot-panel">
                <AutopilotSwitch />
              </PanelFrame>
            </div>
          </div>
        </main>
        <footer className="status-line">
          <span className="status-data-dir" title={dataDir}>
            Data folder: {dataDir ?? '—'} · Press ? for shortcuts
          </span>
          <ConnectionsButton />
          <SettingsButton />
          <JournalButton />
          <BacktestButton />
          <ReportExport />
        </footer>
        <ToastStack />
        <HelpOverlay />
        <ConnectionsDrawer />
        <SettingsDrawer />
        <JournalDrawer />
        <BacktestDrawer />
        <SymbolSearch />
      </div>
    </div>
  );
}
