import { describe, expect, it } from 'vitest';
import { signInLink } from './sign-in-link';

describe('sign-in link', () => {
  it('carries the token in the fragment of the page root', () => {
    expect(signInLink('http://localhost:3000', 'a.b.c')).toBe('http://localhost:3000/#token=a.b.c');
  });

  it('does not double the slash of a base that has one', () => {
    expect(signInLink('http://localhost:3000/', 'a.b.c')).toBe('http://localhost:3000/#token=a.b.c');
  });
});
