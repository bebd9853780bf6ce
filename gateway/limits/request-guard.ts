import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { ConfigError, readIntEnv } from '../../subgraphs/kernel/platform/env';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { tokenLimitError } from './operation-limits';

/**
 * Checks a request gets before anything parses its document or walks its variables, the same
 * on every transport (HTTP, SSE, WebSocket): token count, bracket nesting of the document, and
 * nesting of the JSON around it. graphql-js's parser, the gateway's planners and
 * `JSON.stringify` recurse once per level, so a few thousand levels blow the stack; these
 * checks need no recursion themselves.
 */

/**
 * How deep brackets (`{`, `[`, `(`) may nest in a document, and objects and arrays in a
 * request's JSON (`variables`, `extensions`): `GATEWAY_MAX_NESTING`. An operation at the
 * default depth limit (12) with an inline fragment and an argument object at every level
 * nests 36 deep.
 */
export const DEFAULT_MAX_NESTING = 64;

export function maxNestingFromEnv(): number {
  return readIntEnv('GATEWAY_MAX_NESTING', DEFAULT_MAX_NESTING);
}

export interface RequestGuardLimits {
  maxTokens: number;
  maxNesting: number;
}

export interface DocumentScan {
  /** Tokens read (the scan stops one past `stopAfterTokens`). */
  tokens: number;
  /** Deepest bracket nesting seen (the scan stops one past `stopAfterNesting`). */
  nesting: number;
  /** False when the text does not lex; the parser reports why. */
  lexes: boolean;
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** One pass of graphql-js's lexer (no parser, no recursion) over a document. */
export function scanDocument(query: string, stopAfterTokens = Number.POSITIVE_INFINITY, stopAfterNesting = Number.POSITIVE_INFINITY): DocumentScan {
  const lexer = new Lexer(new Source(query));
  const scan: DocumentScan = { tokens: 0, nesting: 0, lexes: true };
  let open = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      scan.tokens += 1;
      if (OPENING.has(token.kind)) scan.nesting = Math.max(scan.nesting, ++open);
      else if (CLOSING.has(token.kind)) open -= 1;
      if (scan.tokens > stopAfterTokens || scan.nesting > stopAfterNesting) break;
    }
  } catch {
    scan.lexes = false;
  }
  return scan;
}

/** Whether a JSON value nests objects and arrays more than `max` deep (a scalar is depth 0); iterative. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}

export function nestingLimitError(what: string, max: number): GraphQLError {
  return new GraphQLError(`The ${what} nests more than ${max} levels deep, over the maximum of ${max}. Flatten it or split the operation.`, {
    extensions: { code: ErrorCode.OperationLimit, limit: 'GATEWAY_MAX_NESTING', max, http: { status: 400 } },
  });
}

/**
 * The refusal for a request (`{ query, variables, extensions, ... }` as the client sent it)
 * over a limit that must hold before parsing, or undefined. A request without a document text
 * (a persisted query hash, a malformed body) passes: what reads it next reports that.
 */
export function refusalBeforeParse(request: unknown, limits: RequestGuardLimits): GraphQLError | undefined {
  if (nestsDeeperThan(request, limits.maxNesting + 1)) return nestingLimitError('request JSON (variables, extensions)', limits.maxNesting);
  const query = request !== null && typeof request === 'object' && 'query' in request ? request.query : undefined;
  if (typeof query !== 'string') return undefined;
  const scan = scanDocument(query, limits.maxTokens, limits.maxNesting);
  if (scan.tokens > limits.maxTokens) return tokenLimitError(limits.maxTokens);
  if (scan.nesting > limits.maxNesting) return nestingLimitError('document', limits.maxNesting);
  return undefined;
}

/** The same error without its HTTP status, for transports that are not HTTP requests (WebSocket). */
export function withoutHttpStatus(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Bytes of a size as `GATEWAY_MAX_BODY` gives it to the body parser (`1mb`, `100kb`, `2048`: units of 1024). */
export function byteSize(size: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!match) throw new ConfigError(`GATEWAY_MAX_BODY must be a size such as 1mb or 100kb, got "${size}"`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!);
}
