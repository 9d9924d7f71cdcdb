import { systemClock } from '../../engine/clock';
import { connectionHandlers } from '../../engine/market/connections/connection-handlers';
import { ConnectionsService } from '../../engine/market/connections/connections-service';
import { CcxtCatalog } from '../../engine/market/exchanges/ccxt-catalog';
import { checkKeyPermissions } from '../../engine/secrets/permission-check';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { openDataFolderClient, type DataFolderClient } from './data-folder-client';

/**
 * The contract for connection, source and key commands: through the running app or host when
 * there is one, else on the data folder with the same ConnectionsService.
 */
export function openConnectionsClient(
  dataDir: string,
  options: { readonly secrets?: SecretStore } = {},
): Promise<DataFolderClient> {
  return openDataFolderClient(
    dataDir,
    ({ store, settings, audit, secrets }) =>
      connectionHandlers(
        new ConnectionsService({
          db: store.db,
          audit,
          settings,
          clock: systemClock,
          catalog: new CcxtCatalog(),
          secrets,
          check: checkKeyPermissions,
        }),
      ),
    options,
  );
}
