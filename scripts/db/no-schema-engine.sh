#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline. scripts/db points
# PRISMA_SCHEMA_ENGINE_BINARY here so the prisma CLI skips the download for `prisma generate`.
echo "Arbiter does not use Prisma's native schema engine: use npm run db:migrate / db:deploy / db:status / db:reset (scripts/db)." >&2
exit 1
