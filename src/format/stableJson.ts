// JSON with sorted keys and two-space indentation (the layout of JSON.stringify(v, null, 2)): the
// same value always gives the same bytes, whatever order its keys were inserted in. A value wrapped
// in KeepKeyOrder is written with its own key order (output data that must round-trip exactly).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export class KeepKeyOrder {
  constructor(readonly value: JsonValue) {}
}

type Writable = JsonValue | KeepKeyOrder | Writable[] | { [key: string]: Writable | undefined };

export function stableStringify(value: Writable): string {
  return write(value, '', true);
}

function write(value: Writable, indent: string, sortKeys: boolean): string {
  if (value instanceof KeepKeyOrder) return write(value.value, indent, false);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + write(v, inner, sortKeys)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (sortKeys) keys.sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(value[k]!, inner, sortKeys)}`).join(',\n')}\n${indent}}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
