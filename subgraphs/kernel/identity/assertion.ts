import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { DOMAINS, SCOPES, type Domain, type Scope } from './access-policy';
import type { Caller, Role } from './caller';
import { ConfigError, isProduction, readEnv } from '../platform/env';
import { MemoryStore, SharedStoreUnavailable, type SharedStore } from '../platform/shared-store';

/**
 * The caller assertion: how a subgraph knows who is asking, and that the gateway asked.
 *
 * The gateway authenticates the client (gateway/auth/) and, for every subgraph fetch, signs a
 * short-lived HS256 JWT with the caller's role, organisation and subject, addressed to that
 * one subgraph (`aud`), with a unique `jti` and the digest of the request it was signed for
 * (`req`: query, operation name and variables, see requestDigest). Every subgraph refuses a
 * GraphQL request without a valid one (401 UNAUTHENTICATED), `_entities` and `_service`
 * included; refuses one whose digest is not that of the body it came with, so a captured
 * assertion cannot carry another operation; and refuses a `jti` it has already seen (in the
 * shared store: across restarts and replicas with `REDIS_URL`), so it cannot be replayed.
 * The processes of the graph
 * call each other's `/internal/...` routes with a service assertion (`role: service`,
 * audience INTERNAL_AUDIENCE) signed with the same secret, `INTERNAL_ASSERTION_SECRET`.
 * Composition reads the SDL files, never `_service`, so nothing needs a way around this.
 */
export const ASSERTION_HEADER = 'x-sti-assertion';
export const ASSERTION_ISSUER = 'sti-gateway';
/** Long enough for one subgraph call; short enough that a leaked one is soon useless. */
export const ASSERTION_TTL_SECONDS = 60;
/** Audience of service assertions: the graph's own processes calling `/internal/...` routes. */
export const INTERNAL_AUDIENCE = 'sti-internal';
const SERVICE_ROLE = 'service';
/** Clocks of the graph's own processes may drift a little. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Secrets shorter than this are refused: HS256 needs a 256-bit key. */
export const MIN_SECRET_BYTES = 32;
/** Every development key starts with this, so production can recognise and refuse one. */
export const DEVELOPMENT_KEY_PREFIX = 'sti-dev-';

export const ROLES: readonly Role[] = ['public', 'partner', 'editor', 'integrator', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that act for an organisation and must name it (`org` claim). */
export function roleNeedsOrganization(role: Role): boolean {
  return role === 'partner' || role === 'editor';
}

/** A missing, forged, expired, misaddressed, replayed or misapplied assertion (HTTP 401). The message is safe to show. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/**
 * The assertion cannot be checked now: the shared store that remembers used ones does not
 * answer (HTTP 503). Refused rather than accepted unchecked, which would allow replays.
 */
export class AssertionCheckUnavailable extends Error {
  override name = 'AssertionCheckUnavailable';
}

const encode = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** The GraphQL request an assertion is signed for: what the gateway sends, and the subgraph executes. */
export interface SubgraphRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/** JSON with every object's keys sorted, so equal values have one spelling whatever the key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}

/**
 * SHA-256 (base64url) of a request's query text, operation name and variables, in canonical
 * JSON: absent variables and `{}` are the same, key order does not matter, anything else does.
 */
export function requestDigest(request: SubgraphRequest): string {
  const parts = [
    typeof request.query === 'string' ? request.query : null,
    typeof request.operationName === 'string' ? request.operationName : null,
    request.variables ?? {},
  ];
  return createHash('sha256').update(canonicalJson(parts)).digest('base64url');
}

export interface SignOptions {
  ttlSeconds?: number;
  /** The signing time, epoch seconds (default now): tests sign from another clock with it. */
  now?: number;
}

/** Signs the assertion of `caller` for one call to the subgraph `audience` carrying `request`. */
export async function signAssertion(secret: string, audience: string, caller: Caller, request: SubgraphRequest, options: SignOptions = {}): Promise<string> {
  // One clock reading for both claims: two readings could straddle a second and make exp - iat exceed the TTL.
  const now = options.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ ...callerClaims(caller), req: requestDigest(request) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? ASSERTION_TTL_SECONDS))
    .setSubject(caller.subject ?? 'anonymous')
    .sign(encode(secret));
}

/** The claims an assertion carries besides the registered ones. */
interface AssertionClaims {
  role?: unknown;
  org?: unknown;
  sub?: string;
  /** Editor's named domains. */
  dom?: unknown;
  /** API key scopes. */
  scp?: unknown;
  /** Credential kind: none, token, apiKey. */
  cred?: unknown;
  /** Client address and user agent, for the audit log. */
  ip?: unknown;
  ua?: unknown;
  /** requestDigest of the request it was signed for (caller assertions). */
  req?: unknown;
}

function callerClaims(caller: Caller): Record<string, unknown> {
  return {
    role: caller.role,
    ...(caller.organizationId ? { org: caller.organizationId } : {}),
    ...(caller.domains?.length ? { dom: caller.domains } : {}),
    ...(caller.scopes ? { scp: caller.scopes } : {}),
    ...(caller.credential ? { cred: caller.credential } : {}),
    ...(caller.origin?.ip ? { ip: caller.origin.ip } : {}),
    ...(caller.origin?.userAgent ? { ua: caller.origin.userAgent.slice(0, 300) } : {}),
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function callerFromAssertion(claims: AssertionClaims, role: Role, organizationId: string | null): Caller {
  const domains = strings(claims.dom).filter((domain): domain is Domain => (DOMAINS as readonly string[]).includes(domain));
  const credential = claims.cred === 'token' || claims.cred === 'apiKey' || claims.cred === 'none' ? claims.cred : undefined;
  const ip = stringOrNull(claims.ip);
  const userAgent = stringOrNull(claims.ua);
  return Object.freeze({
    role,
    organizationId,
    subject: claims.sub === 'anonymous' ? null : (claims.sub ?? null),
    ...(domains.length ? { domains } : {}),
    ...(claims.scp !== undefined ? { scopes: strings(claims.scp).filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope)) } : {}),
    ...(credential ? { credential } : {}),
    ...(ip || userAgent ? { origin: { ip, userAgent } } : {}),
  });
}

/** Headers for one GraphQL call to the subgraph `audience` on behalf of `caller`, good for `request` only. */
export async function assertionHeaders(secret: string, audience: string, caller: Caller, request: SubgraphRequest): Promise<Record<string, string>> {
  return { [ASSERTION_HEADER]: await signAssertion(secret, audience, caller, request) };
}

/** Headers for one call of `service` (e.g. `programmes`, `gateway`) to another process's `/internal/...` route. */
export async function serviceAssertionHeaders(secret: string, service: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ role: SERVICE_ROLE })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_TTL_SECONDS)
    .setSubject(service)
    .sign(encode(secret));
  return { [ASSERTION_HEADER]: token };
}

/** The caller of an assertion presented ahead of its request, and the test that request must pass. */
export interface BoundCaller {
  caller: Caller;
  /** True for the request the assertion was signed for, while the assertion lives. */
  allows(request: SubgraphRequest): boolean;
}

function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers[ASSERTION_HEADER];
  return Array.isArray(raw) ? undefined : raw;
}

function callerOfClaims(claims: AssertionClaims): Caller {
  if (!isRole(claims.role)) throw new AssertionError('The caller assertion names no known role');
  const org = typeof claims.org === 'string' && claims.org ? claims.org : null;
  if (roleNeedsOrganization(claims.role) && !org) throw new AssertionError('The caller assertion names no organisation');
  return callerFromAssertion(claims, claims.role, org);
}

/**
 * Verifies assertions addressed to one subgraph. Remembers every `jti` until it expires, in
 * the shared store: this process's memory by default (a restarted process or another replica
 * would accept it again within its minute), Redis with `REDIS_URL` (every replica, and a
 * restarted one, refuses it).
 */
export class AssertionVerifier {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly subgraph: string,
    private readonly used: SharedStore = new MemoryStore(),
  ) {
    this.key = encode(secret);
  }

  /** The caller a GraphQL request to this subgraph acts for; `request` is the body it came with. */
  async caller(headers: IncomingHttpHeaders, request: SubgraphRequest): Promise<Caller> {
    return callerOfClaims(await this.verify(tokenOf(headers), this.subgraph, requestDigest(request)));
  }

  /**
   * A caller assertion presented before the request it was signed for (a WebSocket's
   * `connection_init`): verified and spent now like any other (a second presentation is a
   * replay), and returned with that request's digest, which the one operation the
   * connection may then run must match (`BoundCaller.allows`).
   */
  async boundCaller(token: unknown): Promise<BoundCaller> {
    const claims = await this.verify(typeof token === 'string' ? token : undefined, this.subgraph, null);
    const digest = claims.req;
    if (typeof digest !== 'string') throw new AssertionError('The caller assertion names no request');
    const caller = callerOfClaims(claims);
    const expiresAt = claims.exp * 1000;
    return { caller, allows: (request) => Date.now() <= expiresAt + CLOCK_TOLERANCE_SECONDS * 1000 && requestDigest(request) === digest };
  }

  /** The service calling an `/internal/...` route; refuses anything but a service assertion. */
  async service(headers: IncomingHttpHeaders): Promise<string> {
    const claims = await this.verify(tokenOf(headers), INTERNAL_AUDIENCE, null);
    if (claims.role !== SERVICE_ROLE || !claims.sub) throw new AssertionError('Internal routes need a service assertion');
    return claims.sub;
  }

  /** `digest`: the request's, which a caller assertion must carry; null when not checked here (service assertions, bound callers). */
  private async verify(token: string | undefined, audience: string, digest: string | null): Promise<AssertionClaims & { exp: number }> {
    if (!token) throw new AssertionError(`Missing ${ASSERTION_HEADER}: this service answers the graph's gateway only`);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ASSERTION_ISSUER,
        audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AssertionError('The caller assertion has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new AssertionError(`The caller assertion's ${error.claim} claim is not accepted`);
      throw new AssertionError('The caller assertion is not valid');
    }
    // jose checks exp and nbf, not iat: one signed "in the future" would outlive its TTL here.
    if (payload.iat! > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw new AssertionError('The caller assertion was issued in the future');
    // A longer-lived assertion than the gateway ever signs is not one of ours.
    if (payload.exp! - payload.iat! > ASSERTION_TTL_SECONDS) throw new AssertionError('The caller assertion lives too long');
    if (digest !== null && (payload as AssertionClaims).req !== digest) throw new AssertionError('The caller assertion was signed for another request');
    await this.remember(payload.jti!, payload.exp!);
    return { ...(payload as AssertionClaims), exp: payload.exp! };
  }

  /** Refuses a `jti` seen before; it is kept until its assertion has expired (with the clock tolerance). */
  private async remember(jti: string, exp: number): Promise<void> {
    const ttl = exp - Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS;
    let first: boolean;
    try {
      first = await this.used.setIfAbsent(`assertion-jti:${jti}`, '1', Math.max(1, ttl));
    } catch (error) {
      if (error instanceof SharedStoreUnavailable)
        throw new AssertionCheckUnavailable('The service cannot check the caller assertion right now; retry shortly');
      throw error;
    }
    if (!first) throw new AssertionError('The caller assertion was already used');
  }
}

// --- Secrets -----------------------------------------------------------------------------

export interface DevelopmentKeys {
  internalAssertionSecret: string;
  authJwtSecret: string;
}

/** Where development keys live: `<DATA_DIR>/dev-keys.json` (default `.data/`, git-ignored). */
export function developmentKeysFile(): string {
  return path.resolve(readEnv('DATA_DIR') ?? '.data', 'dev-keys.json');
}

const newDevelopmentKey = (): string => DEVELOPMENT_KEY_PREFIX + randomBytes(32).toString('base64url');

/**
 * The development keys every process of a local graph shares (`npm start`, or the gateway and
 * subgraphs started apart): created on first use, then read. Never used in production.
 */
export function developmentKeys(): DevelopmentKeys {
  const file = developmentKeysFile();
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevelopmentKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`${file} is unreadable; delete it to get new development keys`);
  }
  const keys: DevelopmentKeys = { internalAssertionSecret: newDevelopmentKey(), authJwtSecret: newDevelopmentKey() };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    return keys;
  } catch {
    // Another process of the graph created it first: use theirs.
    return JSON.parse(readFileSync(file, 'utf8')) as DevelopmentKeys;
  }
}

export function isDevelopmentKey(secret: string): boolean {
  return secret.startsWith(DEVELOPMENT_KEY_PREFIX);
}

/** A configured shared secret: `development` when it is the generated development key. */
export interface ConfiguredSecret {
  secret: string;
  development: boolean;
}

/**
 * Reads a shared secret from `variable`. Unset outside production: the development key.
 * In production: required, at least 32 bytes, and never a development key.
 */
export function secretFromEnv(variable: string, developmentKey: keyof DevelopmentKeys): ConfiguredSecret {
  const value = readEnv(variable);
  if (value === undefined) {
    if (isProduction()) throw new ConfigError(`${variable} is required in production (at least ${MIN_SECRET_BYTES} bytes, e.g. openssl rand -base64 48)`);
    return { secret: developmentKeys()[developmentKey], development: true };
  }
  checkSecret(variable, value);
  return { secret: value, development: isDevelopmentKey(value) };
}

export function checkSecret(variable: string, value: string): void {
  if (Buffer.byteLength(value) < MIN_SECRET_BYTES) throw new ConfigError(`${variable} must be at least ${MIN_SECRET_BYTES} bytes`);
  if (isProduction() && isDevelopmentKey(value)) throw new ConfigError(`${variable} is a development key; production needs its own secret`);
}

/** `INTERNAL_ASSERTION_SECRET`: what the gateway signs caller assertions with, and every subgraph verifies. */
export function internalAssertionSecret(): string {
  return secretFromEnv('INTERNAL_ASSERTION_SECRET', 'internalAssertionSecret').secret;
}
