#!/usr/bin/env bash
# A worked example: a small team's agreement, three commits, and what `laneguard check` says.
# Usage: examples/demo.sh [path/to/laneguard]   (default: laneguard on PATH, else build/laneguard)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lg=${1:-$(command -v laneguard || echo "$here/build/laneguard")}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
cd "$dir"
echo "(in a new repository at $dir)"
git init -q -b main .
# The agreement: the test suite's team (tests/team_agreement.toml: pat in the pm lane, erin and eli in
# engineering) with sam in engineering too, and the protected area named "payments".
bash "$here/tests/team_agreement.sh" \
  '[lanes.engineering] members = ["erin", "eli", "sam"]' \
  '[[protected]] name = "payments"' \
  '[[protected]] paths = ["src/payments/**"]' \
  $'[people.sam]\nemails = ["sam@acme.test"]\nusernames = ["sam"]' > .laneguard.toml
as() { local n=$1 e=$2; shift 2; GIT_AUTHOR_NAME=$n GIT_AUTHOR_EMAIL=$e GIT_COMMITTER_NAME=$n GIT_COMMITTER_EMAIL=$e "$@"; }
git add .laneguard.toml && as Erin erin@acme.test git commit -qm "Adopt the working agreement"
mkdir -p prototypes src/payments
echo 'print("checkout v0")' > prototypes/checkout.py
git add -A && as Pat pat@acme.test git commit -qm "Prototype the new checkout"
echo 'def charge(): ...' > src/payments/charge.py
git add -A && as Pat pat@acme.test git commit -q -F - <<'MSG'
Promote the checkout prototype

Reviewed-by: Pat <pat@acme.test>
MSG
echo 'def refund(): ...' > src/payments/refund.py
git add -A && as Erin erin@acme.test git commit -q -F - <<'MSG'
Add refunds

Reviewed-by: Eli <eli@acme.test>
Co-Authored-By: Claude <noreply@anthropic.com>
MSG
echo '$ laneguard check'
"$lg" check || echo "(exit status $?)"
