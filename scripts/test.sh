#!/usr/bin/env bash
# Runs every test on a fresh machine of this kind: installs what the tests need (PostgreSQL server binaries,
# Chromium), restores tools, builds with warnings as errors, runs the suite and prints a last line
# "N passed, N failed, N skipped". Exits non-zero on any failure.
#   RA_TEST_POSTGRES=<connection string>  use that server instead of a throwaway one
#   RA_CHROMIUM=<path>                    use that Chromium instead of /usr/bin/chromium
#   extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Browser")
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  echo "Installing $* from apt…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
if [ -z "${RA_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && ! command -v pg_ctl >/dev/null; then
  missing+=(postgresql)
fi
if [ -z "${RA_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

dotnet tool restore >/dev/null
dotnet build RevenueAngel.sln -c Debug -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test RevenueAngel.sln --no-build -c Debug --blame-hang-timeout 5m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test project, e.g. "Passed!  - Failed: 0, Passed: 16, Skipped: 0, Total: 16, …".
read -r passed failed skipped projects < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" | awk '
  { gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
    n++ }
  END { print p + 0, f + 0, s + 0, n + 0 }')

if [ "$projects" -eq 0 ]; then
  echo "No test summary found: the test run did not complete."
  failed=$((failed + 1))
fi
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
