#!/usr/bin/env bash
# The worked example's team over seven weeks, then a day of pushes through the server hooks, and
# `laneguard report` of it all: history (prototypes, payments changes, AI-assisted work, branches
# that waited for review) plus the server's audit log (a self-approval and an unlabelled AI change
# stopped, break glass during an incident).
# Usage: examples/demo-report.sh [path/to/laneguard] [OUT.html] [SCREENSHOT.png]
#   OUT.html: where the report goes (default: report.html in the current directory)
#   SCREENSHOT.png: also render it with headless Chromium (docs/report-demo.png is made this way)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lg=${1:-$(command -v laneguard || echo "$here/build/laneguard")}
lg=$(cd "$(dirname "$lg")" && pwd)/$(basename "$lg")
out=$(realpath -m "${2:-report.html}")
shot=${3:+$(realpath -m "$3")}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export GIT_CONFIG_GLOBAL=$dir/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global init.defaultBranch main
git config --global user.name Demo && git config --global user.email demo@acme.test
unset LANEGUARD_PUSHER GITHUB_USER_LOGIN GL_USERNAME GITEA_PUSHER_NAME GL_USER REMOTE_USER GIT_DIR GIT_WORK_TREE || true
server=$dir/checkout.git work=$dir/checkout
git init -q --bare -b main "$server"
git -C "$server" config receive.advertisePushOptions true
git init -q -b main "$work"
cd "$work"
bash "$here/tests/team_agreement.sh" \
  '[lanes.engineering] members = ["erin", "eli", "sam"]' \
  '[[protected]] name = "payments"' \
  '[[protected]] paths = ["src/payments/**"]' \
  $'[people.sam]\nemails = ["sam@acme.test"]\nusernames = ["sam"]' \
  $'[override]\npeople = ["erin"]' > .laneguard.toml

declare -A email=([Pat]=pat@acme.test [Erin]=erin@acme.test [Eli]=eli@acme.test [Sam]=sam@acme.test)
start=$(($(date +%s) - 49 * 86400))  # seven weeks ago
at() { date -u -d "@$((start + $1))" +%Y-%m-%dT%H:%M:%SZ; }  # at SECONDS-AFTER-START
# change WHO WHEN-WRITTEN WHEN-COMMITTED FILE MESSAGE: one commit (author date = when written).
change() {
  local who=$1 written=$2 committed=$3 file=$4 msg=$5
  mkdir -p "$(dirname "$file")"
  echo "# $msg" >> "$file"
  git add -- "$file"
  GIT_AUTHOR_NAME=$who GIT_AUTHOR_EMAIL=${email[$who]} GIT_COMMITTER_NAME=$who GIT_COMMITTER_EMAIL=${email[$who]} \
    GIT_AUTHOR_DATE=$(at "$written") GIT_COMMITTER_DATE=$(at "$committed") git commit -q -m "$msg"
}
# merge WHO WHEN BRANCH: merges BRANCH into main (a reviewed branch landing).
merge() {
  GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=${email[$1]} GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=${email[$1]} \
    GIT_AUTHOR_DATE=$(at "$2") GIT_COMMITTER_DATE=$(at "$2") git merge -q --no-ff -m "Merge $3" "$3"
  git branch -q -D "$3"
}
h=3600 d=86400
git add .laneguard.toml
GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_AUTHOR_DATE=$(at 0) GIT_COMMITTER_DATE=$(at 0) \
  git commit -q -m "Adopt the working agreement"
for week in 0 1 2 3 4 5 6; do
  w=$((week * 7 * d + d))
  change Pat $((w)) $((w + h)) prototypes/checkout.py "Prototype checkout idea $week"
  change Pat $((w + 2 * h)) $((w + 3 * h)) prototypes/pricing.py "Try a pricing page $week"
  change Eli $((w + 4 * h)) $((w + 5 * h)) src/app/main.py "App fix $week"
  # A payments change on a branch, reviewed and merged days later (longer in the middle weeks).
  git checkout -q -b "pay-$week"
  change Sam $((w + h)) $((w + 2 * h)) src/payments/charge.py "Charge retries, part $week

Reviewed-by: Erin <erin@acme.test>"
  if ((week % 2 == 1)); then
    change Erin $((w + 3 * h)) $((w + 4 * h)) src/payments/refund.py "Refund flow $week

Assisted-by: Claude:opus-4
Reviewed-by: Eli <eli@acme.test>
Reviewed-by: Sam <sam@acme.test>"
  fi
  git checkout -q main
  merge Eli $((w + (week == 3 ? 9 : 1 + week % 3) * d)) "pay-$week"
done
# Declared none, and one promoted prototype from before anyone caught it.
change Sam $((44 * d)) $((44 * d + h)) src/payments/ledger.py "Ledger cleanup

Assisted-by: none
Reviewed-by: Eli <eli@acme.test>"
change Pat $((45 * d)) $((45 * d)) src/payments/promo.py "Promo codes straight from the prototype"
git remote add origin "$server"
git push -q origin main
"$lg" install --server "$server" >/dev/null

# Today, through the gate.
push_as() { local who=$1; shift; LANEGUARD_PUSHER=$who git push -q "$@" >/dev/null 2>&1 || true; }
now_change() {  # now_change WHO FILE MESSAGE
  local who=$1 file=$2 msg=$3
  mkdir -p "$(dirname "$file")"
  echo "# $msg" >> "$file"
  git add -- "$file"
  GIT_AUTHOR_NAME=$who GIT_AUTHOR_EMAIL=${email[$who]} GIT_COMMITTER_NAME=$who GIT_COMMITTER_EMAIL=${email[$who]} \
    git commit -q -m "$msg"
}
reset() { git fetch -q origin && git checkout -q -B main origin/main; }
now_change Pat src/payments/charge.py "Tweak the charge copy"
push_as pat origin main                          # self-approval: stopped
push_as pat origin HEAD:refs/heads/pat/copy
push_as erin origin HEAD:main                    # erin reviewed it and lands it
reset
now_change Eli src/payments/refund.py "Faster refunds

Co-authored-by: Claude <noreply@anthropic.com>"
push_as eli origin HEAD:refs/heads/eli/refunds
push_as sam origin HEAD:main                     # unlabelled AI: stopped
reset
now_change Erin src/payments/charge.py "Hotfix: card payments failing"
push_as erin -o 'laneguard.override=INC-311: card payments failing, Eli and Sam offline' origin main
reset
now_change Pat prototypes/checkout.py "Checkout prototype, next round"
push_as pat origin main
reset

"$lg" report --audit-log "$server/laneguard/audit.log" --out "$out"
echo "report: $out"
if [ -n "$shot" ]; then
  chromium=$(command -v chromium || command -v chromium-browser) || { echo "no chromium for the screenshot" >&2; exit 3; }
  HOME=$dir "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$dir/chromium" \
    --hide-scrollbars --window-size=1100,2600 --screenshot="$shot" "file://$out" >/dev/null 2>&1
  echo "screenshot: $shot"
fi
