// The copy detector on real repositories, and against git's own copy detection
// (`git diff -C -C --find-copies-harder`).
#include "git/promotion_scan.h"

#include <doctest/doctest.h>

#include <map>
#include <random>

#include "core/promotion.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {
git::Library library;

Agreement team() {
  return parse_agreement(team_agreement({"[promotion]\nfrom_lanes = [\"pm\"]"}), "t.toml");
}

// A prototype file of `n` distinct, non-trivial lines, with a few braces and imports in between.
std::string prototype(const std::string& name, int n) {
  std::string s = "import { api } from './api';\n\n";
  for (int i = 0; i < n; ++i) {
    s += "const " + name + "_value_" + std::to_string(i) + " = api.fetch('" + name + "', " + std::to_string(i * 7) + ");\n";
    if (i % 5 == 4) s += "}\n\n";
  }
  return s;
}

std::vector<CopyEvidence> scan_head(const std::string& dir, const Agreement& a) {
  Repository repo = Repository::discover(dir);
  PromotionScanner scanner(repo, a);
  CommitFacts c = repo.commit_facts("HEAD");
  scanner.scan(c);
  return c.copies;
}

// Two scans of the same commit found the same copies, in the same order.
void same_copies(const CommitFacts& a, const CommitFacts& b) {
  REQUIRE(a.copies.size() == b.copies.size());
  for (std::size_t k = 0; k < a.copies.size(); ++k) {
    CHECK(a.copies[k].path == b.copies[k].path);
    CHECK(a.copies[k].exact_source == b.copies[k].exact_source);
    CHECK(a.copies[k].matched == b.copies[k].matched);
  }
}

const CopyEvidence* of(const std::vector<CopyEvidence>& v, const std::string& path) {
  for (const auto& e : v)
    if (e.path == path) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("promotion scan: a prototype moved into src/ is a move of the same content") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("prototypes/checkout/cart.js", prototype("cart", 20));
  cli.commit_all("prototype");
  cli.run("mkdir -p src && git mv prototypes/checkout/cart.js src/cart.js");
  cli.commit_all("ship it");
  auto copies = scan_head(cli.dir, team());
  const CopyEvidence* e = of(copies, "src/cart.js");
  REQUIRE(e);
  CHECK(e->exact_source == "prototypes/checkout/cart.js");
  CHECK(e->moved);
  CHECK(is_promotion(team().promotion, *e));
}

TEST_CASE("promotion scan: a copy with small and whitespace edits names the source's lines") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("prototypes/checkout/cart.js", prototype("cart", 20));
  cli.write("src/other.js", "module.exports = { other_thing: true };\n");
  cli.commit_all("prototype");
  std::string copy = prototype("cart", 20);
  // Re-indent everything, change two lines, add a header.
  std::string edited = "// Production cart\n'use strict';\n";
  int line = 0;
  for (const std::string& l : split(copy, '\n')) {
    ++line;
    if (line == 8) edited += "const cart_value_5 = api.fetch('cart', 999);\n";
    else if (line == 20) edited += "const rewritten = 1 + 2 + 3;\n";
    else edited += "    " + l + "\n";
  }
  cli.write("src/cart.js", edited);
  cli.commit_all("cart");
  auto copies = scan_head(cli.dir, team());
  const CopyEvidence* e = of(copies, "src/cart.js");
  REQUIRE(e);
  CHECK(e->exact_source.empty());
  REQUIRE_FALSE(e->runs.empty());
  CHECK(e->runs.front().source == "prototypes/checkout/cart.js");
  CHECK(e->runs.front().length >= 6);
  CHECK(e->runs.front().source_lines.first > 0);
  CHECK(e->matched >= 17);
  CHECK(is_promotion(team().promotion, *e));
  CHECK_FALSE(of(copies, "src/other.js"));
}

TEST_CASE("promotion scan: a rewrite that shares only imports and boilerplate is not a promotion") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("prototypes/checkout/cart.js",
            "import React from 'react';\nimport { api } from './api';\n'use strict';\n\nexport function Cart() {\n"
            "  const items = api.get('/cart');\n  return items.map(i => i.price).reduce((a, b) => a + b, 0);\n}\n"
            "module.exports = Cart;\n");
  cli.commit_all("prototype");
  cli.write("src/cart.js",
            "import React from 'react';\nimport { api } from './api';\n'use strict';\n\nexport function Cart() {\n"
            "  const lines = repository.cartLines(session.customer);\n  let total = Money.zero();\n"
            "  for (const line of lines) total = total.plus(line.price.times(line.quantity));\n  return total;\n}\n"
            "module.exports = Cart;\n");
  cli.commit_all("rebuild");
  auto copies = scan_head(cli.dir, team());
  const CopyEvidence* e = of(copies, "src/cart.js");
  if (e) CHECK_FALSE(is_promotion(team().promotion, *e));
}

TEST_CASE("promotion scan: a copy split over commits is found in the commit that completes it") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  std::string proto = prototype("pay", 12);
  cli.write("prototypes/pay.js", proto);
  cli.commit_all("prototype");
  std::vector<std::string> lines = split(proto, '\n');
  std::string first, all;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i < 6) first += lines[i] + "\n";  // 4 kept lines: below min_lines
    all += lines[i] + "\n";
  }
  cli.write("src/pay.js", first);
  cli.commit_all("part 1");
  {
    auto copies = scan_head(cli.dir, team());
    const CopyEvidence* e = of(copies, "src/pay.js");
    CHECK((!e || !is_promotion(team().promotion, *e)));
  }
  cli.write("src/pay.js", all);
  cli.commit_all("part 2");
  auto copies = scan_head(cli.dir, team());
  const CopyEvidence* e = of(copies, "src/pay.js");
  REQUIRE(e);
  REQUIRE_FALSE(e->runs.empty());
  CHECK(e->runs.front().length == 12);  // the run goes through the lines of part 1
  CHECK(e->runs.front().lines.first == 3);
  CHECK(is_promotion(team().promotion, *e));
}

TEST_CASE("promotion scan: a prototype added and copied in the same commit is a source too") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("README", "readme\n");
  cli.commit_all("start");
  cli.write("prototypes/a.js", prototype("a", 10));
  cli.write("src/a.js", prototype("a", 10));
  cli.commit_all("both at once");
  auto copies = scan_head(cli.dir, team());
  const CopyEvidence* e = of(copies, "src/a.js");
  REQUIRE(e);
  CHECK(e->exact_source == "prototypes/a.js");
  CHECK_FALSE(e->moved);
}

TEST_CASE("promotion scan: one scanner over a walk matches fresh scanners commit by commit, and the cache") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    cli.write("prototypes/p" + std::to_string(i) + ".js", prototype("p" + std::to_string(i), 10));
    if (i >= 2) cli.write("src/s" + std::to_string(i) + ".js", prototype("p" + std::to_string(i - 2), 10));
    if (i == 4) cli.run("rm prototypes/p1.js");
    ids.push_back(cli.commit_all("step " + std::to_string(i)));
  }
  Agreement a = team();
  Repository repo = Repository::discover(cli.dir);
  PromotionScanner walk(repo, a);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    CommitFacts c = repo.commit_facts(*it), fresh = repo.commit_facts(*it);
    walk.scan(c);
    PromotionScanner alone(repo, a);
    alone.scan(fresh);
    same_copies(c, fresh);
  }
  CHECK(walk.stats().source_blobs_read <= 6);  // every prototype blob read once for the whole walk
  // The server's cache: saved at one tree, loaded by a new scanner, same answers, nothing re-read.
  std::string cache = tmp.str() + "/promotion-index";
  git_oid tree;
  git_oid_fromstr(&tree, repo.commit_facts(ids.back()).tree.c_str());
  walk.save(cache, tree);
  PromotionScanner cached(repo, a);
  cached.load(cache);
  CommitFacts last = repo.commit_facts(ids.back()), fresh = repo.commit_facts(ids.back());
  cached.scan(last);
  PromotionScanner alone(repo, a);
  alone.scan(fresh);
  CHECK(last.copies.size() == fresh.copies.size());
  CHECK(cached.stats().source_blobs_read == 0);
  // A cache written for another agreement is not used.
  Agreement other = parse_agreement(team_agreement({"[lanes.pm] owns = [\"prototypes/**\", \"labs/**\"]",
                                                    "[promotion]\nfrom_lanes = [\"pm\"]"}),
                                    "t.toml");
  PromotionScanner stranger(repo, other);
  stranger.load(cache);
  CommitFacts again = repo.commit_facts(ids.back());
  stranger.scan(again);
  CHECK(stranger.stats().source_blobs_read > 0);
}

TEST_CASE("promotion scan: a walk that prunes old prototype versions finds the same copies, a reverted version included") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  std::vector<std::string> ids;
  // p.js goes v0, v1, v2, back to v0 (a revert), v3; q.js changes every step; src files copy
  // from whichever version stands, or from an older one no tree holds any more.
  const char* versions[] = {"v0", "v1", "v2", "v0", "v3"};
  for (int i = 0; i < 5; ++i) {
    cli.write("prototypes/p.js", prototype(std::string("p") + versions[i], 12));
    cli.write("prototypes/q.js", prototype("q" + std::to_string(i), 8));
    if (i >= 1) cli.write("src/from_p" + std::to_string(i) + ".js", prototype(std::string("p") + versions[i - 1], 12));
    if (i >= 2) cli.write("src/from_q" + std::to_string(i) + ".js", prototype("q" + std::to_string(i - 2), 8));
    cli.write("src/live" + std::to_string(i) + ".js", prototype(std::string("p") + versions[i], 12));
    ids.push_back(cli.commit_all("step " + std::to_string(i)));
  }
  Agreement a = team();
  Repository repo = Repository::discover(cli.dir);
  PromotionScanner pruning(repo, a), keeping(repo, a);
  pruning.set_prune_floor(0);
  std::size_t found = 0;
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    CAPTURE(*it);
    CommitFacts c = repo.commit_facts(*it), k = repo.commit_facts(*it);
    pruning.scan(c);
    keeping.scan(k);
    REQUIRE(c.copies.size() == k.copies.size());
    for (std::size_t n = 0; n < c.copies.size(); ++n) {
      const CopyEvidence &x = c.copies[n], &y = k.copies[n];
      CHECK(x.path == y.path);
      CHECK(x.exact_source == y.exact_source);
      CHECK(x.moved == y.moved);
      CHECK(x.added == y.added);
      CHECK(x.matched == y.matched);
      CHECK(x.sources == y.sources);
      REQUIRE(x.runs.size() == y.runs.size());
      for (std::size_t r = 0; r < x.runs.size(); ++r) {
        CHECK(x.runs[r].source == y.runs[r].source);
        CHECK(x.runs[r].length == y.runs[r].length);
        CHECK(x.runs[r].added == y.runs[r].added);
        CHECK(x.runs[r].lines.first == y.runs[r].lines.first);
        CHECK(x.runs[r].source_lines.first == y.runs[r].source_lines.first);
      }
      found += x.matched > 0;
    }
  }
  CHECK(found >= 5);
  // Pruning freed p.js's v0 when the walk stepped back past the revert, and read it again when v0
  // stood once more.
  CHECK(pruning.stats().source_blobs_read > keeping.stats().source_blobs_read);
}

// Differential: files git pairs with a prototype file as a copy or rename (at its default 50%
// similarity and above) against the detector's verdict under the default measure. Exact copies
// and copies with up to a fifth of their lines changed must be promotions; new files git pairs
// with nothing must not be.
TEST_CASE("promotion scan: differential against git diff -C -C --find-copies-harder") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  std::mt19937 rng(15);
  std::vector<std::string> words = {"cart", "price", "total", "user", "order", "item", "tax", "ship", "fee", "sum",
                                    "rate", "code", "value", "count", "limit", "offset", "page", "token"};
  auto line = [&](int salt) {
    std::string s = "let " + words[rng() % words.size()] + "_" + std::to_string(salt) + " = ";
    for (int k = 0; k < 3; ++k) s += words[rng() % words.size()] + std::to_string(rng() % 1000) + (k < 2 ? " + " : ";");
    return s;
  };
  std::vector<std::vector<std::string>> protos;
  for (int f = 0; f < 12; ++f) {
    std::vector<std::string> lines;
    for (int i = 0; i < 30; ++i) lines.push_back(line(f * 100 + i));
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    cli.write("prototypes/p" + std::to_string(f) + ".js", text);
    protos.push_back(lines);
  }
  cli.commit_all("prototypes");
  // Exact copies (0-3), near copies with 10% and 20% of their lines changed (4-9; not re-indented:
  // git's similarity counts blanks), and new code (10-13).
  for (int f = 0; f < 14; ++f) {
    std::string text;
    if (f < 10) {
      int changed_every = f < 4 ? 0 : f < 7 ? 10 : 5;
      for (std::size_t i = 0; i < protos[f].size(); ++i)
        text += changed_every && i % changed_every == 3 ? line(9000 + f * 100 + static_cast<int>(i)) + "\n"
                                                        : protos[f][i] + "\n";
    } else {
      for (int i = 0; i < 30; ++i) text += line(5000 + f * 100 + i) + "\n";
    }
    cli.write("src/s" + std::to_string(f) + ".js", text);
  }
  cli.commit_all("production");
  std::string out = cli.run("git diff -C -C --find-copies-harder --name-status -M HEAD~1 HEAD");
  std::map<std::string, std::string> git_pairs;  // destination -> source
  for (const std::string& l : split(out, '\n')) {
    auto parts = split(l, '\t');
    if (parts.size() == 3 && (parts[0][0] == 'C' || parts[0][0] == 'R') && parts[1].rfind("prototypes/", 0) == 0)
      git_pairs[parts[2]] = parts[1];
  }
  auto copies = scan_head(cli.dir, team());
  Agreement a = team();
  int agreed = 0;
  for (int f = 0; f < 14; ++f) {
    std::string dest = "src/s" + std::to_string(f) + ".js";
    const CopyEvidence* e = of(copies, dest);
    bool ours = e && is_promotion(a.promotion, *e);
    bool gits = git_pairs.count(dest) > 0;
    CAPTURE(dest);
    CHECK(ours == gits);
    if (ours && gits) {
      std::string named = !e->exact_source.empty() ? e->exact_source
                          : e->runs.empty()         ? e->sources.front().first
                                                    : e->runs.front().source;
      CHECK(named == git_pairs[dest]);
      if (f < 4) CHECK(e->exact_source == git_pairs[dest]);
    }
    agreed += ours == gits;
  }
  CHECK(agreed == 14);
  CHECK(git_pairs.size() == 10);  // git itself sees the ten copies
}

TEST_CASE("promotion scan: a walk that opens only the prototype lanes' root directories finds what a walk opening all finds") {
  // `prototypes/**` names its root: the scanner's tree walks open `prototypes` (in any ASCII case,
  // the agreement being case-insensitive) and names with non-ASCII bytes, and leave `src/` and
  // the rest unopened. An extra pattern that may match anywhere turns that off: both must agree,
  // on a walk that jumps between branches at a merge.
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  // Each commit: files holding prototype(name), and the production file src/app.js's content.
  auto commit = [&](std::initializer_list<std::pair<const char*, const char*>> files, const char* app,
                    const char* message) {
    for (const auto& file : files) cli.write(file.first, prototype(file.second, 12));
    if (*app) cli.write("src/app.js", app);
    cli.commit_all(message);
  };
  commit({{"Prototypes/cart.js", "cart"}, {"prototypes/pay.js", "pay"}}, "module.exports = 1;\n", "prototypes");
  cli.run("git checkout -q -b side");
  commit({{"prototypes/side.js", "side"}, {"src/pay.js", "pay"}}, "", "side: a prototype and a copy");
  cli.run("git checkout -q main");
  commit({{"PROTOTYPES/late.js", "late"}}, "module.exports = 2;\n", "main moves on");
  cli.run("git merge -q --no-edit side");
  commit({{"src/cart.js", "cart"}, {"src/late.js", "late"}, {"src/side.js", "side"}}, "", "copies after the merge");
  const std::string lanes_edit = "[agreement] case_sensitive = false";
  Agreement rooted = parse_agreement(team_agreement({lanes_edit, "[promotion]\nfrom_lanes = [\"pm\"]"}), "t.toml");
  Agreement anywhere = parse_agreement(
      team_agreement({lanes_edit, "[lanes.pm] owns = [\"prototypes/**\", \"**/no-such-dir/**\"]",
                      "[promotion]\nfrom_lanes = [\"pm\"]"}),
      "t.toml");
  REQUIRE(rooted.lanes.front().owns.front().root_component() == "prototypes");
  REQUIRE(anywhere.lanes.front().owns.back().root_component().empty());
  Repository repo = Repository::discover(cli.dir);
  PromotionScanner pruned(repo, rooted), full(repo, anywhere);
  std::size_t found = 0;
  for (const std::string& id : split(cli.run("git log --format=%H"), '\n')) {
    if (id.empty()) continue;
    CommitFacts a = repo.commit_facts(id), b = repo.commit_facts(id);
    pruned.scan(a);
    full.scan(b);
    same_copies(a, b);
    for (const CopyEvidence& e : a.copies) found += !e.exact_source.empty();
  }
  CHECK(found == 4);  // src/pay.js on the side branch; cart, late and side after the merge
}
