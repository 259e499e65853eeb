// CommitGraph::merge_bases against `git merge-base --all` on generated histories: branches merged
// into each other in every direction (criss-cross merges with several best common ancestors),
// octopus merges, unrelated roots, and committer dates that go backwards (clock skew), where a
// walk ordered by date meets commits out of order.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "git/commit_graph.h"
#include "git/pack_reader.h"
#include "git/handle.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {

git::Library library;

struct History {
  std::vector<std::string> ids;                    // commit ids, in creation order
  std::vector<std::vector<size_t>> parents;        // indices into ids
};

// Builds `count` commits with git fast-import (no files: commits differ by message).
History generate(const std::string& dir, unsigned seed, int count) {
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  History h;
  std::vector<size_t> tips;  // branch tips
  std::string stream;
  long clock = 1700000000;
  for (int i = 0; i < count; ++i) {
    std::vector<size_t> ps;
    if (i == 0 || (i > 10 && pick(40) == 0)) {
      tips.push_back(i);  // a new root: an unrelated history
    } else {
      if (tips.size() < 5 && pick(4) == 0) tips.push_back(tips[pick(tips.size())]);  // a new branch
      size_t b = pick(tips.size());
      ps.push_back(tips[b]);
      unsigned r = static_cast<unsigned>(pick(100));
      if (r < 40) {  // a merge of another tip, sometimes an older commit, sometimes an octopus
        size_t other = r < 30 ? tips[pick(tips.size())] : pick(static_cast<size_t>(i));
        if (other != ps[0]) ps.push_back(other);
        if (r < 6) {
          size_t third = tips[pick(tips.size())];
          if (std::find(ps.begin(), ps.end(), third) == ps.end()) ps.push_back(third);
        }
      }
      tips[b] = i;
    }
    clock += 60;
    long date = pick(8) == 0 ? clock - static_cast<long>(pick(3000)) : clock;  // skew, now and then
    std::string msg = "c" + std::to_string(i) + "\n";
    stream += "commit refs/heads/c" + std::to_string(i) + "\nmark :" + std::to_string(i + 1) + "\n";
    stream += "committer C <c@x> " + std::to_string(date) + " +0000\ndata " + std::to_string(msg.size()) + "\n" + msg;
    for (size_t k = 0; k < ps.size(); ++k)
      stream += std::string(k ? "merge :" : "from :") + std::to_string(ps[k] + 1) + "\n";
    if (ps.empty()) stream += "deleteall\n";
    stream += "\n";
    h.parents.push_back(ps);
  }
  std::FILE* f = std::fopen((dir + "/stream").c_str(), "wb");
  REQUIRE(f);
  std::fwrite(stream.data(), 1, stream.size(), f);
  std::fclose(f);
  sh("cd " + quote(dir) + " && git init -q --bare repo.git && git -C repo.git fast-import --quiet < stream");
  for (int i = 0; i < count; ++i) h.ids.push_back(trim(sh("git -C " + quote(dir + "/repo.git") + " rev-parse c" + std::to_string(i))));
  return h;
}

git_oid oid(const std::string& hex) {
  git_oid o;
  git_oid_fromstr(&o, hex.c_str());
  return o;
}

}  // namespace

TEST_CASE("commit graph: merge bases are git merge-base --all's, criss-cross merges and skewed dates included") {
  isolate_git_config();
  for (unsigned seed : {7u, 1234u}) {
    TempDir tmp;
    History h = generate(tmp.str(), seed, 400);
    git_repository* raw = nullptr;
    REQUIRE(git_repository_open(&raw, (tmp.str() + "/repo.git").c_str()) == 0);
    RepositoryPtr repo(raw);
    // Commits parsed by libgit2, and read raw from the packs (the history is packed: checked).
    PackReader packs({tmp.str() + "/repo.git/objects"});
    REQUIRE(packs.pack_count() > 0);
    CommitGraph by_libgit2(repo.get());
    CommitGraph by_packs(repo.get(), &packs);
    CommitGraph forgetful(repo.get(), &packs, 16);  // starts again every few questions
    std::map<std::string, std::string> trees;       // commit -> tree, as git has them
    for (const std::string& line : split(sh("git -C " + quote(tmp.str() + "/repo.git") + " log --all --format='%H %T'"), '\n'))
      if (line.size() == 81) trees[line.substr(0, 40)] = line.substr(41);
    for (CommitGraph* graph_ptr : {&by_libgit2, &by_packs, &forgetful}) {
    CommitGraph& graph = *graph_ptr;

    std::mt19937 rng(seed);
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t i = 0; i < h.ids.size(); ++i)
      for (size_t k = 1; k < h.parents[i].size(); ++k) pairs.emplace_back(h.parents[i][0], h.parents[i][k]);
    for (int k = 0; k < 150; ++k) pairs.emplace_back(rng() % h.ids.size(), rng() % h.ids.size());
    pairs.emplace_back(5, 5);

    // One git process for every pair: `git merge-base --all` per line through xargs.
    std::string list;
    for (auto [a, b] : pairs) list += h.ids[a] + " " + h.ids[b] + "\n";
    std::FILE* f = std::fopen((tmp.str() + "/pairs").c_str(), "wb");
    std::fwrite(list.data(), 1, list.size(), f);
    std::fclose(f);
    std::string out = sh("cd " + quote(tmp.str() + "/repo.git") + " && while read a b; do git merge-base --all $a $b | sort | tr '\\n' ' '; echo; done < ../pairs");
    std::vector<std::string> lines = split(out, '\n');
    REQUIRE(lines.size() == pairs.size());

    int several = 0, none = 0, mismatches = 0;
    for (size_t k = 0; k < pairs.size(); ++k) {
      // A tree asked between questions (as a walk does): the forgetful graph starts again here.
      CHECK(oid_hex(graph.tree_of(oid(h.ids[pairs[k].first]))) == trees.at(h.ids[pairs[k].first]));
      std::vector<std::string> ours;
      for (const git_oid& b : graph.merge_bases(oid(h.ids[pairs[k].first]), oid(h.ids[pairs[k].second])))
        ours.push_back(oid_hex(b));
      std::sort(ours.begin(), ours.end());
      std::string joined;
      for (const auto& s : ours) joined += s + " ";
      several += ours.size() > 1;
      none += ours.empty();
      if (joined != lines[k] && ++mismatches <= 10)
        FAIL_CHECK("merge bases of " << h.ids[pairs[k].first] << " and " << h.ids[pairs[k].second] << ": ours '"
                                     << joined << "', git's '" << lines[k] << "'");
    }
    CHECK(mismatches == 0);
    // The histories exercise what can go wrong: several best common ancestors, and none.
    CHECK(several >= 5);
    CHECK(none >= 1);
    MESSAGE("seed " << seed << std::string(graph_ptr == &by_libgit2 ? " (libgit2)" : graph_ptr == &by_packs ? " (from the packs)" : " (forgetting past 16 commits)") << ": " << pairs.size()
                    << " pairs, " << several << " with several merge bases, " << none << " with none");
    }
  }
}

TEST_CASE("commit graph: a commit that cannot be read is an error, and the next question starts clean") {
  isolate_git_config();
  TempDir tmp;
  History h = generate(tmp.str(), 99, 60);
  git_repository* raw = nullptr;
  REQUIRE(git_repository_open(&raw, (tmp.str() + "/repo.git").c_str()) == 0);
  RepositoryPtr repo(raw);
  CommitGraph graph(repo.get());
  git_oid missing = oid("1234567890123456789012345678901234567890");
  CHECK_THROWS_AS(graph.merge_bases(oid(h.ids[50]), missing), GitError);
  std::string want = trim(sh("git -C " + quote(tmp.str() + "/repo.git") + " merge-base --all " + h.ids[50] + " " + h.ids[40] + " | sort | head -1"));
  auto got = graph.merge_bases(oid(h.ids[50]), oid(h.ids[40]));
  if (want.empty()) CHECK(got.empty());
  else CHECK(std::any_of(got.begin(), got.end(), [&](const git_oid& o) { return oid_hex(o) == want; }));
}

// The walk by date can stop before it learns that one common ancestor lies below another: X is
// dated after its descendants M and Y, both sides reach X and Y, and once Y is found everything
// left is below it. git answers Y alone; so must the graph (the redundant X is dropped).
TEST_CASE("commit graph: a common ancestor dated after its descendant is not a merge base") {
  isolate_git_config();
  TempDir tmp;
  const char* stream =
      "commit refs/heads/r\nmark :1\ncommitter C <c@x> 10 +0000\ndata 2\nR\ndeleteall\n\n"
      "commit refs/heads/x\nmark :2\ncommitter C <c@x> 3000 +0000\ndata 2\nX\nfrom :1\n\n"
      "commit refs/heads/m\nmark :3\ncommitter C <c@x> 20 +0000\ndata 2\nM\nfrom :2\n\n"
      "commit refs/heads/y\nmark :4\ncommitter C <c@x> 100 +0000\ndata 2\nY\nfrom :3\n\n"
      "commit refs/heads/a\nmark :5\ncommitter C <c@x> 4000 +0000\ndata 2\nA\nfrom :4\nmerge :2\n\n"
      "commit refs/heads/b\nmark :6\ncommitter C <c@x> 4001 +0000\ndata 2\nB\nfrom :4\nmerge :2\n\n";
  std::FILE* f = std::fopen((tmp.str() + "/stream").c_str(), "wb");
  std::fputs(stream, f);
  std::fclose(f);
  std::string git = "git -C " + quote(tmp.str() + "/repo.git") + " ";
  sh("cd " + quote(tmp.str()) + " && git init -q --bare repo.git && " + git + "fast-import --quiet < stream");
  std::string y = trim(sh(git + "rev-parse y"));
  REQUIRE(trim(sh(git + "merge-base --all a b")) == y);
  git_repository* raw = nullptr;
  REQUIRE(git_repository_open(&raw, (tmp.str() + "/repo.git").c_str()) == 0);
  RepositoryPtr repo(raw);
  CommitGraph graph(repo.get());
  auto bases = graph.merge_bases(oid(trim(sh(git + "rev-parse a"))), oid(trim(sh(git + "rev-parse b"))));
  REQUIRE(bases.size() == 1);
  CHECK(oid_hex(bases[0]) == y);
}
