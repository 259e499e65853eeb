#!/usr/bin/env bash
# The repository's own docs are the reference: every relative link in README.md and docs/ resolves
# to a file inside the repository (and its #anchor to a heading there), and docs/reference.md names
# every rule id `laneguard rules` lists.
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$LANEGUARD_SOURCE_DIR"
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }

# Every link: FILE<TAB>TARGET, relative targets only (no scheme, no mailto).
links=$(perl -ne 'while (/\]\(([^)\s]+)\)/g) { print "$ARGV\t$1\n" unless $1 =~ /^(?:[a-z]+:|mailto:)/i }' README.md docs/*.md)
count=0
while IFS=$'\t' read -r file target; do
  [ -n "$file" ] || continue
  count=$((count + 1))
  path=${target%%#*} anchor=""
  [[ $target == *#* ]] && anchor=${target#*#}
  if [ -z "$path" ]; then dest=$file; else dest=$(realpath -m "$(dirname "$file")/$path"); fi
  case "$(realpath -m "$dest")" in
    "$(realpath "$LANEGUARD_SOURCE_DIR")"/*) ;;
    *) fail "$file links outside the repository: $target"; continue ;;
  esac
  [ -e "$dest" ] || { fail "$file: broken link $target"; continue; }
  if [ -n "$anchor" ] && [[ $dest == *.md ]]; then
    # GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    perl -ne 'if (/^#+\s+(.*?)\s*$/) { $h = lc $1; $h =~ s/[^\w\- ]//g; $h =~ s/ /-/g; print "$h\n" }' "$dest" \
      | grep -qx -- "$anchor" || fail "$file: no heading for #$anchor in $path"
  fi
done <<<"$links"
ok "$count relative links in README.md and docs/ checked"
grep -rn "shared/SPEC" README.md docs/ && fail "a doc points at the contract outside the repository" \
  || ok "no doc points outside the repository for the contract"

ids=$("$LANEGUARD" rules --format json | perl -MJSON::PP -0ne 'print "$_->{id}\n" for @{decode_json($_)}')
[ -n "$ids" ] || fail "laneguard rules --format json listed nothing"
for id in $ids; do grep -q "\`$id\`" docs/reference.md || fail "docs/reference.md does not describe \`$id\`"; done
ok "docs/reference.md describes every rule id: $(echo $ids)"
for code in 0 1 2 3; do grep -q "^| \`$code\` |" docs/reference.md || fail "docs/reference.md lacks exit status $code"; done
ok "... and every exit status"
if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
