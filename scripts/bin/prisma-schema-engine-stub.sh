#!/bin/sh
# Prisma 7's CLI insists on a native schema-engine binary before `generate`, which it would
# download from Prisma's binary host. Countersign never needs it: migrations are created with
# @prisma/schema-engine-wasm (npm run db:migration) and applied by scripts/lib/migrate.ts.
echo "countersign: the native Prisma schema engine is not used here; see README (Migrations)." >&2
exit 1
