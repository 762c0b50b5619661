import { describe, expect, it } from 'vitest';
import { expectedVersionOf } from './presenters';

describe('the version a command was decided on', () => {
  it('comes from If-Match in any of its usual forms', () => {
    for (const header of ['"7"', '7', 'W/"7"']) expect(expectedVersionOf(header, {})).toBe(7);
  });

  it('comes from expectedVersion when there is no If-Match', () => {
    expect(expectedVersionOf(undefined, { expectedVersion: 3 })).toBe(3);
    expect(expectedVersionOf(undefined, {})).toBeUndefined();
  });

  it('is invalid_command naming the field when malformed', () => {
    expect(() => expectedVersionOf('"seven"', {})).toThrow(expect.objectContaining({ code: 'invalid_command', field: 'If-Match' }));
    expect(() => expectedVersionOf(undefined, { expectedVersion: -1 })).toThrow(expect.objectContaining({ field: 'expectedVersion' }));
  });
});
