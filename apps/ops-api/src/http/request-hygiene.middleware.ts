// A path or query the API cannot use is refused before any route runs: a malformed percent-escape,
// or a NUL (no PostgreSQL text can hold one) in a path segment, a query name or value.
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors/api-error';

const NUL = String.fromCharCode(0);

function decoded(part: string, where: 'path' | 'query'): string {
  try {
    return decodeURIComponent(where === 'query' ? part.replace(/\+/g, ' ') : part);
  } catch {
    throw new ApiError('invalid_query', `the ${where} holds a malformed percent-escape`, where);
  }
}

@Injectable()
export class RequestHygieneMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const url = request.originalUrl ?? request.url;
    const at = url.indexOf('?');
    const path = at === -1 ? url : url.slice(0, at);
    const query = at === -1 ? '' : url.slice(at + 1);
    for (const segment of path.split('/')) {
      if (decoded(segment, 'path').includes(NUL)) throw new ApiError('invalid_query', 'the path must not contain NUL', 'path');
    }
    for (const pair of query.split('&')) {
      if (decoded(pair, 'query').includes(NUL)) throw new ApiError('invalid_query', 'the query must not contain NUL', 'query');
    }
    next();
  }
}
