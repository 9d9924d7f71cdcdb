import type { ReactElement } from 'react';
import type { DurabilityProblem } from '../../../src-shared/contract/risk';
import { useKillStore } from '../../state/kill-store';

/** One line per cause: "no space left on … — control mode, kill state not recorded". */
function byCause(problems: readonly DurabilityProblem[]): Array<[string, string[]]> {
  const causes = new Map<string, string[]>();
  for (const p of problems) causes.set(p.why, [...(causes.get(p.why) ?? []), p.what]);
  return [...causes];
}

/**
 * Across the window whenever the engine could not write part of the control path to disk.
 * Red when the mode itself is in memory only (a restart would lose HALTED); amber when the
 * kill latch file holds it but the database has not recorded everything yet. Each line says
 * what, why and where; it clears itself once the engine's retries succeed.
 */
export function DurabilityBanner(): ReactElement | null {
  const durability = useKillStore((s) => s.durability);
  const mode = useKillStore((s) => s.control?.control.mode);
  if (durability === null) return null;
  const { latchDurable, problems, pendingAuditRows } = durability;
  if (latchDurable && problems.length === 0 && pendingAuditRows === 0) return null;
  const headline = latchDurable ? 'DISK PROBLEM' : `${mode ?? 'MODE'} IN MEMORY ONLY`;
  const what = latchDurable
    ? 'The kill latch is safe on disk. Not yet written (retried every second):'
    : 'A restart would not keep it. Keep Vigil running and free the disk:';
  return (
    <div
      className={`durability-banner${latchDurable ? '' : ' not-durable'}`}
      role="alert"
      data-testid="durability-banner"
      data-durable={latchDurable}
    >
      <strong>{headline}</strong>
      <div className="durability-detail">
        <span>{what}</span>
        <ul>
          {byCause(problems).map(([why, whats]) => (
            <li key={why}>
              <b>{whats.join('; ')}</b>
              {pendingAuditRows > 0 && whats.some((w) => w.startsWith('audit'))
                ? ` (${pendingAuditRows} rows)`
                : ''}{' '}
              — {why}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
