/**
 * Routes call use cases as `useCase(deps, request, input)`; the use cases themselves come from the
 * composition of the function that serves the route, bound to that function's dependencies (the
 * commands function binds the command use cases, the queries function the query ones). So the route
 * table, which both HTTP functions carry whole (the router answers 405 for every route, the OpenAPI
 * document describes every route), carries no use case: each bundle holds only its own.
 */

/** A use case without its dependencies: what a function's composition binds them to. */
export type Bound<F> = F extends (deps: never, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** A bound use case as a route calls it: the route's dependencies first, where the bound table is found. */
export type Routed<F, D> = F extends (...rest: infer A) => infer R ? (deps: D, ...rest: A) => R : never;

/** The route-side stand-ins of one table of use cases, found under `key` in the route's dependencies. */
export function routed<Cases extends object, Key extends string>(key: Key, kind: string) {
  type Holder = { readonly [K in Key]?: Cases };
  return <N extends keyof Cases & string>(name: N) =>
    ((deps: Holder, ...rest: unknown[]) => {
      const cases = deps[key] as Cases | undefined;
      if (!cases) throw new Error(`${name}: this function carries no ${kind} use case`);
      return (cases[name] as (...args: unknown[]) => unknown)(...rest);
    }) as unknown as Routed<Cases[N], Holder>;
}

/**
 * Binds use cases to one function's dependencies. Each use case must accept them: a function whose
 * composition lacks what a use case needs does not compile.
 */
export function bindUseCases<D, T extends Record<string, (deps: D, ...rest: never[]) => unknown>>(
  deps: D,
  cases: T,
): { readonly [K in keyof T]: Bound<T[K]> } {
  return Object.fromEntries(
    Object.entries(cases).map(([name, useCase]) => [
      name,
      (...rest: unknown[]) => (useCase as (deps: D, ...rest: unknown[]) => unknown)(deps, ...rest),
    ]),
  ) as { readonly [K in keyof T]: Bound<T[K]> };
}
