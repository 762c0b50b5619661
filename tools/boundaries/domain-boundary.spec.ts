// The dependency rule is only worth something if the check really fails on a violation.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph } from './import-cycles.mjs';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function violationsIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.message);
}

// The first lint loads the whole ESLint configuration (typescript-eslint and its plugins): seconds on a busy machine.
describe('the domain boundary', { timeout: 60_000 }, () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';", /no NestJS/],
    ["import { Pool } from 'pg';", /no I\/O libraries/],
    ["import { Kafka } from 'kafkajs';", /no I\/O libraries/],
    ["import { PGlite } from '@electric-sql/pglite';", /no I\/O libraries/],
    ["import fs from 'node:fs';", /no Node.js I\/O/],
    ["import net from 'net';", /no Node.js I\/O/],
    ["import http from 'node:http';", /no Node.js I\/O/],
    ['export const now = Date.now();', /no clock reads/],
    ['export const now = new Date();', /no clock reads/],
    ['export const env = process.env.X;', /configuration comes in as arguments/],
    ['export const s = (x: object) => x as unknown as { teamId: string };', /no double cast/],
    ['export const s = (x: object) => x as unknown;', /no cast to unknown/],
    ['export interface State { id: string; [key: string]: unknown }', /no \[key: string\]: unknown/],
    ['export type Policy = { version: string; [field: string]: unknown };', /no \[key: string\]: unknown/],
    ["import { probe } from './probe';", /imports in a cycle/],
  ])('refuses %s in libs/domain', async (code, message) => {
    const found = await violationsIn('libs/domain/src/probe.ts', `${code}\nexport {};\n`);
    expect(found.join('\n')).toMatch(message);
  });

  it('allows a date built from input time', async () => {
    expect(await violationsIn('libs/domain/src/probe.ts', "export const at = (iso: string) => new Date(iso);\n")).toEqual([]);
  });

  it('allows a record of unknowns as a type argument, a single cast and an index signature of a known type', async () => {
    const code = 'export type Data = Record<string, unknown>;\nexport const n = (x: unknown) => x as number;\nexport interface Counts { [code: string]: number }\n';
    expect(await violationsIn('libs/domain/src/probe.ts', code)).toEqual([]);
  });

  it('finds no import cycle among the modules of libs/domain', () => {
    expect(cyclesOf(importGraph(path.join(root, 'libs/domain/src')))).toEqual([]);
  });

  it('finds a cycle through a module that re-exports what imports it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'offramp-cycles-'));
    try {
      await writeFile(path.join(dir, 'index.ts'), "export { evolve } from './evolve';\nexport type State = { id: string };\n");
      await writeFile(path.join(dir, 'evolve.ts'), "import type { State } from './index';\nexport const evolve = (s: State) => s;\n");
      await writeFile(path.join(dir, 'time.ts'), 'export const ms = 1;\n');
      expect(cyclesOf(importGraph(dir)).map((c) => c.map((f) => path.basename(f)))).toEqual([['evolve.ts', 'index.ts']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not restrict the infrastructure libs', async () => {
    expect(await violationsIn('libs/event-store/src/probe.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n")).toEqual([]);
  });
});
