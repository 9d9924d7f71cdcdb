import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createVigilClient } from '../src-shared/contract/client';
import { App } from './app';
import { ClientContext } from './state/client-context';
import { TIMEFRAME_MS } from '../src-shared/domain/candle';
import { followConnections } from './state/follow-connections';
import { followJournal } from './state/follow-journal';
import { followAutopilot } from './state/follow-autopilot';
import { followControl } from './state/follow-control';
import { followExecution } from './state/follow-execution';
import { followMarket } from './state/follow-market';
import { followPlanVerdicts } from './state/follow-plan';
import { followScanner } from './state/follow-scanner';
import { followCalibrations } from './state/calibration-store';
import { followPower } from './state/power-store';
import { followAlerts } from './state/alert-store';
import { followTrading } from './state/trading-store';
import { followDesktop } from './state/desktop-store';
import { followEngineStatus, useEngineStore } from './state/engine-store';
import { pickTransport } from './transport/pick-transport';
import './styles.css';

const transport = pickTransport((state) => useEngineStore.getState().setConnection(state));
const client = createVigilClient(transport);
followEngineStatus(client);
followControl(client);
followExecution(client);
followPower(client);
followAlerts(client);
followTrading(client);
followDesktop(client);
const nextFrame = (run: () => void): void => void requestAnimationFrame(run);
followMarket(
  client,
  (tf) => TIMEFRAME_MS[tf],
  () => Date.now(),
  nextFrame,
);
followScanner(client, (tf) => TIMEFRAME_MS[tf], nextFrame);
followCalibrations(client);
followConnections(client);
followJournal(client);
followAutopilot(client);
followPlanVerdicts(client);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>
  </StrictMode>,
);
