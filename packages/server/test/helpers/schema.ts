import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { expect } from 'vitest';

/** Checks a response body against its API schema (packages/api), listing every mismatch. */
export function expectSchema(schema: TSchema, body: unknown): void {
  const errors = [...Value.Errors(schema, body)].map((e) => `${(e as { instancePath?: string }).instancePath ?? ''} ${(e as { message?: string }).message ?? ''}`);
  expect(errors, JSON.stringify(body)).toEqual([]);
}
