import type { alertCommands } from '../../../src-shared/contract/alerts';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { actorText } from '../../../src-shared/domain/actor-words';
import { actorOf } from '../risk/risk-handlers';
import type { Clock } from '../clock';
import type { AlertSecrets } from './alert-secrets';
import type { AlertSystem } from './alert-system';

type AlertSecretCommand = 'setAlertSecret' | 'deleteAlertSecret';

/** Setting and deleting the channels' secrets: for a running engine and the CLI offline alike. */
export function alertSecretHandlers(
  secrets: AlertSecrets,
): Pick<CommandHandlers, AlertSecretCommand> {
  return {
    setAlertSecret: (input, caller) => secrets.set(input, actorOf(caller, undefined)),
    deleteAlertSecret: ({ channel }, caller) => secrets.delete(channel, actorOf(caller, undefined)),
  };
}

export function alertHandlers(
  alerts: AlertSystem,
  secrets: AlertSecrets,
  clock: Clock,
): Pick<CommandHandlers, keyof typeof alertCommands> {
  return {
    getAlertStatus: () => alerts.status(),
    setAlertSettings: (input, caller) => alerts.update(input.changes, actorOf(caller, undefined)),
    ...alertSecretHandlers(secrets),
    sendTestAlert: (_input, caller) => ({
      queued: alerts.send({
        kind: 'test',
        title: 'Vigil test alert',
        body: `Sent on request by ${actorText(actorOf(caller, undefined))}. If you read this, alerts reach you.`,
        at: clock.now(),
      }),
    }),
  };
}
