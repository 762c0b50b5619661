// The one error type of the ops API. Codes are the contract's refusal codes plus the few an HTTP
// service needs on top; `httpStatusOf` is the only place that turns a code into a status.
import { REFUSAL_CODES, type Refusal, type RefusalCode } from '@offramp/domain';

export const HTTP_ONLY_CODES = ['invalid_query', 'invalid_request', 'unauthorized', 'payload_too_large', 'unsupported_media_type', 'unavailable', 'internal'] as const;
export type ApiErrorCode = RefusalCode | (typeof HTTP_ONLY_CODES)[number];
export const API_ERROR_CODES: readonly ApiErrorCode[] = [...REFUSAL_CODES, ...HTTP_ONLY_CODES];

export interface ApiErrorBody { code: ApiErrorCode; message: string; field?: string; requestId?: string }

export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiError';
  }

  /** A domain refusal, or an auth refusal of libs/auth (401/403). */
  static fromRefusal(refusal: Refusal | { code: ApiErrorCode; message: string; field?: string }): ApiError {
    return new ApiError(refusal.code, refusal.message, refusal.field);
  }

  get body(): ApiErrorBody {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

/** Shape errors are 400, a rule broken is 409 (contract.md, "Ops API"). */
export function httpStatusOf(code: ApiErrorCode): number {
  switch (code) {
    case 'invalid_command':
    case 'invalid_signal':
    case 'invalid_policy':
    case 'invalid_query':
    case 'invalid_request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default:
      return 409;
  }
}
