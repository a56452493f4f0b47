type Child = Node | string | false | null | undefined;

/** An element with attributes (`on…` functions become listeners) and children: no framework, no innerHTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Replaces what the page shows. */
export function show(...children: Child[]): void {
  const page = document.getElementById('page')!;
  page.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

/** What the server wrote on the page's body for its script (`data-*`). */
export const pageData = (name: string): string | undefined => document.body.dataset[name];
