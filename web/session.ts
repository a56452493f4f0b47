import { h } from './dom.js';
import { t } from './i18n.js';

/** How the page signs a person in, as the server configured it (`data-sign-in`). */
export type SignIn =
  | { readonly kind: 'development' }
  | {
      readonly kind: 'oauth';
      readonly authorizeUrl: string;
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly logoutUrl?: string;
    };

export interface Claims {
  readonly sub: string;
  readonly exp: number;
  readonly roles: readonly string[];
  /** The resident the holder is: the deployment's `resident` claim (never `sub`, Cognito's own id). */
  readonly resident?: string;
}

const TOKEN = 'ccl.token';
const RETURN_TO = 'ccl.sign-in.return-to';
const VERIFIER = 'ccl.sign-in.verifier';
const STATE = 'ccl.sign-in.state';

/** The claims of a JWT, read (not verified: the API verifies it) to know who is signed in. */
export function claimsOf(token: string): Claims | undefined {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    const roles = Array.isArray(claims.roles) ? claims.roles : (claims['cognito:groups'] ?? []);
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
    const resident = claims.resident ?? claims['custom:resident'];
    return { sub: claims.sub, exp: claims.exp, roles, ...(typeof resident === 'string' ? { resident } : {}) };
  } catch {
    return undefined;
  }
}

/** The token this device keeps (a kiosk stays signed in across reloads), while it has not expired. */
export function currentToken(): string | undefined {
  const token = localStorage.getItem(TOKEN) ?? undefined;
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || claims.exp * 1000 <= Date.now()) return undefined;
  return token;
}

export const keepToken = (token: string) => localStorage.setItem(TOKEN, token);
export const forgetToken = () => localStorage.removeItem(TOKEN);

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** OAuth 2.0 authorization code with PKCE: off to the managed login, back at /signed-in. */
async function beginOAuth(signIn: Extract<SignIn, { kind: 'oauth' }>): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  sessionStorage.setItem(RETURN_TO, location.pathname + location.search);
  const url = new URL(signIn.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: `${location.origin}/signed-in`,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On /signed-in: trades the code for tokens, keeps the access token and returns to the page that asked. */
export async function finishOAuth(signIn: SignIn): Promise<string> {
  const query = new URLSearchParams(location.search);
  if (signIn.kind !== 'oauth') return '/';
  const returnTo = sessionStorage.getItem(RETURN_TO) ?? '/';
  if (query.get('error')) throw new Error(query.get('error_description') ?? query.get('error')!);
  if (!query.get('code') || query.get('state') !== sessionStorage.getItem(STATE))
    throw new Error('the sign-in did not come back from this page');
  const answer = await fetch(signIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: signIn.clientId,
      code: query.get('code')!,
      redirect_uri: `${location.origin}/signed-in`,
      code_verifier: sessionStorage.getItem(VERIFIER) ?? '',
    }),
  });
  if (!answer.ok) throw new Error(`the sign-in was refused (${answer.status})`);
  const tokens = (await answer.json()) as { access_token?: string; id_token?: string };
  keepToken(tokens.access_token ?? tokens.id_token ?? '');
  for (const key of [VERIFIER, STATE, RETURN_TO]) sessionStorage.removeItem(key);
  return returnTo;
}

/**
 * The sign-in form: the managed login's button, or (locally) the development sign-in that takes a
 * token printed by `npm run token`. `role` names the role the hint asks for.
 */
export function signInForm(signIn: SignIn, role: 'resident' | 'organizer', onToken: () => void): HTMLElement {
  if (signIn.kind === 'oauth')
    return h(
      'button',
      { class: 'primary', type: 'button', onclick: () => void beginOAuth(signIn) },
      t.signInButton,
    );
  const field = h('textarea', { id: 'dev-token', rows: 4, autocomplete: 'off', spellcheck: 'false' });
  return h(
    'form',
    {
      class: 'dev-sign-in',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const token = field.value.trim();
        if (!claimsOf(token)) return;
        keepToken(token);
        onToken();
      },
    },
    h('label', { for: 'dev-token' }, t.devSignInLabel),
    field,
    h('p', { class: 'hint' }, t.devSignInHint(role)),
    h('button', { class: 'primary', type: 'submit' }, t.signInButton),
  );
}
