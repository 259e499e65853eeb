#!/bin/bash
# laneguard report: a real history pushed through the real server hooks (laneguard install --server)
# gives a real audit log; the report's JSON is compared with counts computed here from git log and
# jq over that log, and the HTML is rendered by Debian's headless Chromium (--dump-dom: the tables
# and charts hold the expected values; --screenshot: the page is not blank, in light and dark).
source "$(dirname "$0")/server_lib.sh"
# jq is a test dependency (install.sh --test): its absence is a failure, not a skip.
command -v jq >/dev/null || { echo "FAIL: jq is not installed (install.sh --test installs it)" >&2; exit 1; }
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"
# Real dates: the audit log's times are the pushes' (now); authors wrote the changes days before.
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
days_ago() { date -u -d "@$(($(date +%s) - $1 * 86400))" +%Y-%m-%dT%H:%M:%SZ; }
setup_server

# The PM's prototype: no approval needed.
GIT_AUTHOR_DATE=$(days_ago 3) commit_as "$PAT" "Prototype a checkout flow" prototypes/demo.py
push_as pat origin main
expect_accept "a PM's prototype"
# The PM changes login and pushes it herself: self-approval. Then she pushes a branch and an
# engineer lands it.
reset_work
GIT_AUTHOR_DATE=$(days_ago 9) commit_as "$PAT" "Tweak login copy" src/auth/login.py
push_as pat origin main
expect_reject "the PM's own push of her login change" self-approval
push_as pat origin HEAD:refs/heads/pm/login
push_as erin origin HEAD:main
expect_accept "an engineer lands the PM's login change"
# AI-marked, unlabelled: stopped.
reset_work
commit_as "$ERIN" "Harden login

Co-authored-by: Claude <noreply@anthropic.com>" src/auth/login.py
push_as erin origin HEAD:refs/heads/erin/ai
push_as eli origin HEAD:main
expect_reject "AI-marked without a label" unlabeled-ai
# Labelled AI needs two approvals; erin breaks glass (a reason with markup, to see it escaped).
reset_work
GIT_AUTHOR_DATE=$(days_ago 1) commit_as "$ERIN" "Harden login (labelled)

Assisted-by: Claude:opus-4
Co-authored-by: Claude <noreply@anthropic.com>" src/auth/login.py
push_as erin -o 'laneguard.override=INC-42: <b>login outage</b> & rollback' origin HEAD:main
expect_accept "break glass lands the labelled AI change"
# Engineering's own code outside the protected areas, and a declared-none change.
reset_work
GIT_AUTHOR_DATE=$(days_ago 2) commit_as "$ELI" "Speed up the app" src/app/main.py
commit_as "$ELI" "Session cleanup

Assisted-by: none" src/app/session.py
push_as eli origin main
expect_reject "eli's session change needs another engineer" self-approval
push_as eli origin HEAD:refs/heads/eli/app
push_as erin origin HEAD:main
expect_accept "erin lands eli's branch"

git -C "$WORK" fetch -q origin
git -C "$WORK" checkout -q -B main origin/main
[ -s "$AUDIT" ] || { fail "no audit log at $AUDIT"; finish; }

# --- JSON, in the clone with the server's audit log ----------------------------------------------
set +e
(cd "$WORK" && "$LANEGUARD" report --format json --audit-log "$AUDIT") > "$TMP/report.json" 2> "$TMP/report.err"
rc=$?
set -e
[ "$rc" -eq 0 ] && ok "report --format json exits 0" || { fail "report exit $rc: $(cat "$TMP/report.err")"; finish; }
jq -e . "$TMP/report.json" >/dev/null && ok "... one JSON document" || fail "not JSON"
J() { jq -r "$1" "$TMP/report.json"; }
same() {  # same DESCRIPTION ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then ok "$1 ($2)"; else fail "$1: report says '$2', expected '$3'"; fi
}

commits=$(git -C "$WORK" rev-list --count HEAD)
same "commits: git rev-list --count" "$(J .totals.commits)" "$commits"
AUTH_PATHS=(src/auth ':(glob)**/session*')  # the area's paths in the server tests' agreement
auth=$(git -C "$WORK" log --format=%H -- "${AUTH_PATHS[@]}" | wc -l)
same "authentication changes: git log -- its paths" "$(J '.areas[] | select(.area=="authentication") | .changes')" "$auth"
auth_pm=$(git -C "$WORK" log --author=pat@acme.test --format=%H -- "${AUTH_PATHS[@]}" | wc -l)
same "... by the pm lane: git log --author=pat" "$(J '.areas[] | select(.area=="authentication") | .by_lane.pm')" "$auth_pm"
auth_eng=$(git -C "$WORK" log --author=erin@acme.test --author=eli@acme.test --format=%H -- "${AUTH_PATHS[@]}" | wc -l)
same "... by engineering: git log --author=erin --author=eli" \
  "$(J '.areas[] | select(.area=="authentication") | .by_lane.engineering')" "$auth_eng"
labelled=$(git -C "$WORK" log --format=%B | grep -ciE '^Assisted-by: *claude' || true)
same "AI labelled: Assisted-by trailers naming a tool" "$(J .totals.ai.labelled)" "$labelled"
none=$(git -C "$WORK" log --format=%B | grep -ciE '^Assisted-by: *none' || true)
same "AI declared none: Assisted-by: none" "$(J .totals.ai.declared_none)" "$none"
same "agreement changes: git log -- .laneguard.toml" "$(J '.agreement.changes | length')" \
  "$(git -C "$WORK" log --format=%H -- .laneguard.toml | wc -l)"

decisions=$(jq -s '[.[] | select(.verdict)] | length' "$AUDIT")
same "audit decisions: jq over the log" "$(J .audit.decisions)" "$decisions"
rejected=$(jq -s '[.[] | select(.verdict=="reject")] | length' "$AUDIT")
same "rejected pushes" "$(J .audit.rejected)" "$rejected"
for rule in self-approval unlabeled-ai; do
  n=$(jq -s --arg r "$rule" '[.[] | select(.verdict=="reject" and any(.findings[]; .rule==$r and .severity=="block"))] | length' "$AUDIT")
  same "blocked by $rule: rejected decisions with that blocking finding" \
    "$(jq -r --arg r "$rule" '.audit.blocked[$r] // 0' "$TMP/report.json")" "$n"
done
[ "$(J '.audit.blocked["self-approval"]')" -ge 2 ] && ok "... self-approval stopped at least twice" || fail "self-approval count"
stopped=$(jq -s '[.[] | select(.verdict=="reject") | .findings[] | select(.rule=="unlabeled-ai" and .severity=="block") | .commit] | unique | length' "$AUDIT")
same "AI unlabelled and stopped: distinct commits" "$(J .totals.ai.stopped)" "$stopped"
same "break glass: overrides in the log" "$(J '.audit.overrides | length')" "$(jq -s '[.[] | select(.override != null)] | length' "$AUDIT")"
same "... who" "$(J '.audit.overrides[0].by')" "$(jq -rs '[.[] | select(.override != null)][0].override.by' "$AUDIT")"
same "... why" "$(J '.audit.overrides[0].reason')" "INC-42: <b>login outage</b> & rollback"
same "landed pushes" "$(J .audit.landed)" "$(jq -s '[.[] | select(.landing=="landed")] | length' "$AUDIT")"
same "pushers" "$(J '[.audit.pushers[].pusher] | sort | join(",")')" "$(jq -rs '[.[] | select(.verdict) | .pusher] | unique | join(",")' "$AUDIT")"
# Landings from the log: the commits of accepted pushes whose settling line says landed.
landed_commits=$(jq -rs '([.[] | select(.landing=="landed") | .push]) as $l | [.[] | select(.verdict=="accept" and (.push as $p | $l | index($p))) | .commits[]] | unique | .[]' "$AUDIT" | sort)
on_main=$(git -C "$WORK" rev-list HEAD | sort)
same "waits landed by the log: commits of landed pushes on main" "$(J .wait.to_server)" "$(comm -12 <(echo "$landed_commits") <(echo "$on_main") | grep -c . || true)"
same "waits: every change" "$(J .wait.changes)" "$commits"
# The PM's login change was written 9 days ago, first pushed today: its first appearance is the
# server's (pushed to a branch and rejected on main first), not its author date.
pm_login=$(git -C "$WORK" log --format=%H --author=pat@acme.test -- src/auth | head -1)
[ "$(jq -r --arg c "$pm_login" '.wait.slowest[] | select(.commit==$c) | .from_server' "$TMP/report.json")" = true ] \
  && ok "the PM's login change: first appearance from the server" || fail "the PM's change's first appearance"
# The initial import was never pushed through the hooks: its wait comes from history.
same "history-only wait for the import (author date to commit date)" \
  "$(jq -r '.wait.slowest[] | select(.subject=="Initial import") | .from_server' "$TMP/report.json")" false

# --- on the server itself: its own audit log and introducer records ----------------------------
set +e
(cd "$SERVER" && "$LANEGUARD" report --format json --agreement "$WORK/.laneguard.toml") > "$TMP/server.json" 2> "$TMP/server.err"
rc=$?
set -e
[ "$rc" -eq 0 ] && ok "report in the bare repository" || fail "server report exit $rc: $(cat "$TMP/server.err")"
same "... reads the server's own audit log" "$(jq -r .audit.decisions "$TMP/server.json")" "$decisions"
intro=$(sqlite3 "$SERVER/laneguard/laneguard.db" "SELECT count(*) FROM introducers" 2>/dev/null || echo "?")
[ "$intro" != "?" ] && [ "$(jq -r .wait.from_server "$TMP/server.json")" -ge "$(J .wait.from_server)" ] \
  && ok "... and its introducer records for first appearances ($(jq -r .wait.from_server "$TMP/server.json") of $commits)" \
  || fail "server first appearances: $(jq -r .wait.from_server "$TMP/server.json")"

# --- history alone ----------------------------------------------------------------------------
(cd "$WORK" && "$LANEGUARD" report --format json --audit-log /dev/null) > "$TMP/history.json" 2>/dev/null \
  || fail "report with an empty audit log"
same "history alone: no decisions" "$(jq -r .audit.decisions "$TMP/history.json")" 0
same "history alone: the same changes by area" "$(jq -c '[.areas[] | {area, changes}]' "$TMP/history.json")" \
  "$(J '[.areas[] | {area, changes}] | tostring')"

# --- bad input ----------------------------------------------------------------------------------
printf '%s\n{"nonsense"\n' "$(head -1 "$AUDIT")" > "$TMP/bad.log"
set +e
(cd "$WORK" && "$LANEGUARD" report --format json --audit-log "$TMP/bad.log") > /dev/null 2> "$TMP/bad.err"
rc=$?
set -e
[ "$rc" -eq 3 ] && grep -q "bad.log:2: not an audit record" "$TMP/bad.err" \
  && ok "an invalid line: exit 3 naming file and line" || fail "invalid line: exit $rc, $(cat "$TMP/bad.err")"
{ cat "$AUDIT"; printf '{"time":"2026-'; } > "$TMP/torn.log"
(cd "$WORK" && "$LANEGUARD" report --format json --audit-log "$TMP/torn.log") > "$TMP/torn.json" 2> "$TMP/torn.err" \
  && grep -q "incomplete" "$TMP/torn.err" && [ "$(jq -r .audit.decisions "$TMP/torn.json")" = "$decisions" ] \
  && ok "a torn last line (a decision being written) is skipped with a warning" || fail "torn line: $(cat "$TMP/torn.err")"
set +e
(cd "$WORK" && "$LANEGUARD" report --format pdf) > /dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] && ok "--format pdf: exit 2" || fail "--format pdf: exit $rc"

# --- HTML, rendered by a real browser ------------------------------------------------------------
(cd "$WORK" && "$LANEGUARD" report --audit-log "$AUDIT" --out "$TMP/report.html") 2> "$TMP/html.err" \
  && ok "report --out FILE writes the HTML" || fail "html: $(cat "$TMP/html.err")"
grep -qi "<script" "$TMP/report.html" && fail "the page has a script" || ok "no script"
grep -Eqi '(src|href)="(https?:)?//' "$TMP/report.html" && fail "the page fetches something" || ok "nothing fetched"
grep -q "prefers-color-scheme:dark" "$TMP/report.html" && ok "a dark scheme" || fail "no dark scheme"
grep -q "@media print" "$TMP/report.html" && ok "print styles" || fail "no print styles"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then echo "SKIP: chromium is not installed (the browser checks)"; finish; exit 77; fi
browser() { HOME=$TMP timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-dev-shm-usage --user-data-dir="$TMP/chromium" "$@" 2>>"$TMP/chromium.log"; }
browser --dump-dom "file://$TMP/report.html" > "$TMP/dom.html" || true
[ -s "$TMP/dom.html" ] && ok "chromium renders the page (--dump-dom)" || { fail "chromium: $(tail -5 "$TMP/chromium.log")"; finish; }
# The DOM as chromium parsed it, read with python3's html.parser: table cells by row and column.
python3 - "$TMP/dom.html" "$TMP/report.json" <<'EOF' && ok "the DOM's tables and charts hold the report's numbers" || fail "DOM checks"
import json, sys
from html.parser import HTMLParser
dom = open(sys.argv[1], encoding="utf-8").read()
rep = json.load(open(sys.argv[2]))
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.tables = {}; s.table = None; s.row = None; s.cell = None; s.rects = []; s.svgs = []; s.elems = []
    def handle_starttag(s, tag, attrs):
        a = dict(attrs); s.elems.append(tag)
        if tag == "table": s.table = a.get("id"); s.tables[s.table] = []
        elif tag == "tr" and s.table: s.row = []; s.tables[s.table].append(s.row)
        elif tag in ("td", "th") and s.row is not None: s.cell = [a.get("data-col"), ""]; s.row.append(s.cell)
        elif tag == "svg": s.svgs.append(a.get("id"))
        elif tag == "rect" and "data-value" in a: s.rects.append((s.svgs[-1], a["data-series"], a["data-label"], float(a["data-value"])))
        elif tag == "b" and s.table: print("markup from the audit log became an element", file=sys.stderr); sys.exit(1)
    def handle_endtag(s, tag):
        if tag == "table": s.table = None
        elif tag in ("td", "th"): s.cell = None
    def handle_data(s, d):
        if s.cell is not None: s.cell[1] += d
p = P(); p.feed(dom)
bad = []
def check(what, got, want):
    if got != want: bad.append(f"{what}: page {got!r}, report {want!r}")
def row(table, first):
    for r in p.tables.get(table, []):
        if r and r[0][1] == first: return {c: v for c, v in r}
    return None
for a in rep["areas"]:
    r = row("lanes-table", a["area"])
    if r is None: bad.append(f"no row for {a['area']} in lanes-table"); continue
    check(a["area"] + " changes", r["changes"], str(a["changes"]))
    for lane, n in a["by_lane"].items():
        check(f"{a['area']} {lane}", r.get("no lane" if lane == "(none)" else lane), str(n))
    r = row("ai-table", a["area"])
    check(a["area"] + " labelled", r and r["labelled"], str(a["ai"]["labelled"]))
    check(a["area"] + " stopped", r and r["unlabelled, stopped"], str(a["ai"]["stopped"]))
    i = rep["areas"].index(a)
    if a["changes"]:
        drawn = sum(v for (svg, series, label, v) in p.rects if svg == f"chart-lanes-{i}")
        check(f"chart-lanes-{i} total", drawn, float(a["changes"]))
for rule, n in rep["audit"]["blocked"].items():
    drawn = [v for (svg, series, label, v) in p.rects if svg == "chart-blocked" and label == rule]
    check(f"chart-blocked {rule}", drawn, [float(n)])
o = rep["audit"]["overrides"][0]
cells = [dict((c, v) for c, v in r) for r in p.tables.get("overrides-table", [])[1:]]
check("override who", cells and cells[0]["who"], o["by"])
check("override why (escaped, shown as text)", cells and cells[0]["why"], o["reason"])
wait = sum(v for (svg, series, label, v) in p.rects if svg == "chart-wait")
check("chart-wait total", wait, float(rep["wait"]["changes"]))
check("slowest rows", len(p.tables.get("slowest-table", [])) - 1, len(rep["wait"]["slowest"]))
check("areas in force", len(p.tables.get("areas-table", [])) - 1, len(rep["agreement"]["areas"]))
for b in bad: print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# Screenshots, light and dark: not blank (a python3 PNG decoder, no extra packages).
browser --screenshot="$TMP/light.png" --window-size=1200,2400 --hide-scrollbars "file://$TMP/report.html" >/dev/null || true
browser --screenshot="$TMP/dark.png" --window-size=1200,2400 --hide-scrollbars --blink-settings=preferredColorScheme=0 \
  "file://$TMP/report.html" >/dev/null || true
png_stats() {  # png_stats FILE: "distinct-colours non-background-fraction background-luma"
  python3 - "$1" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", body[:10]); assert depth == 8 and ctype in (2, 6)
    elif kind == b"IDAT": idat += body
bpp = 4 if ctype == 6 else 3
raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours, bg = {}, None
for y in range(0, h, 3):
    r = rows[y]
    for x in range(0, w, 3):
        px = r[x * bpp:x * bpp + 3]; colours[px] = colours.get(px, 0) + 1
bg = max(colours, key=colours.get); total = sum(colours.values())
print(len(colours), round(1 - colours[bg] / total, 3), round(0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]))
EOF
}
for scheme in light dark; do
  if [ ! -s "$TMP/$scheme.png" ]; then fail "no $scheme screenshot: $(tail -3 "$TMP/chromium.log")"; continue; fi
  read -r colours ink luma < <(png_stats "$TMP/$scheme.png")
  if [ "$colours" -ge 20 ] && awk -v i="$ink" 'BEGIN{exit !(i >= 0.02)}'; then
    ok "$scheme screenshot is not blank ($colours colours, ${ink} of it not background)"
  else
    fail "$scheme screenshot looks blank: $colours colours, $ink not background"
  fi
  if [ "$scheme" = light ]; then [ "$luma" -ge 200 ] && ok "... light background ($luma)" || fail "light background luma $luma"; fi
  if [ "$scheme" = dark ]; then [ "$luma" -le 60 ] && ok "... dark background ($luma)" || fail "dark background luma $luma"; fi
done
[ -n "${REPORT_SCREENSHOT:-}" ] && cp "$TMP/light.png" "$REPORT_SCREENSHOT"
finish
