import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';
import { refusedTokenAdvice } from './shell-tool.js';

/** A refusal the auditor can act on: said in one line, with the exit code it deserves. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** What went wrong, in one line: a message, never a stack. */
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT' && path) return `no file at ${path}`;
  return error.message.replace(/\s*\n\s*/g, ' ');
}

/** The audit routes of the running server, as an auditor signed with this machine's dev key. */
export function serverAt(url: string, dataDir: string, community: string = DEMO_COMMUNITY) {
  let token: Promise<string> | undefined;
  return async (path: string, accept = 'application/json'): Promise<Response> => {
    token ??= signDevToken(devSigningSecret(dataDir), { roles: ['auditor'], sub: 'audit-cli', community });
    let response: Response;
    try {
      response = await fetch(url + path, { headers: { authorization: `Bearer ${await token}`, accept } });
    } catch (error) {
      const cause = (error as Error).cause;
      throw new Refusal(
        `no server answered at ${url} (${cause instanceof Error ? cause.message : (error as Error).message}); start it with npm start`,
      );
    }
    if (response.status === 401) throw new Refusal(refusedTokenAdvice(url, dataDir));
    if (!response.ok) {
      const text = await response.text();
      let said = text;
      try {
        const problem = JSON.parse(text) as { title?: string; detail?: string };
        said = problem.detail ?? problem.title ?? text;
      } catch {
        // not problem+json: say the text as it came
      }
      throw new Refusal(`the server at ${url} refused: ${response.status} ${oneLine(new Error(said))}`);
    }
    return response;
  };
}

export type AuditServer = ReturnType<typeof serverAt>;
