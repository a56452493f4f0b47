/**
 * What `JSON.parse` lets through silently: a repeated key keeps its last value, so two readers of the
 * same body (a proxy's audit log, a signature check, this API) can each see a different request
 * (RFC 8259: names "SHOULD be unique"; RFC 7493 I-JSON: "MUST NOT" repeat). Scans text that
 * `JSON.parse` already accepted, so it only has to follow strings, objects and arrays.
 * Returns the first repeated key with the path to its object, or undefined.
 */
export function firstDuplicateKey(text: string): string[] | undefined {
  // One frame per open object or array: the keys seen so far (objects only) and the key that led in.
  const frames: { keys: Set<string> | undefined; via: string }[] = [];
  let expectingKey = false;
  let lastKey = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = frames.at(-1);
      if (expectingKey && top?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return [...frames.slice(1).map((frame) => frame.via), key];
        top.keys.add(key);
        lastKey = key;
        expectingKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      const top = frames.at(-1);
      const via = top?.keys ? lastKey : '[]';
      frames.push({ keys: char === '{' ? new Set() : undefined, via });
      expectingKey = char === '{';
    } else if (char === '}' || char === ']') {
      frames.pop();
    } else if (char === ',') {
      expectingKey = frames.at(-1)?.keys !== undefined;
    }
  }
  return undefined;
}

/** `charset=` of a Content-Type, lower-cased and unquoted; undefined when none is given. */
export function charsetOf(contentType: string): string | undefined {
  const match = contentType.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return match?.[1]?.toLowerCase();
}
