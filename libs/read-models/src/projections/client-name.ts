// A returning client is recognised by name, however it was typed: case, accents, punctuation,
// spacing and the legal form ("Acme AB", "ACME, Inc.", "acmé") do not make a new client.
const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'ab', 'as', 'oy', 'bv', 'nv', 'sa', 'sas', 'sarl', 'srl', 'spa', 'kft', 'zrt', 'nyrt', 'bt',
  'sti', 'hb', 'kb', 'pty',
]);

export function normaliseClientName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}
