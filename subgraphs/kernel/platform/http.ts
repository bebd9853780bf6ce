import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ConfigError, isProduction } from './env';
import { ErrorCode } from './errors';
import { loggerFor } from './logger';
import { requestTelemetry } from './request-telemetry';
import { mountMetrics } from './metrics';

/** Largest request body accepted, in bytes-ish units understood by body-parser. */
export const MAX_BODY = '1mb';
/** MAX_BODY in bytes, for limits that take a number (a WebSocket message). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An Express app for `service` with request ids, traces and request logs (request-telemetry.ts)
 * and the JSON body parser every GraphQL endpoint here uses (`maxBody`: e.g. `100kb`, default MAX_BODY).
 */
export function createHttpApp(service: string, maxBody: string = MAX_BODY, production = isProduction()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.locals.maxBody = maxBody; // for jsonErrorHandler's message
  app.locals.service = service;
  app.use(requestTelemetry(service));
  mountMetrics(app, production); // before the body parser and any authentication: scrapers send neither
  const parseJson = express.json({ limit: maxBody });
  app.use((req, res, next) => {
    const readAhead = bodiesReadAhead.get(req);
    if (!readAhead) return parseJson(req, res, next);
    if ('unreadable' in readAhead) return next(readAhead.unreadable);
    req.body = readAhead.body;
    next();
  });
  return app;
}

/** A JSON body read before Express (the gateway's front door), or why it could not be read: what the JSON parser would have made of it. */
export type BodyReadAhead = { body: unknown } | { unreadable: Error & { type: string; status: number } };

const bodiesReadAhead = new WeakMap<IncomingMessage, BodyReadAhead>();

/**
 * Hands a request whose JSON body was already read to the app: the body parser's place in the
 * chain takes it from here (the stream is consumed), so the app answers it as if it had read it.
 */
export function bodyReadAhead(req: IncomingMessage, text: string): BodyReadAhead {
  const outcome = parsedBody(text);
  bodiesReadAhead.set(req, outcome);
  return outcome;
}

function parsedBody(raw: string): BodyReadAhead {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw; // the parser's decoder drops a byte order mark
  try {
    // The parser's strict mode: an object or an array after JSON's whitespace, nothing else.
    const start = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
    if (start !== '{' && start !== '[') throw new SyntaxError('not an object or array');
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { unreadable: Object.assign(new Error('The request body is not valid JSON'), { type: 'entity.parse.failed', status: 400 }) };
  }
}

/**
 * Turns body-parser failures (bad JSON, body too large) into a GraphQL-shaped error with a
 * code and 4xx status, instead of Express's default HTML page. Mount after all routes.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const type = (error as { type?: string }).type;
  const status = (error as { status?: number }).status;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: ErrorCode.BadRequest } }] });
  } else if (type === 'entity.too.large') {
    res.status(413).json({
      errors: [
        {
          message: `The request body is larger than ${(req.app.locals.maxBody as string | undefined) ?? MAX_BODY}`,
          extensions: { code: ErrorCode.BadRequest },
        },
      ],
    });
  } else if (status && status >= 400 && status < 500) {
    res.status(status).json({ errors: [{ message: 'The request could not be read', extensions: { code: ErrorCode.BadRequest } }] });
  } else {
    loggerFor(String(req.app.locals.service)).error({ err: error }, 'unhandled HTTP error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }] });
  }
};

/** Serves `handler` (an Express app, or a handler in front of one) on `port` (0 = any free port); a taken port becomes a readable ConfigError. */
export function listen(handler: RequestListener, port: number, host: string, what: string, portVariable: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler).listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new ConfigError(`Port ${port} is already in use, so the ${what} cannot start. Stop the other program or set ${portVariable} to a free port.`));
      } else if (error.code === 'EACCES') {
        reject(new ConfigError(`Not allowed to listen on port ${port} for the ${what}. Set ${portVariable} to a port above 1024.`));
      } else {
        reject(error);
      }
    });
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops accepting connections and waits for open ones to finish (idle keep-alive sockets are closed). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
