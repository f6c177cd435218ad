# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate job (docker-compose.yml picks the
# command). glibc (Debian) rather than Alpine: Temporal's native core bridge and @node-rs/argon2
# ship prebuilt glibc binaries.
FROM node:24-bookworm-slim

WORKDIR /app

# Dependencies first, so this layer is reused while package*.json are unchanged. A plain
# `npm ci` (not --omit=dev): `prisma generate` below needs the prisma CLI (a devDependency) and
# the services run TypeScript through tsx. NODE_ENV=production is set only after this step,
# because npm skips devDependencies when it is set. The schema-engine override also stops
# @prisma/engines' postinstall from downloading an engine nothing in this image uses.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npm ci --no-audit --no-fund

COPY . .

# Prisma 7's `generate` (the "prisma-client" generator, no Rust query engine) needs no real
# schema engine; pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file stops the CLI from
# downloading one. Migrations are applied by infra/migrate-cli.ts, not the Prisma CLI.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_HIDE_UPDATE_MESSAGE=1 node_modules/.bin/prisma generate

# Upload storage (STORAGE_DIR in docker-compose.yml). Created here and owned by `node` so a new
# named volume mounted on it inherits that owner and the unprivileged user can write to it.
RUN mkdir -p /data/uploads && chown node:node /data/uploads

ENV NODE_ENV=production

# The official image's unprivileged user (uid 1000); the app files stay root-owned, read-only to it.
USER node

EXPOSE 3000
CMD ["node_modules/.bin/tsx", "api/server.ts"]
