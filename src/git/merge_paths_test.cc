// Differential test of a merge's own change against git itself: on a generated merge-heavy
// history (files edited line by line on several branches, merged into each other in every
// direction, conflicts resolved by hand, one side taken whole, old versions taken back, edits on
// top of a merge, criss-cross merges), the paths laneguard calls "changed by the merge itself" are
// exactly those `git show --remerge-diff` lists among the paths the merge changes against its
// first parent.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {

git::Library library;

std::vector<std::string> nul_list(const std::string& out) {
  std::vector<std::string> v;
  for (auto& p : split(out, '\0')) {
    while (!p.empty() && p.front() == '\n') p.erase(p.begin());
    if (!p.empty()) v.push_back(p);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

class MergeHistory {
 public:
  MergeHistory(CliRepo& cli, unsigned seed) : cli_(cli), rng_(seed) {}

  void generate(int steps) {
    for (int f = 0; f < kFiles; ++f) write_file(f);
    cli_.commit_all("initial");
    branches_ = {"main"};
    for (int b = 1; b < 4; ++b) cli_.run("git branch b" + std::to_string(b));
    branches_ = {"main", "b1", "b2", "b3"};
    for (int i = 0; i < steps; ++i) {
      std::string branch = branches_[pick(branches_.size())];
      cli_.run("git checkout -q " + branch);
      if (pick(3) == 0) merge_into(branch);
      else edit_commit();
    }
  }

  int conflicts = 0, hand = 0, ours_whole = 0, old_back = 0, edits_on_top = 0, strategy_ours = 0;

 private:
  static constexpr int kFiles = 12, kLines = 12;

  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  std::string name(int f) { return (f % 3 == 0 ? "src/auth/" : f % 3 == 1 ? "lib/" : "docs/") + std::to_string(f) + ".txt"; }

  void write_file(int f) {
    std::string text;
    for (int l = 0; l < kLines; ++l) text += "file " + std::to_string(f) + " line " + std::to_string(l) + "\n";
    cli_.write(name(f), text);
  }

  // Changes one line of a file in the working tree.
  void edit_line(int f) {
    std::string path = cli_.dir + "/" + name(f);
    std::string text = sh("cat " + quote(path) + " 2>/dev/null || true");
    auto lines = split(text, '\n');
    if (lines.empty()) return write_file(f);
    lines[pick(lines.size())] = "edit " + std::to_string(rng_());
    std::string out;
    for (auto& l : lines) out += l + "\n";
    cli_.write(name(f), out);
  }

  void edit_commit() {
    int n = 1 + static_cast<int>(pick(3));
    for (int k = 0; k < n; ++k) {
      int f = static_cast<int>(pick(kFiles));
      if (pick(15) == 0) cli_.run("git rm -q -f --ignore-unmatch -- " + quote(name(f)));
      else edit_line(f);
    }
    cli_.commit_all("edit " + std::to_string(counter_++));
  }

  void merge_into(const std::string& branch) {
    std::string other;
    do other = branches_[pick(branches_.size())];
    while (other == branch);
    cli_.run("git update-index -q --refresh >/dev/null 2>&1 || true");
    if (pick(12) == 0) {  // -s ours: the other side's changes dropped whole
      cli_.run("git merge -q --no-ff -s ours -m 'merge ours' " + other);
      cli_.tick();
      ++strategy_ours;
      return;
    }
    int status = 0;
    cli_.run("git merge -q --no-ff --no-commit -X no-renames " + other + " >/dev/null 2>&1", true, &status);
    std::string unmerged = cli_.run("git diff --name-only -z --diff-filter=U");
    if (status != 0 && unmerged.empty()) {  // nothing to merge (already up to date)
      cli_.run("git merge --abort >/dev/null 2>&1 || true");
      return;
    }
    for (auto& p : nul_list(unmerged)) {
      ++conflicts;
      switch (pick(3)) {
        case 0: cli_.run("git checkout -q --ours -- " + quote(p) + " 2>/dev/null || git rm -q -- " + quote(p)); ++ours_whole; break;
        case 1: cli_.run("git checkout -q --theirs -- " + quote(p) + " 2>/dev/null || git rm -q -- " + quote(p)); break;
        default: cli_.write(p, "resolved by hand " + std::to_string(rng_()) + "\n"); ++hand; break;
      }
      cli_.run("git add -A -- " + quote(p) + " 2>/dev/null || true");
    }
    if (pick(6) == 0) {  // an edit of the merge's own
      edit_line(static_cast<int>(pick(kFiles)));
      ++edits_on_top;
    }
    if (pick(8) == 0) {  // an old version of a file taken back
      int f = static_cast<int>(pick(kFiles));
      cli_.run("git checkout -q " + other + "~2 -- " + quote(name(f)) + " 2>/dev/null || true");
      ++old_back;
    }
    cli_.run("git add -A && git commit -q --allow-empty -m 'merge " + other + " into " + branch + "'");
    cli_.tick();
  }

  CliRepo& cli_;
  std::mt19937 rng_;
  std::vector<std::string> branches_;
  int counter_ = 0;
};

// The paths `git show --remerge-diff` reports as conflicts of the automatic merge.
std::vector<std::string> remerge_conflicts(CliRepo& cli, const std::string& merge) {
  std::vector<std::string> out;
  for (const auto& line : split(cli.run("git show --remerge-diff --no-renames --format= " + merge), '\n')) {
    const std::string head = "remerge CONFLICT (";
    if (line.rfind(head, 0) != 0) continue;
    std::string rest = line.substr(line.find("): ") + 3);
    const std::string content = "Merge conflict in ";
    if (rest.rfind(content, 0) == 0) out.push_back(rest.substr(content.size()));
    else out.push_back(rest.substr(0, rest.find(' ')));  // "PATH deleted in ..."
  }
  return out;
}

}  // namespace

TEST_CASE("merge paths: a merge's own change is exactly what git show --remerge-diff shows") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/merges");
  MergeHistory gen(cli, 7);
  gen.generate(260);
  auto repo = Repository::discover(cli.dir);
  int merges = 0, with_clean = 0, with_own = 0, with_brought = 0, criss_cross = 0;
  for (const auto& line : split(cli.run("git rev-list --all --min-parents=2 --parents"), '\n')) {
    if (line.empty()) continue;
    auto ids = split(line, ' ');
    CommitFacts f = repo.commit_facts(ids[0]);
    CAPTURE(ids[0]);
    ++merges;
    std::vector<std::string> remerge =
        nul_list(cli.run("git show -z --remerge-diff --no-renames --name-only --format= " + ids[0]));
    // Where the automatic merge conflicts, git leaves one version in its remerge tree (modify/delete
    // keeps the modified file) and says so in a header rather than in the name list.
    for (const auto& p : remerge_conflicts(cli, ids[0])) remerge.push_back(p);
    std::sort(remerge.begin(), remerge.end());
    std::vector<std::string> expected_own;
    std::set_intersection(f.paths.begin(), f.paths.end(), remerge.begin(), remerge.end(),
                          std::back_inserter(expected_own));
    std::vector<std::string> own = f.own_paths();
    bool single_base = split(trim(cli.run("git merge-base --all " + ids[1] + " " + ids[2])), '\n').size() == 1;
    auto joined = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& p : v) out += p + " ";
      return out;
    };
    INFO("laneguard: " << joined(own) << "| git: " << joined(expected_own) << "| clean: " << joined(f.clean_merged));
    if (single_base) {
      CHECK(own == expected_own);
    } else {  // criss-cross: git merges the bases; laneguard calls a path where they differ the merge's own
      ++criss_cross;
      CHECK(std::includes(own.begin(), own.end(), expected_own.begin(), expected_own.end()));
    }
    // Every path is exactly one of the three.
    CHECK(own.size() + f.brought_in.size() + f.clean_merged.size() == f.paths.size());
    CHECK(f.brought_from.size() == f.brought_in.size());
    if (!f.clean_merged.empty()) ++with_clean;
    if (!own.empty()) ++with_own;
    if (!f.brought_in.empty()) ++with_brought;
  }
  MESSAGE("merges " << merges << ", with clean both-sides paths " << with_clean << ", with own change " << with_own
                    << ", with brought-in paths " << with_brought << ", criss-cross " << criss_cross
                    << "; conflicts " << gen.conflicts << " (by hand " << gen.hand << ", ours whole "
                    << gen.ours_whole << "), old versions back " << gen.old_back << ", edits on top "
                    << gen.edits_on_top << ", -s ours " << gen.strategy_ours);
  // The generator really produced every shape.
  CHECK(merges >= 60);
  CHECK(with_clean >= 10);
  CHECK(with_own >= 10);
  CHECK(with_brought >= 10);
  CHECK(gen.conflicts >= 10);
  CHECK(gen.strategy_ours >= 2);
}
