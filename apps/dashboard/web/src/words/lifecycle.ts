import type { LifecycleState, Phase } from '../api/shapes';

const STATE_WORDS: Record<LifecycleState, string> = {
  healthy: 'Healthy',
  at_risk: 'At risk',
  repair_attempt: 'Repair attempt',
  notice: 'Notice',
  offboarded: 'Offboarded',
};

export const stateInWords = (state: LifecycleState): string => STATE_WORDS[state] ?? state;
export const phaseInWords = (phase: Phase): string => (phase === 'preparing' ? 'preparing' : phase === 'served' ? 'served' : '');
export const stateAndPhase = (state: LifecycleState, phase: Phase): string => (phase ? `${stateInWords(state)} (${phaseInWords(phase)})` : stateInWords(state));
