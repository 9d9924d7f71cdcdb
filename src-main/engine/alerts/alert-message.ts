/** Why an alert is sent; halts and kills are always sent, the rest per the settings. */
export type AlertKind =
  | 'halt'
  | 'fill'
  | 'refusal'
  | 'prime'
  | 'daily-summary'
  | 'test'
  /** Messages the rate limit held back, folded into one. */
  | 'digest';

export interface AlertMessage {
  readonly kind: AlertKind;
  readonly title: string;
  readonly body: string;
  readonly at: number;
  /** A digest's counts per kind of the messages it folds (digests fold into digests). */
  readonly folded?: Readonly<Record<string, number>>;
}

/** Kinds never folded into a summary or held back by the rate limit. */
export const URGENT_KINDS: ReadonlySet<AlertKind> = new Set(['halt']);

/** One line of text as every channel shows it. */
export function messageText(m: AlertMessage): string {
  return `${m.title}\n${m.body}`;
}
