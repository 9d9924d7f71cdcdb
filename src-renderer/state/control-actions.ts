import type { VigilClient } from '../../src-shared/contract/client';
import type { TriggerPath } from '../../src-shared/contract/risk';
import { errorText } from './error-text';
import { useKillStore } from './kill-store';
import { useRiskStore } from './risk-store';
import { useToastStore } from './toast-store';

/**
 * The kill: one call, no confirmation. The engine latches HALTED before it replies; progress
 * arrives as killProgress events. Flatten follows the toggle the trader sees. No reason is
 * sent: the path (`via`) is the actor's to say, and the engine's default reason says no more.
 */
export async function triggerKill(client: VigilClient, via: TriggerPath): Promise<void> {
  const kill = useKillStore.getState();
  kill.setRequest('sending');
  const flatten = useRiskStore.getState().config?.flattenOnKill;
  try {
    await client.call('kill', { via, ...(flatten === undefined ? {} : { flatten }) });
    kill.setRequest('idle');
  } catch (error) {
    kill.setRequest('failed', errorText(error));
    useToastStore.getState().push('error', 'KILL FAILED', errorText(error));
  }
}

/** Leaves HALTED; the caller has already collected the typed confirmation. */
export async function rearm(client: VigilClient): Promise<void> {
  await client.call('rearm', { confirm: 'REARM', via: 'ui', reason: 'rearmed in the cockpit' });
  // A new arm starts with no stale progress on screen.
  useKillStore.getState().setProgress(null);
}

/** Pause when running, resume when paused or reducing. HALTED is left only through rearm. */
export async function togglePause(client: VigilClient, via: TriggerPath): Promise<void> {
  const mode = useKillStore.getState().control?.control.mode;
  const toast = useToastStore.getState();
  try {
    if (mode === 'RUNNING') await client.call('pause', { via });
    else if (mode === 'PAUSED' || mode === 'REDUCING') await client.call('resume', { via });
    else toast.push('info', 'Cannot pause or resume', `Trading is ${mode ?? 'unknown'}.`);
  } catch (error) {
    toast.push('error', 'Pause/resume refused', errorText(error));
  }
}

/** Pause entries, reduce-only, or resume; the engine refuses these while HALTED. */
export async function setControlMode(
  client: VigilClient,
  command: 'pause' | 'reduce' | 'resume',
): Promise<void> {
  try {
    await client.call(command, { via: 'ui' });
  } catch (error) {
    useToastStore.getState().push('error', `${command} refused`, errorText(error));
  }
}

/** HALTED after a kill without flatten: close whatever is still open, through the kill path. */
export async function flattenNow(client: VigilClient): Promise<void> {
  try {
    await client.call('kill', {
      via: 'ui',
      flatten: true,
      reason: 'flatten now, from the kill panel',
    });
  } catch (error) {
    useToastStore.getState().push('error', 'Flatten failed', errorText(error));
  }
}

/** HALTED after a kill without flatten: put a protective stop back on each open position. */
export async function replaceProtectiveStops(client: VigilClient): Promise<void> {
  const toast = useToastStore.getState();
  try {
    const { placed, failed, covered } = await client.call('replaceProtectiveStops', {});
    const lines = [
      ...placed.map(
        (o) =>
          `${o.symbol}: stop at ${o.stopPrice} placed (${o.basis === 'plan' ? "the bracket's stop" : 'emergency distance from the mark'})`,
      ),
      ...failed.map((f) => `${f.symbol}: ${f.reason}`),
      ...(covered > 0 ? [`${covered} already covered`] : []),
    ];
    toast.push(
      failed.length > 0 ? 'rejection' : 'info',
      `Protective stops: ${placed.length} placed${failed.length > 0 ? `, ${failed.length} failed` : ''}`,
      lines.join('; ') || 'no open position',
    );
  } catch (error) {
    toast.push('error', 'Re-placing stops failed', errorText(error));
  }
}
