import type { ErrorCode } from '@quipflip/api';

/**
 * A rule said no. `context` fields are added to the error body (e.g. `round_id`, `copy_cost`);
 * `message` explains a bare code; `detail` overrides the table's detail where the seed's sentence
 * carries values (party errors such as "Need at least 4 ready players (currently 2)").
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly context: { message?: string; detail?: string; [k: string]: unknown } = {},
  ) {
    super(context.message ?? context.detail ?? code);
    this.name = 'DomainError';
  }
}
