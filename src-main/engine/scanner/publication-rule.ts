import type { ScannerSignal, TierChange } from '../../../src-shared/contract/scanner';

/**
 * Which evaluations are news, so published (a `signalPublished` event and an audit row) rather
 * than only shown on the board: a tier change; the first PRIME, WATCH or FAILED evaluation of a
 * market since the scanner started or was re-warmed (warm-up history is not news); a FAILED
 * signal whose reason is new. A WATCH or PRIME that holds its tier bar after bar is not
 * re-published: its board row follows every close, and its full signal is one `explainSignal`
 * away. This is what "every signal publication is audited" counts: with 600 markets on three
 * timeframes, re-publishing every holding WATCH cost 400+ full signals and audit rows per 4h
 * close that said nothing new.
 */
export class PublicationRule {
  /** Per market (its signal key): what was last published, as `tier` or `FAILED\0reason`. */
  private readonly published = new Map<string, string>();

  isNews(key: string, signal: ScannerSignal, tierChange: TierChange | null): boolean {
    const said = signal.tier === 'FAILED' ? `FAILED\u0000${signal.reason}` : signal.tier;
    const news =
      tierChange !== null || (signal.tier !== 'IGNORE' && this.published.get(key) !== said);
    if (news) this.published.set(key, said);
    return news;
  }

  /** Nothing counts as said any more: after a reset or a warm-up, the next evaluation is news. */
  forget(): void {
    this.published.clear();
  }
}
