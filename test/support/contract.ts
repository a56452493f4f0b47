import { appendFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Router } from '../../functions/http/router.js';
import { routes } from '../../functions/http/routes/index.js';

type Operation = {
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
};

/** JSON pointer of a document path: `~` and `/` escaped, then made safe inside a URI fragment. */
const pointer = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

/**
 * Checks an answer against the OpenAPI document the server serves: the status is declared for the
 * operation, the media type is one of its declared ones, and a JSON body satisfies its schema
 * (2020-12, formats included). What a front-end generating a client from the document relies on.
 */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly router = new Router(routes);
  private readonly compiled = new Map<string, ReturnType<Ajv2020['compile']>>();

  constructor(private readonly document: { paths: Record<string, Record<string, Operation>> }) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document as object, 'openapi');
  }

  static async of(url: string): Promise<ContractChecker> {
    return new ContractChecker(
      (await (await fetch(`${url}/openapi.json`)).json()) as ConstructorParameters<typeof ContractChecker>[0],
    );
  }

  /** The mismatches of one answer (empty when it conforms); unknown paths are the router's concern. */
  check(method: string, path: string, status: number, contentType: string | null, body: unknown): string[] {
    const match = this.router.match(method, path.split('?')[0]!);
    if (!match || !('route' in match) || 'undecodable' in match) return [];
    const template = match.route.path;
    const where = `${method} ${template} → ${status}`;
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${where}: operation missing from the document`];
    const declared = operation.responses[String(status)] ?? operation.responses.default;
    if (!declared)
      return [`${where}: status not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    if (!declared.content)
      return body === undefined || body === '' ? [] : [`${where}: a body the document says is empty`];
    const mediaType = (contentType ?? '').split(';')[0]!.trim();
    if (!declared.content[mediaType])
      return [
        `${where}: media type ${mediaType || '(none)'} not declared (declared: ${Object.keys(declared.content).join(', ')})`,
      ];
    if (!/json/.test(mediaType) || declared.content[mediaType]!.schema === undefined) return [];
    const ref = `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', declared === operation.responses.default ? 'default' : String(status), 'content', mediaType, 'schema')}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${where}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

/**
 * What to do with a mismatch: fail the call (default), or, with CONTRACT_REPORT=<file>, note it in
 * that file and go on (to survey a whole suite at once).
 */
export function onMismatch(problems: readonly string[]): void {
  if (problems.length === 0) return;
  const file = process.env.CONTRACT_REPORT;
  if (file) {
    appendFileSync(file, `${problems.join('\n')}\n`);
    return;
  }
  throw new Error(`the answer does not conform to the served OpenAPI document:\n${problems.join('\n')}`);
}
