import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  valueFromASTUntyped,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { readIntEnv } from './env';
import { ErrorCode } from './errors';
import { loggerFor } from './logger';

/**
 * Defence in depth: what one request may make a subgraph do, whoever signed it. The gateway's
 * cost estimate keeps clients far below these; they hold for any caller with a valid
 * assertion (another gateway, a peer, a gateway with its limits raised), so a subgraph
 * refuses instead of growing until the process dies.
 */
export interface ExecutionLimits {
  /** Values one request may resolve: every field resolved, plus every item of every list. */
  maxResolvedValues: number;
  /** How long one request may keep resolving fields, in milliseconds. */
  maxExecutionMs: number;
}

/**
 * A request within the gateway's default cost (25,000) resolves at most about twice that
 * here (fields and list items); 100,000 leaves room for entity fetches and keeps one
 * request's answer to tens of megabytes. The gateway waits 10 s (`SUBGRAPH_TIMEOUT_MS`).
 */
export const DEFAULT_EXECUTION_LIMITS: ExecutionLimits = { maxResolvedValues: 100_000, maxExecutionMs: 15_000 };

/** `SUBGRAPH_MAX_RESOLVED_VALUES`, `SUBGRAPH_MAX_EXECUTION_MS`. */
export function executionLimitsFromEnv(): ExecutionLimits {
  return {
    maxResolvedValues: readIntEnv('SUBGRAPH_MAX_RESOLVED_VALUES', DEFAULT_EXECUTION_LIMITS.maxResolvedValues),
    maxExecutionMs: readIntEnv('SUBGRAPH_MAX_EXECUTION_MS', DEFAULT_EXECUTION_LIMITS.maxExecutionMs),
  };
}

/** One request's spending; the first limit it crosses is kept and refuses everything after. */
class Budget {
  private resolved = 0;
  private readonly deadline: number;
  refusal: GraphQLError | undefined;

  constructor(
    private readonly service: string,
    private readonly limits: ExecutionLimits,
  ) {
    this.deadline = Date.now() + limits.maxExecutionMs;
  }

  spend(values: number): void {
    if (this.refusal) throw this.refusal;
    this.resolved += values;
    if (this.resolved > this.limits.maxResolvedValues) {
      this.refusal = limitError(
        `The request resolves more than ${this.limits.maxResolvedValues} values in the ${this.service} subgraph, over its limit. Ask for smaller pages or fewer nested lists.`,
        'SUBGRAPH_MAX_RESOLVED_VALUES',
        this.limits.maxResolvedValues,
      );
    } else if (Date.now() > this.deadline) {
      this.refusal = limitError(
        `The request ran longer than ${this.limits.maxExecutionMs} ms in the ${this.service} subgraph, over its limit. Ask for smaller pages or fewer nested lists.`,
        'SUBGRAPH_MAX_EXECUTION_MS',
        this.limits.maxExecutionMs,
      );
    }
    if (this.refusal) throw this.refusal;
  }
}

/**
 * The refusal, thrown by every field resolved after it. It carries a path, so graphql-js
 * reports this one instance for each field instead of allocating a located copy per field:
 * a request refused with 100,000 fields pending must not need memory for 100,000 errors.
 * The answer holds it once (executionLimitsPlugin).
 */
function limitError(message: string, limit: string, max: number): GraphQLError {
  return new GraphQLError(message, { path: [], extensions: { code: ErrorCode.OperationLimit, limit, max } });
}

/** Budgets by request context (Apollo hands every resolver of one request the same object). */
const budgets = new WeakMap<object, Budget>();

function budgetOf(context: unknown, service: string, limits: ExecutionLimits): Budget {
  const key = typeof context === 'object' && context !== null ? context : budgets;
  let budget = budgets.get(key);
  if (!budget) budgets.set(key, (budget = new Budget(service, limits)));
  return budget;
}

/** `assumedSize` of a field's `@listSize` when it states a fixed maximum (no slicing argument). */
function statedMaximum(field: GraphQLField<unknown, unknown>): number | undefined {
  const listSize = field.astNode?.directives?.find((directive) => directive.name.value === 'listSize');
  if (!listSize || listSize.arguments?.some((argument) => argument.name.value === 'slicingArguments')) return undefined;
  const assumed = listSize.arguments?.find((argument) => argument.name.value === 'assumedSize');
  const value: unknown = assumed ? valueFromASTUntyped(assumed.value) : undefined;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Wraps every field resolver of a subgraph schema (in place): each resolved field and list
 * item is spent from the request's budget, and a list longer than the maximum its
 * `@listSize(assumedSize:)` states is cut to that maximum (logged), so the gateway's estimate,
 * which trusts the stated maximum, stays an upper bound.
 */
export function limitResolvers(schema: GraphQLSchema, service: string, limits: ExecutionLimits): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const maximum = statedMaximum(field);
      const where = `${type.name}.${field.name}`;
      const settle = (value: unknown, budget: Budget): unknown => {
        if (!Array.isArray(value)) return value;
        let list: unknown[] = value;
        if (maximum !== undefined && list.length > maximum) {
          loggerFor(service).warn({ field: where, items: list.length, maximum }, 'a list is over its stated maximum; answered the first items only');
          list = list.slice(0, maximum);
        }
        budget.spend(list.length);
        return list;
      };
      // Each event of a subscription is resolved on a budget of its own, as one request would be.
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = async (source, args, context, info) => {
          const events: unknown = await subscribe(source, args, context, info);
          return isAsyncIterator(events) && typeof context === 'object' && context !== null ? withFreshBudgets(events, context) : events;
        };
      }
      field.resolve = (source, args, context, info) => {
        const budget = budgetOf(context, service, limits);
        budget.spend(1);
        const value = resolve(source, args, context, info);
        return value instanceof Promise ? value.then((resolved) => settle(resolved, budget)) : settle(value, budget);
      };
    }
  }
  return schema;
}

function isAsyncIterator(value: unknown): value is AsyncIterableIterator<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && 'next' in value;
}

/** Forgets the context's budget as each event arrives; `return` goes straight through, so a leaving subscriber stops its feed at once. */
function withFreshBudgets(events: AsyncIterableIterator<unknown>, context: object): AsyncIterableIterator<unknown> {
  return {
    next: async () => {
      const event = await events.next();
      budgets.delete(context);
      return event;
    },
    return: (value?: unknown) => events.return?.(value) ?? Promise.resolve({ done: true, value }),
    throw: (error?: unknown) => events.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Answers a request that crossed a limit with that one error and no data: the partial
 * answer and the errors of every field refused after it would say nothing more.
 */
export function executionLimitsPlugin(service: string, limits: ExecutionLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue }) {
          budgets.set(contextValue, new Budget(service, limits));
        },
        async willSendResponse({ response, contextValue }) {
          const refusal = budgets.get(contextValue)?.refusal;
          if (!refusal || response.body.kind !== 'single') return;
          const error: GraphQLFormattedError = { message: refusal.message, extensions: { ...refusal.extensions } };
          response.body.singleResult = { errors: [error] };
        },
      };
    },
  };
}
