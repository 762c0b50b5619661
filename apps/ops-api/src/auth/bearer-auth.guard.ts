// Every ops route needs `Authorization: Bearer <JWT>`; the verified caller rides on the request.
import { CanActivate, ExecutionContext, Inject, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '@offramp/config';
import { CONFIG } from '@offramp/platform';
import { ApiError } from '../errors/api-error';
import { bearerTokenOf, verifyToken, type Caller } from '@offramp/auth';
import { resolveJwtSecret } from './jwt-secret';

type AuthenticatedRequest = Request & { caller?: Caller };

@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly secret: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.secret = resolveJwtSecret(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(req.headers.authorization);
    if (!token) throw new ApiError('unauthorized', 'a bearer token is required');
    const caller = verifyToken(token, this.secret);
    if (!caller) throw new ApiError('unauthorized', 'the bearer token is invalid or expired');
    req.caller = caller;
    return true;
  }
}

/** The caller the guard verified. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new ApiError('unauthorized', 'a bearer token is required');
  return caller;
});
