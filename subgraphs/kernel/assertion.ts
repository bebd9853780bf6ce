import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { DOMAINS, SCOPES, type Domain, type Scope } from './access-policy';
import { ANONYMOUS, type Caller, type Role } from './caller';
import { ConfigError, isProduction, readEnv } from './env';

/**
 * The caller assertion: how a subgraph knows who is asking, and that the gateway asked.
 *
 * The gateway authenticates the client (gateway/auth/) and, for every subgraph fetch, signs a
 * short-lived HS256 JWT with the caller's role, organisation and subject, addressed to that
 * one subgraph (`aud`), with a unique `jti`. Every subgraph refuses a GraphQL request without
 * a valid one (401 UNAUTHENTICATED), `_entities` and `_service` included, and refuses a `jti`
 * it has already seen, so a captured assertion cannot be replayed. The processes of the graph
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

/** A missing, forged, expired, misaddressed or replayed assertion. The message is safe to show. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

const encode = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs the assertion of `caller` for one call to the subgraph `audience`. */
export async function signAssertion(secret: string, audience: string, caller: Caller, ttlSeconds = ASSERTION_TTL_SECONDS): Promise<string> {
  // One clock reading for both claims: two readings could straddle a second and make exp - iat exceed the TTL.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(callerClaims(caller))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
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

/** Headers for one GraphQL call to the subgraph `audience` on behalf of `caller`. */
export async function assertionHeaders(secret: string, audience: string, caller: Caller = ANONYMOUS): Promise<Record<string, string>> {
  return { [ASSERTION_HEADER]: await signAssertion(secret, audience, caller) };
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

/**
 * Verifies assertions addressed to one subgraph. Remembers every `jti` until it expires
 * (in memory: an assertion is good for one process's one request), so a replay is refused.
 */
export class AssertionVerifier {
  private readonly key: Uint8Array;
  /** jti -> expiry (epoch seconds); insertion order is close to expiry order, so pruning looks at the front. */
  private readonly seen = new Map<string, number>();

  constructor(
    secret: string,
    private readonly subgraph: string,
  ) {
    this.key = encode(secret);
  }

  /** The caller a GraphQL request to this subgraph acts for. */
  async caller(headers: IncomingHttpHeaders): Promise<Caller> {
    const claims = await this.verify(headers, this.subgraph);
    if (!isRole(claims.role)) throw new AssertionError('The caller assertion names no known role');
    const org = typeof claims.org === 'string' && claims.org ? claims.org : null;
    if (roleNeedsOrganization(claims.role) && !org) throw new AssertionError('The caller assertion names no organisation');
    return callerFromAssertion(claims, claims.role, org);
  }

  /** The service calling an `/internal/...` route; refuses anything but a service assertion. */
  async service(headers: IncomingHttpHeaders): Promise<string> {
    const claims = await this.verify(headers, INTERNAL_AUDIENCE);
    if (claims.role !== SERVICE_ROLE || !claims.sub) throw new AssertionError('Internal routes need a service assertion');
    return claims.sub;
  }

  private async verify(headers: IncomingHttpHeaders, audience: string): Promise<AssertionClaims> {
    const raw = headers[ASSERTION_HEADER];
    const token = Array.isArray(raw) ? undefined : raw;
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
    // A longer-lived assertion than the gateway ever signs is not one of ours.
    if (payload.exp! - payload.iat! > ASSERTION_TTL_SECONDS) throw new AssertionError('The caller assertion lives too long');
    this.remember(payload.jti!, payload.exp!);
    return payload as AssertionClaims;
  }

  private remember(jti: string, exp: number): void {
    const now = Math.floor(Date.now() / 1000);
    for (const [seenJti, seenExp] of this.seen) {
      if (seenExp + CLOCK_TOLERANCE_SECONDS >= now) break;
      this.seen.delete(seenJti);
    }
    if (this.seen.has(jti)) throw new AssertionError('The caller assertion was already used');
    this.seen.set(jti, exp);
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
