import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createVigilClient } from '../src-shared/contract/client';
import { App } from './app';
import { followControl } from './state/control-store';
import { followEngineStatus, useEngineStore } from './state/engine-store';
import { pickTransport } from './transport/pick-transport';
import './styles.css';

const transport = pickTransport((state) => useEngineStore.getState().setConnection(state));
const client = createVigilClient(transport);
followEngineStatus(client);
followControl(client);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
