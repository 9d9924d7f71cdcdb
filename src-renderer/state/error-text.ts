import { ContractCallError } from '../../src-shared/contract/wire';
import { RISK_FIELDS } from '../view/risk-config-fields';
import { readableReason } from '../view/venue-reason';

/** Form fields by their contract path, as the forms label them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  symbol: 'Symbol',
  side: 'Side',
  type: 'Order type',
  qty: 'Qty',
  price: 'Limit price',
  stopPrice: 'Stop price',
  'bracket.stopLoss': 'Stop-loss',
  'bracket.takeProfit': 'Take-profit',
  confirm: 'Confirmation',
  reason: 'Reason',
  startingBalance: 'Starting balance',
  ...Object.fromEntries(RISK_FIELDS.map((f) => [f.key, f.label])),
};

/** Schema messages a trader would not write, in the words of the form. */
function issueWords(message: string): string {
  if (message === 'must be a non-negative decimal string') return 'must be a number like 0.01';
  if (message === "must look like 'BTC/USDT'") return 'must be a market like BTC/USDT';
  if (/^Invalid input: expected \w+, received undefined$/.test(message)) return 'is required';
  if (/^Invalid (input|option)/.test(message)) return 'is not a valid choice';
  return message;
}

/**
 * The message of anything thrown by a contract call, for a toast or a panel: a refused input
 * names its field as the form labels it; an engine failure drops the command's name.
 */
export function errorText(error: unknown): string {
  if (error instanceof ContractCallError) {
    if (error.code === 'INVALID_INPUT' && error.issues !== undefined && error.issues.length > 0) {
      return error.issues
        .map((i) => `${FIELD_LABELS[i.path] ?? i.path} ${issueWords(i.message)}`)
        .join('; ');
    }
    // A refusal says why in the engine's words; a gate refusal names its limit.
    if (error.code === 'REFUSED') return readableReason(error.message);
    if (error.code === 'HANDLER_FAILED')
      return readableReason(error.message.replace(/^\w+ failed: /, ''));
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
