// Request examples of the OpenAPI document: one per command and signal type, from the catalogue's examples.
import { COMMAND_TYPES, SIGNAL_TYPES } from '@offramp/domain';
import { commandBodyExample, signalExample } from '@offramp/contract';

export const commandBodyExamples = () =>
  Object.fromEntries(COMMAND_TYPES.map((type, n) => [type, { summary: type, value: commandBodyExample(type, n) }]));

export const signalBodyExamples = () => ({
  ...Object.fromEntries(SIGNAL_TYPES.map((type, n) => [type, { summary: type, value: signalExample(type, n) }])),
  batch: { summary: 'several signals at once', value: [signalExample('invoice.issued', 0), signalExample('meeting.held', 1)] },
});
