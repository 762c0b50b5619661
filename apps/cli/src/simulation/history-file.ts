// Reading a history file (NDJSON, one signal or command per line) and a policy file, for the
// commands that run histories. A file that cannot be read, a line that is not JSON, or a policy
// that breaks a bound is a CliFailure: reported on stderr, exit status 1.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_POLICY, checkPolicyDocument, policyFromDocument, type Policy } from '@offramp/domain';

export class CliFailure extends Error {}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Every record of the file with its line number (from 1); blank lines are skipped. */
export async function* historyRecords(file: string, onLine?: (bytes: number) => void): AsyncGenerator<{ record: unknown; line: number }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  let readError: unknown;
  input.on('error', (error) => { readError = error; });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo += 1;
      onLine?.(text.length + 1);
      const line = lineNo === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new CliFailure(`${file}: line ${lineNo} is not JSON: ${(error as Error).message}`);
      }
      yield { record, line: lineNo };
    }
  } catch (error) {
    // Only a failure of the file itself is the user's; anything else is a fault to surface as is.
    if (error !== readError) throw error;
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  } finally {
    lines.close();
    input.destroy();
  }
}

/** A policy document from a JSON file, checked as the API checks a draft. */
export async function readPolicyFile(file: string): Promise<Policy> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliFailure(`cannot read the policy ${file}: ${(error as Error).message}`);
  }
  const checked = checkPolicyDocument(raw);
  if (!checked.ok) throw new CliFailure(`${file}: invalid_policy: ${checked.refusal.message}`);
  return policyFromDocument(checked.document, `file:${path.basename(file)}`, DEFAULT_POLICY.version);
}
