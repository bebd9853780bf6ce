# syntax=docker/dockerfile:1
# One image for every process of the graph: the five subgraphs and the gateway differ only by
# command and environment (see compose.yaml and deploy/k8s/). Node 20, production dependencies
# only (tsx, a dependency, runs the TypeScript sources), a non-root user, a health check.

# --- dependencies: production only, from the lock file -------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json tsconfig.json ./
COPY --chown=node:node gateway ./gateway
COPY --chown=node:node subgraphs ./subgraphs
COPY --chown=node:node scripts ./scripts
COPY --chown=node:node schema ./schema
COPY --chown=node:node sources ./sources
COPY --chown=node:node deploy/healthcheck.mjs ./deploy/healthcheck.mjs
USER node
# Listen on every interface inside the container; the ports are set per service. Metrics on a
# port of their own (production serves none on the public port): 9464, Prometheus scrapes it.
ENV GATEWAY_HOST=0.0.0.0 SUBGRAPH_HOST=0.0.0.0 DATA_DIR=/tmp/sti-data METRICS_HOST=0.0.0.0 METRICS_PORT=9464
# A V8 heap cap: without one V8 grows the heap lazily toward a share of the host's memory, so
# an idle-looking process holds hundreds of MiB after a spike. 256 MiB holds the response cache
# (at most RESPONSE_CACHE_MAX_MB, 64) with room; bench/graph.ts runs the processes with the same cap.
ENV NODE_OPTIONS=--max-old-space-size=256
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
# The gateway by default; a subgraph with: node --import tsx scripts/start-subgraph.ts <name>
CMD ["node", "--import", "tsx", "scripts/start-gateway.ts"]
