// Auth in one place: signing and verifying bearer tokens.
export { bearerTokenOf, callerOf, signToken, verifyToken, type Caller } from './tokens';
