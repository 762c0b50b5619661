// The dependency rule is only worth something if the check really fails on a violation.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function violationsIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.message);
}

describe('the domain boundary', () => {
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
  ])('refuses %s in libs/domain', async (code, message) => {
    const found = await violationsIn('libs/domain/src/probe.ts', `${code}\nexport {};\n`);
    expect(found.join('\n')).toMatch(message);
  });

  it('allows a date built from input time', async () => {
    expect(await violationsIn('libs/domain/src/probe.ts', "export const at = (iso: string) => new Date(iso);\n")).toEqual([]);
  });

  it('does not restrict the infrastructure libs', async () => {
    expect(await violationsIn('libs/event-store/src/probe.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n")).toEqual([]);
  });
});
