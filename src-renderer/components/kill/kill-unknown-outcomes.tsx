import type { ReactElement } from 'react';
import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import { unknownOutcomeLines } from '../../view/unknown-outcome-lines';

/**
 * Orders whose placement answer was lost, as the kill chased them: the venue's "no open orders"
 * could not show them, so the kill asked for each by its client id. What became of each stays
 * in view after the kill; nothing shows when there were none.
 */
export function KillUnknownOutcomes({
  outcomes,
}: {
  readonly outcomes: readonly UnknownOrderOutcome[];
}): ReactElement | null {
  if (outcomes.length === 0) return null;
  return (
    <ul className="kill-unknown" data-testid="kill-unknown-outcomes">
      {unknownOutcomeLines(outcomes).map((line) => (
        <li key={line.key} className={line.tone}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}
