import { existsSync, mkdirSync } from 'node:fs';
import { createVigilClient, type VigilClient } from '../../../src-shared/contract/client';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import { AuditLog } from '../../engine/audit/audit-log';
import { systemClock } from '../../engine/clock';
import { databasePath } from '../../engine/data-dir';
import { connectionHandlers } from '../../engine/market/connections/connection-handlers';
import { ConnectionsService } from '../../engine/market/connections/connections-service';
import { CcxtCatalog } from '../../engine/market/exchanges/ccxt-catalog';
import { KeytarSecretStore } from '../../engine/secrets/keytar-secret-store';
import { checkKeyPermissions } from '../../engine/secrets/permission-check';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { Secrets } from '../../engine/secrets/secrets';
import { Settings } from '../../engine/settings';
import { openStore } from '../../engine/store/open-store';
import { readRuntimeFile } from '../runtime-file';
import { connectToHost } from './host-client';

export interface ConnectionsClient {
  readonly client: VigilClient;
  /** 'host': a running app or host applied the change; 'offline': written to the data folder. */
  readonly via: 'host' | 'offline';
  close(): void;
}

/**
 * The contract for connection, source and key commands: through the running app or host when
 * there is one (so a change applies at once, audited by the running engine), else directly on
 * the data folder with the same service code, for the next start to pick up.
 */
export async function openConnectionsClient(
  dataDir: string,
  options: { readonly secrets?: SecretStore } = {},
): Promise<ConnectionsClient> {
  if (hostIsRunning(dataDir)) {
    const host = await connectToHost(dataDir);
    return { client: host.client, via: 'host', close: () => host.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(databasePath(dataDir));
  const settings = new Settings(store.db);
  const service = new ConnectionsService({
    db: store.db,
    audit: new AuditLog(store.db, systemClock),
    settings,
    clock: systemClock,
    catalog: new CcxtCatalog(),
    secrets: new Secrets(options.secrets ?? new KeytarSecretStore(), settings),
    check: checkKeyPermissions,
  });
  const handlers = connectionHandlers(service);
  const client = createVigilClient({
    invoke: (name, input) => {
      if (!Object.hasOwn(handlers, name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_COMMAND', message: `${name} needs a running Vigil` },
        });
      }
      // Only connection commands reach here (checked above); the rest of the table is absent.
      return dispatchCommand(handlers as unknown as CommandHandlers, name, input, {
        origin: 'cli',
      });
    },
    subscribe: () => () => {},
  });
  return { client, via: 'offline', close: () => store.close() };
}

/** host.json names a process that is still alive (a crashed host leaves a stale file). */
function hostIsRunning(dataDir: string): boolean {
  let pid: number;
  try {
    if (!existsSync(dataDir)) return false;
    pid = readRuntimeFile(dataDir).pid;
  } catch {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
