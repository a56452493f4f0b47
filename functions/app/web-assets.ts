/**
 * The check-in and kiosk pages' own files: scripts built from `web/` (TypeScript, bundled by esbuild)
 * and a stylesheet. On AWS they sit beside the queries function's bundle (the CDK app builds them);
 * locally the runtime builds them from source on first request. One list, so a page cannot be served
 * in one place and forgotten in the other.
 */
export const webFiles = {
  'check-in.js': { entry: 'web/check-in.ts', contentType: 'text/javascript; charset=utf-8' },
  'kiosk.js': { entry: 'web/kiosk.ts', contentType: 'text/javascript; charset=utf-8' },
  'kiosk-sw.js': { entry: 'web/kiosk-sw.ts', contentType: 'text/javascript; charset=utf-8' },
  'signed-in.js': { entry: 'web/signed-in.ts', contentType: 'text/javascript; charset=utf-8' },
  'pages.css': { source: 'web/pages.css', contentType: 'text/css; charset=utf-8' },
} as const satisfies Record<
  string,
  | { readonly entry: string; readonly contentType: string }
  | { readonly source: string; readonly contentType: string }
>;
export type WebFile = keyof typeof webFiles;

export const isWebFile = (name: string): name is WebFile => Object.hasOwn(webFiles, name);

/** The port: a page file's text, or undefined when this deployment has none. */
export interface WebAssets {
  read(file: WebFile): Promise<string | undefined>;
}

/**
 * How the pages sign a person in: the development sign-in (a token from `npm run token`), or an
 * OAuth 2.0 authorization-code client with PKCE (the user pool's managed login on AWS).
 */
export type PageSignIn =
  | { readonly kind: 'development' }
  | {
      readonly kind: 'oauth';
      readonly authorizeUrl: string;
      readonly tokenUrl: string;
      readonly clientId: string;
      /** Where the managed login ends a session (Cognito's `/logout`), when it has one. */
      readonly logoutUrl?: string;
    };
