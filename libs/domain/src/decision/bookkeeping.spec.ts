// Account owner and notes: recorded like every other command (rules 19, 20), and neither moves
// the machine nor touches the risk.
import { describe, expect, it } from 'vitest';
import { accountOwnerOf } from '../view';
import { accepted, command, day, given, opened, recorded, refused, signal, stateIs } from '../testing';

const atRisk = [opened(), signal('dishonesty.detected', { on: day(1) })];

describe('account.assign_owner: who looks after the account', () => {
  it('records the owner and the one before, in any state, without a transition', () =>
    given(...atRisk, command('account.assign_owner', { on: day(2), data: { ownerId: 'u-ana' } }))
      .when(command('account.assign_owner', { on: day(3), data: { ownerId: 'u-ben' } }))
      .then(accepted, stateIs('at_risk'), recorded('AccountOwnerAssigned', (d) => d.ownerId === 'u-ben' && d.previousOwnerId === 'u-ana'), (o) => {
        expect(o.events.map((e) => e.type)).toEqual(['AccountOwnerAssigned']);
        expect(o.events[0].data.transition).toBeUndefined();
        expect(accountOwnerOf(o.state!)).toBe('u-ben');
      }));
  it('policy 20: a viewer may not assign one', () =>
    given(opened()).when(command('account.assign_owner', { on: day(2), role: 'viewer', data: { ownerId: 'u-ana' } })).then(refused('forbidden')));
  it('policy 20: the owner is required', () =>
    given(opened()).when(command('account.assign_owner', { on: day(2), data: {} })).then(refused('invalid_command', 'data.ownerId')));
});

describe('note.add: a note on the timeline', () => {
  it('is recorded with who wrote it and changes no state', () => {
    const without = given(...atRisk).after(day(2)).then().state!;
    given(...atRisk).when(command('note.add', { on: day(2), data: { text: 'Called Dana; invoice promised Friday.' } }))
      .then(accepted, stateIs('at_risk'), (o) => {
        expect(o.events.map((e) => e.type)).toEqual(['NoteAdded']);
        expect(o.events[0].data).toMatchObject({ text: 'Called Dana; invoice promised Friday.', by: { id: 'u-manager', role: 'manager' } });
        const { lastAt: _a, ...after } = o.state!;
        const { lastAt: _b, ...before } = without;
        expect(after).toEqual(before);
      });
  });
  it('an empty note is refused naming the field', () =>
    given(opened()).when(command('note.add', { on: day(2), data: { text: '' } })).then(refused('invalid_command', 'data.text')));
});
