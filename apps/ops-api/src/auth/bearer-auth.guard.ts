// Every ops route (and the live feed) needs `Authorization: Bearer <JWT>`; libs/auth decides, and
// its refusal leaves as the one ApiError. The verified caller rides on the request.
import { CanActivate, ExecutionContext, Inject, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { authenticate, resolveJwtSecret, type Caller } from '@offramp/auth';
import type { AppConfig } from '@offramp/config';
import { CONFIG } from '@offramp/platform';
import { ApiError } from '../errors/api-error';

type AuthenticatedRequest = Request & { caller?: Caller };

@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly secret: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.secret = resolveJwtSecret(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = authenticate({ authorization: req.headers.authorization, query: req.query as Record<string, unknown> }, this.secret);
    if (!auth.ok) throw ApiError.fromRefusal(auth.refusal);
    req.caller = auth.caller;
    return true;
  }
}

/** The caller the guard verified. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new ApiError('unauthorized', 'a bearer token is required');
  return caller;
});
