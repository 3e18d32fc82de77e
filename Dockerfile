# syntax=docker/dockerfile:1
# Order hub image: compiles TypeScript in a build stage, ships only dist + production deps.
# Same image runs `hub api` and `hub worker` (see compose.yaml); secrets come from the environment.

# ---- build: install all deps, compile, then drop dev deps ----
FROM node:24-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund

# One COPY per folder: a multi-source COPY would merge the folders' contents into /app.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY mappings ./mappings
COPY data ./data
COPY sims ./sims
COPY bin ./bin
COPY config ./config
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime: production deps, compiled code, mappings and example config ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Files stay root-owned (read-only for the app); the process runs as the unprivileged `node` user.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/mappings ./mappings
# The demo catalog and customer directory the fax channel checks forms against.
COPY --from=build /app/data ./data
# The compiler copies no templates: the customer e-mail templates go beside the compiled connector.
COPY --from=build /app/connectors/customer-email/templates ./dist/connectors/customer-email/templates
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/config ./config

# The fax spool (a volume in compose.yaml) is the one place the app writes to.
RUN mkdir -p /var/spool/fax/in /var/spool/fax/out && chown -R node:node /var/spool/fax

USER node
EXPOSE 8080 2526

# The slim image has no curl: probe /healthz with Node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

ENTRYPOINT ["node", "bin/hub.js"]
CMD ["start", "--config", "config/hub.yaml"]
