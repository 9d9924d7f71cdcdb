/**
 * P as every screen, terminal and alert says it: "P 0.556", followed by "uncalibrated" when it
 * is the scanner's prior mapping of the score rather than a calibrated win chance. One wording
 * so the board, the plan, the journal, `vigil plan`/`vigil journal` and the alerts agree.
 */
export function probabilityText(
  probability: number | null,
  calibrated: boolean,
  digits = 3,
): string {
  if (probability === null) return 'P n/a';
  return `P ${probability.toFixed(digits)}${calibrated ? '' : ' uncalibrated'}`;
}
