// Converts between an output item's bytes (what VS Code holds) and its stored form in a .stressnb
// file, exactly: a JSON value when the bytes are that value in VS Code's JSON layout, text for text
// mimes (and JSON in another layout), base64 for anything else.

import { mimeStorage } from '../contracts/outputMime';
import type { JsonValue } from './stableJson';
import type { StressnbOutputItem } from './stressnbFile';

/** How VS Code's NotebookCellOutputItem.json() writes a value. */
function jsonBytesText(value: JsonValue): string {
  return JSON.stringify(value, undefined, '\t');
}

export function outputItemFromBytes(mime: string, bytes: Uint8Array): StressnbOutputItem {
  const storage = mimeStorage(mime);
  const text = storage === 'binary' ? undefined : decodeUtf8(bytes);
  if (text === undefined) return { mime, data: toBase64(bytes), encoding: 'base64' };
  if (storage === 'text') return { mime, data: text };
  try {
    const value = JSON.parse(text) as JsonValue;
    if (jsonBytesText(value) === text) return { mime, data: value };
  } catch {
    // not JSON after all: keep the exact text
  }
  return { mime, data: text, encoding: 'text' };
}

export function outputItemToBytes(item: StressnbOutputItem): Uint8Array {
  if (item.encoding === 'base64') return fromBase64(item.data as string);
  const text = item.encoding !== 'text' && mimeStorage(item.mime) === 'json' ? jsonBytesText(item.data) : (item.data as string);
  return new TextEncoder().encode(text);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
