import { describe, expect, it } from 'vitest';
import { corsHeaders, parseAllowedOrigins, preflightHeaders } from '../../../functions/http/cors.js';

const preflightFrom = (allowed: readonly string[], origin: string) =>
  preflightHeaders(allowed, { origin, 'access-control-request-method': 'POST' })[
    'access-control-allow-origin'
  ];

describe('CORS: which browser origins may call (issue 25)', () => {
  it('allows the Vite dev server by name and by address by default, in development', () => {
    const allowed = parseAllowedOrigins(undefined);
    expect(preflightFrom(allowed, 'http://localhost:5173')).toBe('http://localhost:5173');
    expect(preflightFrom(allowed, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(corsHeaders(allowed, 'http://127.0.0.1:5173')['access-control-allow-origin']).toBe(
      'http://127.0.0.1:5173',
    );
  });

  it('matches each ALLOWED_ORIGINS entry whole: no prefix, no substring, no other port or scheme', () => {
    const allowed = parseAllowedOrigins('https://app.example.org, http://localhost:5173');
    expect(preflightFrom(allowed, 'https://app.example.org')).toBe('https://app.example.org');
    for (const origin of [
      'https://app.example.org.evil.example',
      'https://evil-app.example.org',
      'https://app.example',
      'http://app.example.org',
      'https://app.example.org:8443',
      'http://localhost:51730',
      'http://localhost:517',
      'http://127.0.0.1:5173', // named here, so only what is named
      'null',
    ]) {
      expect(preflightFrom(allowed, origin), origin).toBeUndefined();
      expect(corsHeaders(allowed, origin), origin).toEqual({ vary: 'Origin' });
    }
    expect(() => parseAllowedOrigins('https://app.example.org/')).toThrow(/is not an origin/);
    expect(() => parseAllowedOrigins('*')).toThrow(/is not an origin/);
  });
});
