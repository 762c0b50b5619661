import { describe, expect, it } from 'vitest';
import { normaliseClientName } from './client-name';

describe('recognising a returning client by name', () => {
  it('ignores case, accents, punctuation and spacing', () =>
    expect(normaliseClientName('  ACMÉ   Widgets, ')).toBe(normaliseClientName('acme widgets')));

  it('ignores the legal form', () => {
    for (const name of ['Acme AB', 'Acme, Inc.', 'ACME Ltd', 'Acme Kft.', 'Acme GmbH']) expect(normaliseClientName(name)).toBe('acme');
  });

  it('keeps a name that is only a legal-form word', () => expect(normaliseClientName('AB')).toBe('ab'));

  it('tells different clients apart', () => expect(normaliseClientName('Acme Widgets')).not.toBe(normaliseClientName('Acme Gadgets')));

  it('keeps letters of every script', () => expect(normaliseClientName('شركة النور')).toBe('شركة النور'));
});
