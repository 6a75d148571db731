# syntax=docker/dockerfile:1
# One image per process of KITOS next, all from this file:
#   docker build --build-arg SERVICE=catalog -t kitos-next/catalog:0.1.0 .
# SERVICE is one of the directories in services/: identity catalog contracts projects gdpr archiving reporting gateway.
#
# Stages: deps (production node_modules only) → build (full install, tsc + tsc-alias into dist/, Vite → web/dist) → runtime (slim,
# non-root, read-only friendly: the process writes nothing but /tmp). Node itself is PID 1: Nest's
# enableShutdownHooks() handles SIGTERM (stop taking requests, drain NATS within SHUTDOWN_GRACE_MS, flush the outbox
# relay, close the database), so `docker stop` / a pod deletion ends the process cleanly.

ARG NODE_IMAGE=node:22.23-bookworm-slim

# ---------------------------------------------------------------------------------------------------------------- deps
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# --ignore-scripts: no runtime dependency needs an install script (and telemetry postinstalls stay off)
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --------------------------------------------------------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
ARG SERVICE
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
# the web client (built to web/dist by `npm run build`; the gateway serves it at /)
COPY web ./web
RUN npm run build
# Fail the build early for an unknown SERVICE, and record the port the process listens on when neither HTTP_PORT nor
# (gateway) PORT is set, for the HEALTHCHECK below.
RUN set -e; \
    if [ -z "${SERVICE}" ]; then echo "build with --build-arg SERVICE=<one of: $(ls services | tr '\n' ' ')>" >&2; exit 1; fi; \
    if [ ! -f "dist/services/${SERVICE}/src/main.js" ]; then echo "no such service: ${SERVICE}" >&2; exit 1; fi; \
    node -e "const p = require('./dist/libs/config/src/load-config.js').DEFAULT_HTTP_PORTS[process.argv[1]]; if (!p) { console.error('no default HTTP port for ' + process.argv[1]); process.exit(1); } require('fs').writeFileSync('dist/default-http-port', String(p));" "${SERVICE}"

# ------------------------------------------------------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="kitos-next-${SERVICE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MPL-2.0"
WORKDIR /app
# Heap sized for the Kubernetes memory limit of 512Mi (≈75 %); the manifests set NODE_OPTIONS to match their limits.
ENV NODE_ENV=production \
    KITOS_SERVICE=${SERVICE} \
    NODE_OPTIONS=--max-old-space-size=384
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/dist/libs ./dist/libs
COPY --from=build --chown=root:root /app/dist/services/${SERVICE} ./dist/services/${SERVICE}
COPY --from=build --chown=root:root /app/dist/default-http-port ./dist/default-http-port
# the built web client (static files, a few MB; only the gateway serves them: WEB_DIST_DIR defaults to /app/web/dist)
COPY --from=build --chown=root:root /app/web/dist ./web/dist
# the sample KLE emneplan the catalogue imports when it has no KLE yet (KLE_EMNEPLAN_FILE; a few kB)
COPY --chown=root:root deploy/seed/kle ./deploy/seed/kle
# main.js → the service's entry (node resolves the link, so `require.main === module` holds in the entry file)
RUN ln -s "dist/services/${SERVICE}/src/main.js" /app/main.js
# numeric uid/gid of the image's `node` user, so that Kubernetes' runAsNonRoot can verify it
USER 1000:1000
EXPOSE 8080 8101 8102 8103 8104 8105 8106 8107
# Liveness of the process on the port it really listens on: HTTP_PORT, else PORT (gateway), else its default.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const e = process.env; const p = e.HTTP_PORT || (e.KITOS_SERVICE === 'gateway' && e.PORT) || require('fs').readFileSync('/app/dist/default-http-port', 'utf8').trim(); fetch('http://127.0.0.1:' + p + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
STOPSIGNAL SIGTERM
CMD ["node", "/app/main.js"]
