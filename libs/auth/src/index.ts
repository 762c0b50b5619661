// Auth in one place: signing and verifying bearer tokens, the secret they are signed with, and
// who may do what.
export { bearerTokenOf, callerOf, signToken, verifyToken, type Caller } from './tokens';
export { jwtSecretFileOf, resolveJwtSecret, type JwtSecretConfig } from './jwt-secret';
export { adminRefusalOf, authenticate, writeRefusalOf, type AuthRefusal, type Authentication, type Credentials } from './authenticate';
