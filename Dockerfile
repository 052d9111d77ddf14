# Multi-stage build: compile with the toolchain (native addons: better-sqlite3, nodejieba), run as a non-root user.
# Node 20 is what CI runs, but it reached end of life on 2026-04-30 (no more security fixes); `--build-arg
# NODE_VERSION=22` builds the same image on Node 22 LTS, the runtime to move production to: better-sqlite3 11
# and nodejieba compile against its headers (C++20, which bookworm's g++ 12 has) and MikroORM 6.6 runs on it.
# Read against the docs, not built here (no Docker engine, no Node 22 binary).
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Scripts are skipped here (prepare would build before the sources are copied); native addons are rebuilt below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY src ./src
COPY bench ./bench
RUN npm rebuild better-sqlite3 nodejieba && npm run -s build && npm prune --omit=dev --ignore-scripts

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Tesseract with the simplified-Chinese model reads scanned pages and images in attachments (OCR).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim \
  && rm -rf /var/lib/apt/lists/*
RUN groupadd --system clearance && useradd --system --gid clearance --home /app clearance \
  && mkdir -p /app/data && chown clearance:clearance /app/data
COPY --from=build --chown=clearance:clearance /app/package.json ./
COPY --from=build --chown=clearance:clearance /app/node_modules ./node_modules
COPY --from=build --chown=clearance:clearance /app/dist ./dist
USER clearance
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
