import type { alertCommands } from '../../../src-shared/contract/alerts';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { actorOf } from '../risk/risk-handlers';
import type { Clock } from '../clock';
import type { AlertSystem } from './alert-system';

export function alertHandlers(
  alerts: AlertSystem,
  clock: Clock,
): Pick<CommandHandlers, keyof typeof alertCommands> {
  return {
    getAlertStatus: () => alerts.status(),
    setAlertSettings: (input, caller) => alerts.update(input.changes, actorOf(caller, undefined)),
    sendTestAlert: (_input, caller) => ({
      queued: alerts.send({
        kind: 'test',
        title: 'Vigil test alert',
        body: `Sent on request (${actorOf(caller, undefined)}). If you read this, alerts reach you.`,
        at: clock.now(),
      }),
    }),
  };
}
