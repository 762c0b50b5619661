// The Slack-compatible format: an incoming webhook takes `{ "text": "…" }`. One line a person
// reads in a channel: the client, what happened, why, and who did it.
import type { StoredEvent } from '@offramp/runtime';

const words = (s: string): string => s.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase();

export function slackTextOf(stored: StoredEvent, clientName: string): string {
  const { event } = stored;
  const data = event.data as { reasons?: { code: string }[]; transition?: { to: { state: string; phase: string | null } }; text?: unknown; ownerId?: unknown };
  const parts = [`*${clientName}*: ${words(event.type)}`];
  if (data.transition) parts.push(`→ ${words(data.transition.to.state)}${data.transition.to.phase ? ` (${data.transition.to.phase})` : ''}`);
  if (data.reasons?.length) parts.push(`because ${data.reasons.map((r) => words(r.code)).join(', ')}`);
  if (typeof data.ownerId === 'string') parts.push(`: ${data.ownerId}`);
  if (typeof data.text === 'string') parts.push(`: “${data.text}”`);
  const actor = event.causedBy.actor;
  if (actor) parts.push(`— by ${actor.id}`);
  return parts.join(' ');
}

export function slackBody(text: string): string {
  return JSON.stringify({ text });
}
