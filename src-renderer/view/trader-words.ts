/**
 * Engine text in the trader's words, for the cockpit only. Who acted and which rule refused
 * are in src-shared/domain/actor-words (the engine's alerts say them too).
 */

/**
 * Float noise in engine text ("risk 905.1900000000005") rounded away: a decimal with a run of
 * six 0s or 9s deep in its digits is the binary float's artefact, not a figure anyone meant.
 */
export function withoutFloatNoise(text: string): string {
  return text.replace(/-?\d+\.\d*(?:0{6,}|9{6,})\d+/g, (m) =>
    String(Number(Number(m).toPrecision(12))),
  );
}

/** What "uncalibrated" next to a P means, for its tooltip. */
export const UNCALIBRATED_HINT =
  "Uncalibrated: this P is the scanner's prior mapping of the score, not a win chance. No calibration of this market and timeframe has beaten the base rate out of sample (Calibrate P in the Backtest drawer, or vigil calibrate). It cannot reach PRIME, and a plan on it risks the minimum without Kelly.";
