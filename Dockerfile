# Realmgate: one image, built once, run by every instance unchanged (README "Several instances").
#   docker build -t realmgate .
#   docker run -p 3000:3000 -e HOST=0.0.0.0 -v realmgate-data:/app/data realmgate        # SQLite in the volume
# With PostgreSQL set DATABASE_URL=postgresql://… and REALMGATE_SECRET_KEY (the same on every instance): compose.yaml.

FROM node:20-slim AS build
WORKDIR /app
# Dependencies first (their layer is reused until the lock file changes); postinstall generates both Prisma clients
# from the schema, offline.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY lib/database-url.ts ./lib/database-url.ts
RUN npm ci
COPY . .
# The build: a build ID from the sources; server-action keys come from REALMGATE_SECRET_KEY at run time
# (scripts/start.mjs), so no secret is baked into the image.
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    REALMGATE_SKIP_BUILD=1 \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
RUN groupadd --system realmgate \
 && useradd --system --gid realmgate --home-dir /app --shell /usr/sbin/nologin realmgate
# The application is root's and read-only to Realmgate; only data/ (SQLite, the key file) and Next's cache are its own.
COPY --from=build /app ./
RUN mkdir -p data .next/cache && chown realmgate:realmgate data .next/cache && chmod 0700 data
USER realmgate
VOLUME ["/app/data"]
EXPOSE 3000
# Is the process up? (Load balancers ask /readyz: database, migrations, signing certificate.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrates the database (one instance at a time, under PostgreSQL's advisory lock), then serves; never builds.
CMD ["node", "scripts/start.mjs"]
