#!/usr/bin/env bash
# Adds a migration with the same name for both providers (PostgreSQL and the embedded SQLite).
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Postgres Sqlite; do
  dotnet ef migrations add "$name" --project RevenueAngel.Core --startup-project RevenueAngel.Core \
    --context "${provider}RevenueAngelDbContext" --output-dir "Persistence/Migrations/$provider"
done
