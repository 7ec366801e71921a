// Checks shared by the tests of the JSON Schemas shipped as user documentation.

/** Paths of properties that have no `description`, anywhere in a schema. */
export function undocumentedProperties(schema: unknown): string[] {
  const missing: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const props = (node as { properties?: Record<string, unknown> }).properties;
    for (const [key, sub] of Object.entries(props ?? {})) {
      if (typeof (sub as { description?: unknown }).description !== 'string') missing.push(`${path}.${key}`);
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
  };
  visit(schema, '');
  return missing;
}
