// Checks that parsed JSON has the shape of a .stressnb notebook; the first problem is returned with
// its JSON path (cells[3].outputs[0].items[1].mime). Unknown keys are refused rather than dropped,
// since a save would otherwise lose them.

import { mimeStorage } from '../contracts/outputMime';
import { isJsonObject } from './stableJson';

export interface StructureProblem {
  path: string;
  message: string;
}

const VERSION = 1;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class Refusal {
  constructor(readonly problem: StructureProblem) {}
}

export function validateStressnb(value: unknown): StructureProblem | undefined {
  try {
    checkNotebook(value);
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return error.problem;
    throw error;
  }
}

function refuse(path: string, message: string): never {
  throw new Refusal({ path, message });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`;
}

function object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isJsonObject(value)) refuse(path, `expected an object, got ${kindOf(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      refuse(path ? `${path}.${key}` : key, `unknown key (allowed: ${allowed.join(', ')}); is this file from a newer stressnb?`);
  }
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) refuse(path, `expected an array, got ${kindOf(value)}`);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') refuse(path, `expected a string, got ${kindOf(value)}`);
  return value;
}

function optionalObject(value: unknown, path: string): void {
  if (value !== undefined && !isJsonObject(value)) refuse(path, `expected an object, got ${kindOf(value)}`);
}

function checkNotebook(value: unknown): void {
  if (!isJsonObject(value)) refuse('', `the top level must be an object such as {"version": 1, "cells": []}, got ${kindOf(value)}`);
  const version = value.version;
  if (version === undefined) refuse('version', 'missing: a .stressnb file starts with {"version": 1, ...}');
  if (typeof version === 'number' && Number.isInteger(version) && version > VERSION) {
    refuse('version', `version ${version} is newer than this stressnb understands (${VERSION}); update stressnb to open it`);
  }
  if (version !== VERSION) refuse('version', `unknown version ${JSON.stringify(version)}; this stressnb reads version ${VERSION}`);
  const notebook = object(value, '', ['version', 'metadata', 'cells']);
  optionalObject(notebook.metadata, 'metadata');
  if (notebook.cells === undefined) refuse('cells', 'missing: the list of cells (may be empty: "cells": [])');
  array(notebook.cells, 'cells').forEach((cell, i) => checkCell(cell, `cells[${i}]`));
}

function checkCell(value: unknown, path: string): void {
  const cell = object(value, path, ['kind', 'source', 'outputs', 'metadata']);
  if (cell.kind !== 'markdown' && cell.kind !== 'scenario') {
    refuse(
      `${path}.kind`,
      cell.kind === undefined ? 'missing: "markdown" or "scenario"' : `expected "markdown" or "scenario", got ${kindOf(cell.kind)}`,
    );
  }
  if (cell.source === undefined) refuse(`${path}.source`, "missing: the cell's text");
  string(cell.source, `${path}.source`);
  optionalObject(cell.metadata, `${path}.metadata`);
  if (cell.outputs !== undefined) array(cell.outputs, `${path}.outputs`).forEach((o, j) => checkOutput(o, `${path}.outputs[${j}]`));
}

function checkOutput(value: unknown, path: string): void {
  const output = object(value, path, ['items', 'metadata']);
  optionalObject(output.metadata, `${path}.metadata`);
  if (output.items === undefined) refuse(`${path}.items`, "missing: the output's items");
  array(output.items, `${path}.items`).forEach((item, k) => checkItem(item, `${path}.items[${k}]`));
}

function checkItem(value: unknown, path: string): void {
  const item = object(value, path, ['mime', 'data', 'encoding']);
  if (item.mime === undefined) refuse(`${path}.mime`, "missing: the item's mime type");
  const mime = string(item.mime, `${path}.mime`);
  if (mime.trim() === '') refuse(`${path}.mime`, 'must not be empty');
  if (!('data' in item)) refuse(`${path}.data`, 'missing');
  if (item.encoding !== undefined) {
    if (item.encoding !== 'base64' && item.encoding !== 'text')
      refuse(`${path}.encoding`, `expected "base64", "text" or no encoding, got ${kindOf(item.encoding)}`);
    const data = string(item.data, `${path}.data`);
    if (item.encoding === 'base64' && (data.length % 4 !== 0 || !BASE64.test(data))) refuse(`${path}.data`, 'not valid base64');
    return;
  }
  if (mimeStorage(mime) !== 'json') string(item.data, `${path}.data`);
}
