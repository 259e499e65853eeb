#!/usr/bin/env bash
# Rebuilds the generated seeds and regression inputs of tests/fuzz/ from real git repositories and
# from the inputs issue 10 names (git, python3). The hand-written seeds in corpus/ stay as they are;
# run this after changing it and commit what it writes.
#
#   corpus/index/      real .git/index files: v2, v3 (intent-to-add), v4, TREE, conflicts, split
#   corpus/pack/       real packs (idx + pack, as the target reads them), with deltas
#   corpus/trailers/   commit messages (this repository's own, when there is history)
#   regressions/...    the crash and slowness inputs of issue 10 (see regressions/README.md)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test \
  GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test GIT_AUTHOR_DATE="2025-01-01T12:00:00Z" \
  GIT_COMMITTER_DATE="2025-01-01T12:00:00Z"
c="$here/corpus"
mkdir -p "$c/index" "$c/pack" "$c/trailers"

# A small repository: nested directories, a symlink, an executable, several versions of one file.
repo=$tmp/repo
git init -q -b main "$repo"
(
  cd "$repo"
  mkdir -p src/auth prototypes docs/guide
  for i in 1 2 3 4 5; do
    printf 'def login():\n    return %s\n%s\n' "$i" "$(seq 1 40)" > src/auth/login.py
    echo "v$i" > "prototypes/demo$i.py"
    git add -A && git commit -qm "Version $i"
  done
  ln -s ../src/auth/login.py docs/link && echo x > docs/guide/a.md && chmod +x docs/guide/a.md
  git add -A && git commit -qm "Docs"
)
cp "$repo/.git/index" "$c/index/v2-tree"
(cd "$repo" && git update-index --index-version 4) && cp "$repo/.git/index" "$c/index/v4-tree"
(cd "$repo" && git update-index --index-version 2 && echo n > new.txt && git add -N new.txt) && cp "$repo/.git/index" "$c/index/v3-intent-to-add"
(cd "$repo" && git rm -q --cached new.txt && rm new.txt && echo y >> src/auth/login.py && git add src/auth/login.py) &&
  cp "$repo/.git/index" "$c/index/v2-invalidated-tree"
(cd "$repo" && git checkout -q -- . && git reset -q --hard &&
  git checkout -q -b side && echo side > src/auth/login.py && git commit -qam side &&
  git checkout -q main && echo main > src/auth/login.py && git commit -qam main &&
  { git merge -q side >/dev/null 2>&1 || true; }) && cp "$repo/.git/index" "$c/index/v2-conflict"
(cd "$repo" && git merge --abort && git update-index --split-index) && cp "$repo/.git/index" "$c/index/split"
(cd "$repo" && git update-index --no-split-index)

# Packs: everything in one pack with deltas, and a second, thin one-commit pack.
pack_seed() {  # pack_seed OUT PACKFILE.pack: <idx length, 4 bytes LE><idx><pack>
  python3 - "$1" "${2%.pack}.idx" "$2" <<'PY'
import struct, sys
out, idx, pack = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
open(out, "wb").write(struct.pack("<I", len(idx)) + idx + pack)
PY
}
(cd "$repo" && git repack -q -a -d -f --depth=10 --window=10)
pack_seed "$c/pack/repo-deltas" "$(ls "$repo"/.git/objects/pack/*.pack)"
small=$tmp/small
git init -q -b main "$small"
(cd "$small" && mkdir -p a/b/c && echo hi > a/b/c/d && git add -A && git commit -qm one && git repack -q -a -d)
pack_seed "$c/pack/small" "$(ls "$small"/.git/objects/pack/*.pack)"

# Commit messages: this repository's own (the last 40), when it has history.
if git -C "$here" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  n=0
  for id in $(git -C "$here" rev-list -n 40 HEAD); do
    git -C "$here" log -1 --format=%B "$id" > "$c/trailers/history-$n"
    n=$((n + 1))
  done
fi

# Regression inputs (issue 10), all generated: see regressions/README.md for what each one was.
r="$here/regressions"
mkdir -p "$r/agreement" "$r/ci_json" "$r/ai_markers" "$r/index" "$r/pack" "$r/pattern" "$r/ref_updates"  # (new inputs start here)
python3 - "$r" <<'PY'
import struct, sys, zlib
r = sys.argv[1]
import os
# An input whose defect is still open lives in open/ (not replayed by ctest): rewrite it there.
def w(path, data):
    target = f"{r}/open/{path}" if os.path.exists(f"{r}/open/{path}") else f"{r}/{path}"
    open(target, "wb").write(data)
# 2: toml++ recursion: a 50,000-component table header and dotted key (100 KB each).
w("agreement/deep-table-header", b"version = 1\n[" + b".".join([b"a"] * 50000) + b"]\n")
w("agreement/deep-dotted-key", b"version = 1\n" + b".".join([b"a"] * 50000) + b" = 1\n")
# 10: U+FE7F (EF B9 BF) reaches __builtin_unreachable in toml++ 3.3.0.
w("agreement/u+fe7f", "version = 1\n[agreement]\nname = \"\ufe7f\"\n\ufe7f = 1\n".encode())
# 8: a number beyond double in CI JSON (event reader, neutral reader).
w("ci_json/number-1e999-event", b"\x00" + b'{"number": 1e999, "pull_request": {"number": 1e999}}')
w("ci_json/number-1e999-neutral", b"\x05" + b'{"number": 1e999, "author": "pat", "base": "a", "head": "b"}')
# 7: 20,000 top-level documents (40 KB): the multi-document backtracking was quadratic.
w("ci_json/many-documents", b"\x01" + b"[]" * 20000)
w("ci_json/many-documents-unclosed", b"\x01" + b"[]" * 20000 + b"[")
w("ci_json/second-document-40k-string", b"\x01" + b'[]"' + b"a" * 40000 + b'"')
w("ci_json/second-document-40k-number", b"\x01" + b"[]" + b"1" * 40000)
# The fuzz stage (pattern): a path's Unicode key replaced its bytes, so folding lost matches the
# case-sensitive pattern had, or changed whether a pattern was valid (U+0345: dropped exactly, ι folded).
import base64
w("pattern/u+0345-validity", base64.b64decode(
    "YWJdeQEHOmRjbnRybAAAACoqzYUqKi9jCioucAqpKioKw2FjCnMqPwoACGAvCkEKfn5+zH5+Pwr/CgAKYC9jCnMqPy9TUkNbLXhkAAA/AAD//wAv//acKlsq"))
w("pattern/split-sequence-stray-bytes", b"\xc6\\\x87\n\xc6\x87\n\x87\x92\n")  # Ƈ's bytes split by an escape
w("pattern/long-s-two-bytes", b"??\n\xc5\xbf\n")  # ſ is two bytes, its folded key "s" one
w("pattern/byte-range", b"[a-\xc5\xbf]\nt\n")  # a byte range up to 0xC5; folded key [a-s]
# ref_updates: both ids zero (creates and deletes at once), which the parser refuses.
w("ref_updates/both-ids-zero", b"0" * 40 + b" " + b"0" * 40 + b" refs/heads/main\n")
# 7: 40,000 Co-authored-by and Claude-Session trailers: add_once was quadratic.
body = "".join(f"Co-authored-by: Bot {i} <bot{i}@acme.test>\nClaude-Session: {i}\n" for i in range(40000))
w("ai_markers/40000-co-authors", ("Pat <pat@acme.test>\nPat <pat@acme.test>\n\nTitle\n\n" + body).encode())

def index(entries_blob, count, ext=b""):
    body = b"DIRC" + struct.pack(">II", 2, count) + entries_blob + ext
    import hashlib
    return body + hashlib.sha1(body).digest()
def ext(sig, data):
    return sig + struct.pack(">I", len(data)) + data
# 1: a TREE extension 200,000 levels deep (the recursive parse_cache_tree overflowed the stack).
deep = b"".join(b"a\x00-1 1\n" for _ in range(200000)) + b"a\x00-1 0\n"
w("index/tree-200000-levels", index(b"", 0, ext(b"TREE", b"\x00-1 1\n" + deep)))
# 8: counts that overflow a long or ask for more children than the file holds.
w("index/tree-count-overflow", index(b"", 0, ext(b"TREE", b"\x00" + b"9" * 40 + b" 0\n" + b"\x00" * 20)))
w("index/tree-subtrees-2^32", index(b"", 0, ext(b"TREE", b"\x00-1 4294967295\n")))
w("index/tree-subtrees-2^62", index(b"", 0, ext(b"TREE", b"\x00-1 4611686018427387904\n")))
w("index/entry-count-2^32-1", index(b"", 0xFFFFFFFF))

# Packs (8): an index whose fanout exceeds its object count, and entries declaring 2^40 and 2^62 bytes.
def sha(b):
    import hashlib
    return hashlib.sha1(b).digest()
def pack_header(n):
    return b"PACK" + struct.pack(">II", 2, n)
def obj_header(type_, size):
    out = bytearray()
    c = (type_ << 4) | (size & 15)
    size >>= 4
    while size:
        out.append(c | 0x80)
        c = size & 0x7f
        size >>= 7
    out.append(c)
    return bytes(out)
def idx_v2(entries, fanout=None):  # entries: [(oid, offset)], sorted by oid
    fan = fanout or [sum(1 for o, _ in entries if o[0] <= i) for i in range(256)]
    out = b"\377tOc" + struct.pack(">I", 2) + b"".join(struct.pack(">I", f) for f in fan)
    out += b"".join(o for o, _ in entries) + b"\0\0\0\0" * len(entries)
    out += b"".join(struct.pack(">I", off) for _, off in entries)
    return out + b"\0" * 20 + sha(out)
def pack_input(idx, pack):
    return struct.pack("<I", len(idx)) + idx + pack
blob = b"hello\n"
oid = sha(b"blob %d\0" % len(blob) + blob)
good = pack_header(1) + obj_header(3, len(blob)) + zlib.compress(blob)
good += sha(good)
# The object's bucket says 2,000,000,000 objects (the file holds 1): a lookup searched beyond the index.
fan = [0] * oid[0] + [2000000000] * (255 - oid[0]) + [1]
w("pack/fanout-beyond-count", pack_input(idx_v2([(oid, 12)], fanout=fan), good))
w("pack/fanout-last-beyond-count", pack_input(idx_v2([(oid, 12)], fanout=[0] * oid[0] + [1000000] * (256 - oid[0])), good))
huge = pack_header(1) + obj_header(3, 1 << 40) + zlib.compress(blob)
w("pack/object-size-2^40", pack_input(idx_v2([(oid, 12)]), huge + sha(huge)))
# An OFS_DELTA whose delta declares base and result sizes of 2^62.
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)
delta = varint(len(blob)) + varint(1 << 62) + b"\x01x"
base_off = 12
p = pack_header(2) + obj_header(3, len(blob)) + zlib.compress(blob)
delta_off = len(p)
p += obj_header(6, len(delta)) + bytes([delta_off - base_off]) + zlib.compress(delta)
p += sha(p)
doid = b"\xff" * 20
w("pack/delta-size-2^62", pack_input(idx_v2(sorted([(oid, base_off), (doid, delta_off)])), p))
# The tree differ's endless descent (found by the pack fuzz run; its input is pack/tree-inside-itself):
# a tree listed under the id its own entry "x" names, and two trees naming each other.
def tree_pack(trees):  # trees: [(listed oid, raw content)] -> the fuzz input
    p, entries = pack_header(len(trees)), []
    for listed, content in trees:
        entries.append((listed, len(p)))
        p += obj_header(2, len(content)) + zlib.compress(content)
    p += sha(p)
    return pack_input(idx_v2(sorted(entries)), p)
a, b = b"\xaa" * 20, b"\xbb" * 20
w("pack/tree-names-itself", tree_pack([(a, b"40000 x\0" + a)]))
w("pack/two-trees-name-each-other", tree_pack([(a, b"40000 a\0" + b), (b, b"40000 b\0" + a)]))
PY
echo "seeds written under $here/corpus and $here/regressions"
