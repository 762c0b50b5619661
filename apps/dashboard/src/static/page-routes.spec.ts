import { describe, expect, it } from 'vitest';
import { isPageRoute } from './page-routes';

describe('page routes', () => {
  it.each(['/', '/board', '/at-risk', '/relationships/acme', '/assets/index.js'])('%s loads the page', (p) => {
    expect(isPageRoute(p)).toBe(true);
  });

  it.each(['/v1/board', '/v1', '/health', '/ready', '/metrics', '/docs', '/docs-json', '/openapi.json'])('%s stays with the API', (p) => {
    expect(isPageRoute(p)).toBe(false);
  });
});
