import { existsSync, mkdirSync } from 'node:fs';
import { createVigilClient, type VigilClient } from '../../../src-shared/contract/client';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import { AuditLog } from '../../engine/audit/audit-log';
import { systemClock } from '../../engine/clock';
import { databasePath } from '../../engine/data-dir';
import { KeytarSecretStore } from '../../engine/secrets/keytar-secret-store';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { Secrets } from '../../engine/secrets/secrets';
import { Settings } from '../../engine/settings';
import type { Store } from '../../engine/store/open-store';
import { openVigilStore } from '../../engine/schema';
import { readRuntimeFile } from '../runtime-file';
import { connectToHost } from './host-client';

export interface DataFolderClient {
  readonly client: VigilClient;
  /** 'host': a running app or host applied the change; 'offline': written to the data folder. */
  readonly via: 'host' | 'offline';
  close(): void;
}

/** What offline handlers are built on: the data folder's database and its keychain profile. */
export interface DataFolderParts {
  readonly store: Store;
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly secrets: Secrets;
}

/**
 * The contract for commands that also work with no Vigil running (connections, keys, alert
 * secrets): through the running app or host when there is one (so a change applies at once,
 * audited by the running engine), else directly on the data folder with the same service code
 * (`handlersFor`), for the next start to pick up. Offline, any other command is refused as
 * needing a running Vigil.
 */
export async function openDataFolderClient(
  dataDir: string,
  handlersFor: (parts: DataFolderParts) => Partial<CommandHandlers>,
  options: { readonly secrets?: SecretStore } = {},
): Promise<DataFolderClient> {
  if (hostIsRunning(dataDir)) {
    const host = await connectToHost(dataDir);
    return { client: host.client, via: 'host', close: () => host.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  const store = openVigilStore(databasePath(dataDir));
  const settings = new Settings(store.db);
  const handlers = handlersFor({
    store,
    settings,
    audit: new AuditLog(store.db, systemClock),
    secrets: new Secrets(options.secrets ?? new KeytarSecretStore(), settings),
  });
  const client = createVigilClient({
    invoke: (name, input) => {
      if (!Object.hasOwn(handlers, name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_COMMAND', message: `${name} needs a running Vigil` },
        });
      }
      // Only this area's commands reach here (checked above); the rest of the table is absent.
      return dispatchCommand(handlers as CommandHandlers, name, input, { origin: 'cli' });
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
