#!/usr/bin/env bash
# Saves what a creator sees (dashboard, analytics, settings, playbooks list and editor, the AI studio's drafts panel, custom
# tone and goal dialog (AiStudioInIframeTests, with the demo's fake model), and a member's save offer page (OfferPageInIframeTests) inside a cross-origin iframe at Whop's narrow and wide widths,
# light and dark) to artifacts/screenshots/, by running the browser tests with RA_SCREENSHOTS set.
set -euo pipefail
cd "$(dirname "$0")/.."
export RA_SCREENSHOTS="$PWD/artifacts/screenshots"
./scripts/test.sh --filter "FullyQualifiedName~RevenueAngel.Tests.Browser"
ls "$RA_SCREENSHOTS"
