import type { connectionCommands } from '../../../../src-shared/contract/connections';
import type { CallerContext, CommandHandlers } from '../../../../src-shared/contract/handlers';
import type { ConnectionsService } from './connections-service';

export type ConnectionCommandName = keyof typeof connectionCommands;

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

/** The connection and key commands, for a running engine and for the CLI offline alike. */
export function connectionHandlers(
  service: ConnectionsService,
): Pick<CommandHandlers, ConnectionCommandName> {
  return {
    listConnections: () => service.list(),
    addConnection: (input, caller) => service.add(input, actorOf(caller)),
    removeConnection: ({ name }, caller) => service.remove(name, actorOf(caller)),
    watchSymbols: ({ name, add, remove }, caller) =>
      service.watch(name, { add, remove }, actorOf(caller)),
    testConnection: async ({ name }) => {
      const checks = await service.test(name);
      return { name, ok: checks.every((c) => c.ok), checks };
    },
    setMarketSource: ({ source }, caller) => service.setSource(source, actorOf(caller)),
    setExchangeKey: ({ connection, ...key }, caller) =>
      service.setKey(connection, key, actorOf(caller)),
    deleteExchangeKey: ({ connection }, caller) => service.deleteKey(connection, actorOf(caller)),
    verifyExchangeKey: ({ connection }, caller) => service.verifyKey(connection, actorOf(caller)),
    getKeyStatus: ({ connection }) => ({ keys: service.keyStatus(connection) }),
  };
}
