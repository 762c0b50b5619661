// What a refusal means for the person who just clicked.
const CODE_WORDS: Record<string, string> = {
  invalid_command: 'Something in the request is missing or wrong',
  not_found: 'This relationship does not exist in your team',
  forbidden: 'Your role does not allow this',
  wrong_state: 'Not possible in the relationship’s current state',
  cooling_off: 'Cooling-off is still running',
  receivables_outstanding: 'Invoices are still unpaid',
  contract_not_reviewed: 'The contract has not been reviewed',
  checklist_incomplete: 'The exit checklist is not complete',
  version_conflict: 'Someone else changed this relationship meanwhile',
  unauthorized: 'Your sign-in has expired',
  offline: 'No connection to the server',
};
export const refusalHeadline = (code: string): string => CODE_WORDS[code] ?? 'The request failed';

/** Guards an admin may lift with an override (policy rule 21). */
export const OVERRIDABLE = new Set(['cooling_off', 'contract_not_reviewed', 'receivables_outstanding', 'checklist_incomplete']);
