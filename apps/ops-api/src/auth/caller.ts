// Who is calling: the claims of a verified bearer token. Every read and write is scoped to `teamId`.
import { writeRefusalOf, type Caller } from '@offramp/auth';

export { signToken, verifyToken, type Caller } from '@offramp/auth';

export const canWrite = (caller: Caller): boolean => writeRefusalOf(caller) === null;
