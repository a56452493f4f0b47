import { astToString } from 'openapi-typescript';
import ts from 'typescript';

/** Lines of printed types per part, before formatting: a part stays a small file after Biome's. */
const LINES_PER_PART = 160;

/** The generated types as files by path in `client/schema/`: `index.ts`, and the parts it assembles. */
export type TypeFiles = Map<string, string>;

const exported = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
const linesOf = (element: ts.TypeElement) => astToString(element).split('\n').length;

/** Consecutive members in groups of about `LINES_PER_PART` printed lines (a member is never split). */
function parts(members: readonly ts.TypeElement[]): ts.TypeElement[][] {
  const groups: ts.TypeElement[][] = [[]];
  let lines = 0;
  for (const member of members) {
    const size = linesOf(member);
    if (lines + size > LINES_PER_PART && groups.at(-1)!.length > 0) {
      groups.push([]);
      lines = 0;
    }
    groups.at(-1)!.push(member);
    lines += size;
  }
  return groups;
}

/** `export interface <name> extends <Part1>, <Part2> {}`: one type again, for openapi-fetch and readers. */
function assembled(name: string, partNames: readonly string[]): ts.InterfaceDeclaration {
  const heritage = ts.factory.createHeritageClause(
    ts.SyntaxKind.ExtendsKeyword,
    partNames.map((part) =>
      ts.factory.createExpressionWithTypeArguments(ts.factory.createIdentifier(part), []),
    ),
  );
  return ts.factory.createInterfaceDeclaration(exported, name, undefined, [heritage], []);
}

/** A part's file: its interface, and the assembled types it refers to. */
function partFile(partName: string, members: readonly ts.TypeElement[]): string {
  const body = astToString(
    ts.factory.createInterfaceDeclaration(exported, partName, undefined, undefined, members),
  );
  const refers = ['components', 'operations', 'paths'].filter((name) => body.includes(`${name}[`));
  const imports = refers.length > 0 ? `import type { ${refers.join(', ')} } from '../index.js';\n\n` : '';
  return imports + body;
}

/** A member's key as written: `listResidents`, `/residents/{residentId}`, `CommandAnswer`. */
const keyOf = (member: ts.TypeElement) =>
  member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : 'member';

/** `/activity-series/{seriesId}` → `activity-series`; `listResidents` → `list-residents`. */
const slug = (key: string) =>
  key
    .replace(/^\//, '')
    .split('/')[0]!
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
const pascal = (text: string) => text.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * The members in files named for what they hold: grouped by `areaOf` (paths by their first segment),
 * each group cut into parts of whole members if it is long; a part without an area is named after
 * its first member (an operation, a schema).
 */
function filesOf(members: readonly ts.TypeElement[], areaOf?: (key: string) => string) {
  const groups = new Map<string, ts.TypeElement[]>();
  for (const member of members) {
    const area = areaOf?.(keyOf(member)) ?? '';
    groups.set(area, [...(groups.get(area) ?? []), member]);
  }
  return [...groups].flatMap(([area, grouped]) => {
    const cut = parts(grouped);
    return cut.map((part, i) => ({
      slug: area ? (cut.length > 1 ? `${area}-${i + 1}` : area) : slug(keyOf(part[0]!)),
      members: part,
    }));
  });
}

/**
 * openapi-typescript writes one file of three large interfaces (`paths`, `operations`, and
 * `components` with its `schemas`). Each is cut into parts of whole members, one file per part,
 * and assembled again in `index.ts` by `extends`: the same types for every use (`paths['/x']`,
 * `components['schemas']['Y']`), in files of a readable size. The parts refer back to the
 * assembled types through `index.ts` (type-only imports, so the cycle costs nothing).
 */
export function splitTypes(ast: readonly ts.Node[], header: string): TypeFiles {
  const files: TypeFiles = new Map();
  const index: ts.Node[] = [];
  const imports: string[] = [];
  /** Writes the members' parts under `<dir>/` and returns the interface assembling them. */
  const split = (
    name: string,
    dir: string,
    suffix: string,
    members: readonly ts.TypeElement[],
    areaOf?: (key: string) => string,
  ) => {
    const partNames = filesOf(members, areaOf).map(({ slug: file, members: part }) => {
      const partName = `${pascal(file)}${suffix}`;
      files.set(`${dir}/${file}.ts`, header + partFile(partName, part));
      imports.push(`import type { ${partName} } from './${dir}/${file}.js';`);
      return partName;
    });
    return assembled(name, partNames);
  };
  for (const node of ast) {
    if (!ts.isInterfaceDeclaration(node)) {
      index.push(node);
      continue;
    }
    const name = node.name.text;
    if (name === 'paths') index.push(split(name, 'paths', 'Paths', node.members, slug));
    else if (name === 'operations') index.push(split(name, 'operations', 'Operation', node.members));
    else if (name === 'components') {
      // Only `schemas` is large; the other members (`responses`, `parameters`, …) stay as they are.
      const members = node.members.map((member) => {
        const isSchemas =
          ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.name.text === 'schemas';
        if (!isSchemas || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
        index.push(split('ComponentSchemas', 'schemas', 'Schemas', member.type.members));
        return ts.factory.updatePropertySignature(
          member,
          member.modifiers,
          member.name,
          member.questionToken,
          ts.factory.createTypeReferenceNode('ComponentSchemas'),
        );
      });
      index.push(
        ts.factory.updateInterfaceDeclaration(node, node.modifiers, node.name, undefined, undefined, members),
      );
    } else index.push(node);
  }
  files.set('index.ts', `${header}${imports.join('\n')}\n\n${astToString(index as ts.Node[])}`);
  return files;
}
