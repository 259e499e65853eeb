// Differential test: a generated history (fixed seed) where every commit's paths must equal
// `git diff-tree` against its first parent, brought_in must follow the other parents' entries as
// git sees them, and rev_list must equal `git rev-list` for a set of range expressions.
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "git/landed.h"
#include "git/read_commits.h"
#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;
namespace fs = std::filesystem;

namespace {

git::Library library;

struct Entry {
  std::string mode;  // 100644, 100755, 120000, 160000
  std::string path;
};

// Builds a history of random commits: adds, modifications, deletions, renames, mode changes,
// symlinks, gitlinks, files becoming directories and back, branches merged cleanly, with
// conflicts resolved by hand, and with "evil" changes of the merge's own.
class HistoryGenerator {
 public:
  HistoryGenerator(CliRepo& cli, unsigned seed) : cli_(cli), rng_(seed) {}

  void linear_commits(int n, const std::set<std::string>& protect = {}, const std::string& only_under = "") {
    for (int i = 0; i < n; ++i) {
      auto entries = index_entries();
      std::set<std::string> touched = protect;
      int ops = 1 + pick(4);
      for (int k = 0; k < ops; ++k) random_op(entries, touched, only_under);
      commit("change " + std::to_string(counter_++) + trailer_lines());
    }
  }

  std::vector<Entry> index_entries() {
    std::vector<Entry> out;
    for (const auto& rec : split(cli_.run("git ls-files -s -z"), '\0')) {
      if (rec.empty()) continue;
      size_t tab = rec.find('\t');
      out.push_back({rec.substr(0, 6), rec.substr(tab + 1)});
    }
    return out;
  }

  // A regular file that exists now, not under `avoid` (a directory prefix), or "".
  std::string some_regular_file(const std::string& avoid = "") {
    std::vector<std::string> files;
    for (const auto& e : index_entries())
      if (e.mode == "100644" && (avoid.empty() || e.path.rfind(avoid, 0) != 0) && e.path.rfind("mods/", 0) != 0)
        files.push_back(e.path);
    return files.empty() ? "" : files[pick(files.size())];
  }

  void commit(const std::string& message) {
    cli_.write(".git/lg-message", message);
    cli_.run("git commit -q --allow-empty -F .git/lg-message");
    cli_.tick();
  }

  void stage(const std::string& path) { cli_.run("git add -A -- " + quote(path)); }

  std::string new_name(const std::string& dir) {
    static const char* styles[] = {"f", "f", "f", "space name ", "\xc3\xbc-", "bin\xff-"};
    std::string name = std::string(styles[pick(6)]) + std::to_string(counter_++);
    return dir.empty() ? name : dir + "/" + name;
  }

  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::string content() { return "line " + std::to_string(rng_()) + "\n"; }

 private:
  std::string trailer_lines() {
    switch (pick(4)) {
      case 0: return "\n\nReviewed-by: Erin <erin@acme.test>\n";
      case 1: return "\n\nbody\n\nCo-authored-by: Claude <noreply@anthropic.com>\nAssisted-by: Claude:opus\n";
      default: return "";
    }
  }

  std::string random_dir(const std::string& only_under) {
    static const char* dirs[] = {"", "src", "src/a", "src/a/deep/er", "docs", "lib/x", "lib/y/z"};
    if (!only_under.empty()) return only_under + (pick(2) ? "" : "/sub");
    return dirs[pick(7)];
  }

  static bool blocked(const std::set<std::string>& touched, const std::string& path) {
    for (const auto& t : touched)
      if (t == path || path.rfind(t + "/", 0) == 0 || t.rfind(path + "/", 0) == 0) return true;
    return false;
  }

  void random_op(const std::vector<Entry>& entries, std::set<std::string>& touched, const std::string& only_under) {
    std::vector<const Entry*> pool;
    for (const auto& e : entries)
      if (!blocked(touched, e.path) && (only_under.empty() || e.path.rfind(only_under + "/", 0) == 0)) pool.push_back(&e);
    const Entry* e = pool.empty() ? nullptr : pool[pick(pool.size())];
    fs::path root(cli_.dir);
    int op = e ? static_cast<int>(pick(13)) : 0;
    if (e && e->mode == "160000") op = 100 + static_cast<int>(pick(2));
    bool inner = e && e->path.size() > 10 && e->path.compare(e->path.size() - 10, 10, "/inner.txt") == 0;
    if (op == 11 && inner) op = 12;
    if (op == 12 && !inner) op = 3;
    std::string target;
    switch (op) {
      case 0: case 1: case 2: {  // add a file
        target = new_name(random_dir(only_under));
        cli_.write(target, content());
        break;
      }
      case 3: case 4: {  // modify (a symlink gets a new target)
        target = e->path;
        if (e->mode == "120000") {
          fs::remove(root / target);
          fs::create_symlink("t" + std::to_string(counter_++), root / target);
        } else {
          cli_.write(target, content() + content());
        }
        break;
      }
      case 5: {  // delete
        target = e->path;
        fs::remove(root / target);
        break;
      }
      case 6: {  // rename, content kept
        target = e->path;
        std::string to = new_name(random_dir(only_under));
        fs::create_directories((root / to).parent_path());
        fs::rename(root / target, root / to);
        touched.insert(to);
        stage(to);
        break;
      }
      case 7: {  // toggle the executable bit
        target = e->path;
        if (e->mode == "120000") break;
        auto perms = fs::status(root / target).permissions();
        bool exec = (perms & fs::perms::owner_exec) != fs::perms::none;
        fs::permissions(root / target, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                        exec ? fs::perm_options::remove : fs::perm_options::add);
        break;
      }
      case 8: {  // add a symlink
        target = new_name(random_dir(only_under));
        fs::create_directories((root / target).parent_path());
        fs::create_symlink("../some/target" + std::to_string(counter_++), root / target);
        break;
      }
      case 9: {  // type change: file <-> symlink
        target = e->path;
        fs::remove(root / target);
        if (e->mode == "120000") cli_.write(target, content());
        else fs::create_symlink("link-target", root / target);
        break;
      }
      case 10: {  // add a gitlink (a submodule commit)
        target = "mods/sub" + std::to_string(counter_++);
        gitlink(target);
        touched.insert(target);
        return;
      }
      case 11: {  // a file becomes a directory
        target = e->path;
        fs::remove(root / target);
        cli_.write(target + "/inner.txt", content());
        break;
      }
      case 12: {  // a directory made from a file becomes a file again
        target = e->path.substr(0, e->path.size() - 10);
        fs::remove_all(root / target);
        cli_.write(target, content());
        break;
      }
      case 100: {  // move a gitlink to another commit
        target = e->path;
        gitlink(target);
        touched.insert(target);
        return;
      }
      case 101: {  // remove a gitlink
        target = e->path;
        cli_.run("git rm -q --cached -- " + quote(target));
        touched.insert(target);
        return;
      }
    }
    touched.insert(target);
    stage(target);
  }

  void gitlink(const std::string& path) {
    static const char* hex = "0123456789abcdef";
    std::string sha;
    for (int i = 0; i < 40; ++i) sha += hex[pick(16)];
    cli_.run("git update-index --add --cacheinfo 160000," + sha + "," + quote(path));
  }

  CliRepo& cli_;
  std::mt19937 rng_;
  int counter_ = 0;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::vector<std::string> git_paths(CliRepo& cli, const std::string& from, const std::string& to) {
  std::string cmd = from.empty() ? "git diff-tree -r -z --root --no-commit-id --name-only --no-renames " + to
                                 : "git diff-tree -r -z --no-commit-id --name-only --no-renames " + from + " " + to;
  std::vector<std::string> out;
  for (auto& p : split(cli.run(cmd), '\0'))
    if (!p.empty()) out.push_back(p);
  return sorted(out);
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  for (auto& l : split(s, '\n'))
    if (!l.empty()) out.push_back(l);
  return out;
}

// Resolves every unmerged path by hand: files get new content, vanished ones stay deleted.
void resolve_conflicts(CliRepo& cli, const std::string& resolution) {
  for (auto& p : split(cli.run("git diff --name-only -z --diff-filter=U"), '\0')) {
    if (p.empty()) continue;
    fs::path full = fs::path(cli.dir) / p;
    if (fs::is_regular_file(fs::symlink_status(full))) cli.write(p, resolution);
    cli.run("git add -A -- " + quote(p));
  }
}

struct Merges {
  std::vector<std::string> clean;                // every path should be brought in
  std::map<std::string, std::string> evil_path;  // merge -> a path it added itself
  int conflicted = 0;
};

std::string merge(CliRepo& cli, const std::string& args, bool expect_conflict = false) {
  int status = 0;
  cli.run("git update-index -q --refresh >/dev/null 2>&1 || true");
  std::string out = cli.run("git merge -q --no-ff -X no-renames -m 'Merge " + args + "' " + args + " 2>&1", true, &status);
  INFO("git merge " << args << ": " << out << "\n" << cli.run("git status --short"));
  if (expect_conflict) {
    REQUIRE(status != 0);
  } else {
    REQUIRE(status == 0);
    cli.tick();
  }
  return cli.head();
}

// The whole scripted history on branch main, with side branches left as refs and some tags.
Merges generate(CliRepo& cli, HistoryGenerator& gen) {
  Merges merges;
  cli.write("README", "readme\n");
  cli.write("src/a/base.txt", "base\n");
  cli.write("docs/guide.md", "guide\n");
  cli.write("lib/x/util.c", "int x;\n");
  cli.commit_all("initial");
  for (int r = 0; r < 25; ++r) {
    gen.linear_commits(3 + static_cast<int>(gen.pick(4)));
    std::string side = "side" + std::to_string(r);
    switch (r % 5) {
      case 0: {  // clean merge of a side branch
        cli.run("git checkout -q -b " + side);
        gen.linear_commits(2, {}, side);
        cli.run("git checkout -q main");
        gen.linear_commits(2);
        merges.clean.push_back(merge(cli, side));
        break;
      }
      case 1: {  // both sides change X; the side deletes Y which main modifies: resolved by hand
        std::string x = gen.some_regular_file();
        std::string y = gen.some_regular_file();
        cli.run("git checkout -q -b " + side);
        cli.write(x, "side version\n");
        gen.stage(x);
        if (y != x) cli.run("git rm -q -- " + quote(y));
        gen.commit("side changes x, deletes y");
        gen.linear_commits(1, {}, side);
        cli.run("git checkout -q main");
        cli.write(x, "main version\n");
        gen.stage(x);
        if (y != x) {
          cli.write(y, "main keeps y\n");
          gen.stage(y);
        }
        gen.commit("main changes x and y");
        gen.linear_commits(1, {x, y});
        merge(cli, side, true);
        resolve_conflicts(cli, "resolved " + std::to_string(r) + "\n");
        cli.run("git commit -q --no-edit 2>/dev/null");  // the generated message names raw paths
        cli.tick();
        ++merges.conflicted;
        break;
      }
      case 2: {  // an evil merge: the merge adds a file and changes one neither parent changed
        cli.run("git checkout -q -b " + side);
        gen.linear_commits(2, {}, side);
        cli.run("git checkout -q main");
        gen.linear_commits(1);
        std::string quiet = gen.some_regular_file();
        int status = 0;
        cli.run("git merge -q --no-ff --no-commit -X no-renames " + side + " >/dev/null 2>&1", true, &status);
        REQUIRE(status == 0);
        std::string evil = "evil" + std::to_string(r) + ".txt";
        cli.write(evil, "evil\n");
        gen.stage(evil);
        if (!quiet.empty()) {
          cli.write(quiet, "changed by the merge itself\n");
          gen.stage(quiet);
        }
        cli.run("git commit -q --no-edit");
        cli.tick();
        merges.evil_path[cli.head()] = evil;
        break;
      }
      case 3: {  // main merged into the side (first parent: the side), then the side into main
        cli.run("git checkout -q -b " + side);
        gen.linear_commits(2, {}, side);
        cli.run("git checkout -q main");
        gen.linear_commits(2);
        cli.run("git checkout -q " + side);
        merges.clean.push_back(merge(cli, "main"));
        gen.linear_commits(1, {}, side);
        cli.run("git checkout -q main");
        merges.clean.push_back(merge(cli, side));
        break;
      }
      case 4: {  // an octopus merge of two side branches
        cli.run("git checkout -q -b " + side + "a");
        gen.linear_commits(2, {}, side + "a");
        cli.run("git checkout -q main && git checkout -q -b " + side + "b");
        gen.linear_commits(2, {}, side + "b");
        cli.run("git checkout -q main");
        gen.linear_commits(1);
        // git's octopus strategy trips over racily-clean index entries in fast scripts, so the
        // octopus result is built from two ordinary merges and committed with three parents.
        cli.run("git checkout -q -b octopus-work");
        merge(cli, side + "a");
        merge(cli, side + "b");
        std::string tree = trim(cli.run("git rev-parse 'HEAD^{tree}'"));
        cli.run("git checkout -q main");
        std::string id = trim(cli.run("git commit-tree " + tree + " -p main -p " + side + "a -p " + side + "b -m Octopus"));
        cli.run("git reset -q --hard " + id + " && git branch -q -D octopus-work");
        cli.tick();
        merges.clean.push_back(id);
        break;
      }
    }
    if (r % 4 == 0) {
      cli.run("git tag t" + std::to_string(r));
      cli.run("git tag -a -m 'annotated' a" + std::to_string(r) + " HEAD~1");
    }
  }
  return merges;
}

// Generated once and shared by the test cases of this file.
struct History {
  TempDir tmp;
  CliRepo cli{tmp.str() + "/history"};
  HistoryGenerator gen{cli, 20240611};
  Merges merges = (isolate_git_config(), generate(cli, gen));
};

History& history() {
  static History h;
  return h;
}

// Every commit's paths and brought_in against git, for the repository in `cli.dir`.
void check_paths_against_git(CliRepo& cli) {
  auto repo = Repository::discover(cli.dir);
  auto commits = lines(cli.run("git rev-list --all --parents"));
  REQUIRE(commits.size() > 200);
  int merges = 0, roots = 0, with_brought_in = 0;
  std::set<std::string> all_paths;
  for (const auto& line : commits) {
    auto ids = split(line, ' ');
    std::string id = ids[0];
    std::vector<std::string> parents(ids.begin() + 1, ids.end());
    CommitFacts f = repo.commit_facts(id);
    CAPTURE(id);
    CHECK(f.parents == parents);
    CHECK(f.paths == git_paths(cli, parents.empty() ? "" : parents[0], id));
    // Each path's entry in the commit's tree, and in its first parent's, as `git ls-tree -r` lists
    // them (absent: mode 0); the first parent's tree id as `git rev-parse P^{tree}` says.
    auto same_as_listed = [&](const std::string& treeish, const std::vector<PathEntry>& entries) {
      std::map<std::string, std::pair<std::uint32_t, std::string>> listed;
      std::string raw = treeish.empty() ? "" : cli.run("git ls-tree -r -z " + treeish);
      for (const std::string& rec : split(raw, '\0')) {
        if (rec.empty()) continue;
        size_t tab = rec.find('\t');
        auto fields = split(rec.substr(0, tab), ' ');
        listed[rec.substr(tab + 1)] = {static_cast<std::uint32_t>(std::stoul(fields[0], nullptr, 8)), fields[2]};
      }
      REQUIRE(entries.size() == f.paths.size());
      for (size_t k = 0; k < f.paths.size(); ++k) {
        auto it = listed.find(f.paths[k]);
        CAPTURE(treeish);
        CAPTURE(f.paths[k]);
        if (it == listed.end()) {
          CHECK(entries[k].mode == 0);
          continue;
        }
        CHECK(entries[k].mode == it->second.first);
        git_oid want;
        git_oid_fromstr(&want, it->second.second.c_str());
        CHECK(std::memcmp(entries[k].id.data(), want.id, 20) == 0);
      }
    };
    same_as_listed(id, f.path_entries);
    same_as_listed(parents.empty() ? "" : parents[0], f.path_entries_before);
    CHECK(f.parent_tree == (parents.empty() ? "" : cli.run("git rev-parse " + parents[0] + "^{tree}").substr(0, 40)));
    all_paths.insert(f.paths.begin(), f.paths.end());
    if (parents.empty()) ++roots;
    if (parents.size() < 2) {
      CHECK(f.brought_in.empty());
      continue;
    }
    ++merges;
    // Brought in from Pk: only Pk's side changed it since merge-base(P1, Pk), and the merge took
    // Pk's entry exactly (and no other side changed it to something else).
    std::vector<std::string> expected;
    std::vector<std::vector<std::string>> first_changed, side_changed, differs;
    bool criss_cross = false;
    for (size_t k = 1; k < parents.size(); ++k) {
      auto bases = lines(cli.run("git merge-base --all " + parents[0] + " " + parents[k]));
      criss_cross = criss_cross || bases.size() != 1;
      first_changed.push_back(git_paths(cli, bases.at(0), parents[0]));
      side_changed.push_back(git_paths(cli, bases.at(0), parents[k]));
      differs.push_back(git_paths(cli, parents[k], id));
    }
    if (criss_cross) continue;
    auto in = [](const std::vector<std::string>& v, const std::string& p) {
      return std::binary_search(v.begin(), v.end(), p);
    };
    for (const auto& p : f.paths) {
      for (size_t k = 0; k + 1 < parents.size(); ++k) {
        bool others = true;
        for (size_t j = 0; j + 1 < parents.size(); ++j)
          if (j != k && in(side_changed[j], p) && in(differs[j], p)) others = false;
        if (!in(first_changed[k], p) && in(side_changed[k], p) && !in(differs[k], p) && others) {
          expected.push_back(p);
          break;
        }
      }
    }
    CHECK(f.brought_in == expected);
    if (!f.brought_in.empty()) ++with_brought_in;
  }
  CHECK(roots == 1);
  CHECK(merges >= 25);
  CHECK(with_brought_in >= 15);
  // The generator really produced the awkward kinds of paths.
  auto has = [&](const std::string& needle) {
    return std::any_of(all_paths.begin(), all_paths.end(), [&](const std::string& p) { return p.find(needle) != std::string::npos; });
  };
  CHECK(has("mods/sub"));
  CHECK(has("/inner.txt"));
  CHECK(has("\xff"));
  CHECK(has("space name"));
}

// A copy of the history repository, repacked with `repack_args` (all objects in packs, deltas).
struct PackedCopy {
  CliRepo cli;
  PackedCopy(History& h, const std::string& name, const std::string& repack_args) : cli(h.tmp.str() + "/" + name) {
    sh("rm -rf " + quote(cli.dir) + " && cp -a " + quote(h.cli.dir) + " " + quote(cli.dir));
    cli.run("git " + repack_args + " >/dev/null 2>&1");
  }
};

}  // namespace

TEST_CASE("git: paths and brought_in of every commit agree with git diff-tree (loose objects)") {
  check_paths_against_git(history().cli);
}

TEST_CASE("git: paths and brought_in agree with git diff-tree when trees come from packs") {
  History& h = history();
  SUBCASE("offset deltas, long chains") {
    PackedCopy copy(h, "packed-ofs", "repack -a -d -f --depth=50 --window=50");
    REQUIRE(sh("ls " + quote(copy.cli.dir + "/.git/objects/pack")).find(".idx") != std::string::npos);
    check_paths_against_git(copy.cli);
  }
  SUBCASE("reference deltas, and newer commits still loose") {
    PackedCopy copy(h, "packed-ref", "-c repack.useDeltaBaseOffset=false repack -a -d -f --depth=20");
    copy.cli.run("git checkout -q -b more main");
    copy.cli.write("src/a/base.txt", "after the pack\n");
    copy.cli.commit_all("loose after packing");
    check_paths_against_git(copy.cli);
  }
}

TEST_CASE("git: clean merges bring everything in: an evil merge's own change is its own") {
  History& h = history();
  auto repo = Repository::discover(h.cli.dir);
  REQUIRE(h.merges.clean.size() >= 10);
  for (const auto& id : h.merges.clean) {
    CommitFacts f = repo.commit_facts(id);
    CAPTURE(id);
    CHECK_FALSE(f.paths.empty());
    CHECK(f.own_paths().empty());
  }
  REQUIRE(h.merges.evil_path.size() == 5);
  for (const auto& entry : h.merges.evil_path) {
    const auto& [id, evil] = entry;
    CommitFacts f = repo.commit_facts(id);
    CAPTURE(entry.first);  // not `id`: clang 14 cannot capture a structured binding in a lambda
    CHECK(std::binary_search(f.paths.begin(), f.paths.end(), evil));
    CHECK_FALSE(std::binary_search(f.brought_in.begin(), f.brought_in.end(), evil));
    CHECK(f.own_paths().size() == 2);  // the added file and the quietly changed one
  }
  CHECK(h.merges.conflicted == 5);
}

TEST_CASE("git: rev_list lists what git rev-list lists, in the same order") {
  History& h = history();
  auto repo = Repository::discover(h.cli.dir);
  std::string short_sha = trim(h.cli.run("git rev-parse --short HEAD~4"));
  std::string merge = trim(h.cli.run("git rev-list --min-parents=2 --max-parents=2 -n 1 main~2"));
  REQUIRE(merge.size() == 40);
  std::vector<std::vector<std::string>> ranges = {
      {},
      {"main"},
      {"HEAD"},
      {"t4..main"},
      {"t4..t16"},
      {"^t4", "main"},
      {"main", "^t8"},
      {"a8"},
      {"a8..a20"},
      {"HEAD~7"},
      {"HEAD~20..HEAD~3"},
      {"HEAD^2"},
      {short_sha},
      {short_sha + "..main"},
      {"main...side3"},
      {"side3...main"},
      {"side7...side13"},
      {"side3..side8"},
      {"..side5"},
      {"side5.."},
      {"main", "--not", "side7", "side12"},
      {"--all"},
      {"--all", "^main"},
      {"t4..t12", "side3"},
      {"side14a", "side14b", "^t12"},
      {"^main"},
      // git's own syntax, beyond what libgit2 parses.
      {merge + "^!"},
      {merge + "^@"},
      {merge + "^-"},
      {merge + "^-1"},
      {merge + "^-2"},
      {merge + "^2^!"},
      {merge + "^1^@", "^" + merge + "~3"},
      {"side3..."},
      {"...side3"},
      {"main~3...main"},
      {"--branches"},
      {"--branches=side1*"},
      {"--tags=t1*"},
      {"--remotes"},
      {"--exclude=side*", "--branches"},
      {"--all", "--not", "--branches=side*"},
      {"main", "--not", "side7", "--not", "side12"},
      {"--first-parent", "main"},
      {"--no-merges", "t4..main"},
      {"--merges", "main"},
      {"--ancestry-path", "t8..main"},
      {"--reverse", "main~9..main"},
      {"--topo-order", "--all"},
      {"--date-order", "main"},
      {"-n", "5", "main"},
      {"--max-count=3", "--skip=2", "main"},
      {"main", "--", "mods"},
      {"--all", "--", "."},
      {"--end-of-options", "main~2"},
      {"t4..t12", "--", "mods", "nothing-here"},
  };
  for (const auto& args : ranges) {
    std::string joined;
    for (const auto& a : args) joined += " " + quote(a);
    CAPTURE(joined);
    bool has_paths = std::find(args.begin(), args.end(), "--") != args.end();
    auto expected = lines(h.cli.run("git rev-list" + (args.empty() ? std::string(" HEAD") : joined) + (has_paths ? "" : " --")));
    CHECK(repo.rev_list(args) == expected);
  }
  // No revision, only options or paths: HEAD, as `check` with no range.
  CHECK(repo.rev_list({"--no-merges"}) == lines(h.cli.run("git rev-list --no-merges HEAD --")));
  CHECK(repo.rev_list({"-n", "4"}) == lines(h.cli.run("git rev-list -n 4 HEAD --")));
  CHECK(repo.rev_list({"--", "mods"}) == lines(h.cli.run("git rev-list HEAD -- mods")));
  CHECK(repo.rev_list({"--max-count=2", "--first-parent"}) == lines(h.cli.run("git rev-list --max-count=2 --first-parent HEAD")));
  // commits_between is `tip ^hidden...`.
  std::string tip = trim(h.cli.run("git rev-parse main"));
  std::string t8 = trim(h.cli.run("git rev-parse t8"));
  std::string side12 = trim(h.cli.run("git rev-parse --verify -q 'side12^{commit}'"));
  auto between = repo.commits_between(tip, {t8, side12});
  CHECK(between == lines(h.cli.run("git rev-list main ^t8 ^side12 --")));
  CHECK(between.size() < repo.commits_between(tip, {t8}).size());
}

// judged_line lets a push skip the net effect's diff. Differential: over ranges of the generated
// history (linear stretches, merges, ranges with a commit left out, creations down to the root), it
// says yes exactly when `git rev-list --parents` shows one line of single-parent commits from the
// tip down to the old tip, and whenever it says yes the full comparison finds nothing unexplained.
TEST_CASE("git: judged_line is git's single-parent line, and never hides what the net effect would find") {
  History& h = history();
  auto repo = Repository::discover(h.cli.dir);
  auto all = lines(h.cli.run("git rev-list --all"));
  std::mt19937 rng(99);
  int yes = 0, no = 0, creations = 0;
  auto everything = [](const std::string&) { return true; };
  for (int round = 0; round < 150; ++round) {
    std::string to = all[rng() % all.size()];
    auto line = lines(h.cli.run("git rev-list --first-parent " + to));
    size_t depth = 1 + rng() % std::min<size_t>(line.size(), 12);
    std::optional<std::string> from;
    if (depth < line.size()) from = line[depth];
    std::string range = to + (from ? " ^" + *from : "");
    std::vector<std::string> judged = lines(h.cli.run("git rev-list " + range));
    int variant = round % 4;
    if (variant == 1 && judged.size() > 1) judged.erase(judged.begin() + 1 + rng() % (judged.size() - 1));
    if (variant == 2) judged.push_back(all[rng() % all.size()]);
    if (variant == 3) std::reverse(judged.begin(), judged.end());
    // git's own answer: every listed commit has one parent, the listed ones are exactly the
    // range, and the range is the first-parent stretch itself.
    auto with_parents = lines(h.cli.run("git rev-list --parents " + range));
    std::set<std::string> listed, given(judged.begin(), judged.end());
    bool single = true;
    for (const auto& l : with_parents) {
      auto words = split(l, ' ');
      listed.insert(words[0]);
      single = single && (words.size() == 2 || (!from && words.size() == 1));
    }
    bool want = single && listed == given && given.size() == judged.size() && listed.size() == depth;
    CAPTURE(range);
    CAPTURE(variant);
    bool got = judged_line(repo, from, to, judged);
    CHECK(got == want);
    if (got) {
      ++yes;
      if (!from) ++creations;
      NetEffect net(repo, from, to, everything);
      for (const auto& id : judged) net.add(repo.commit_facts(id));
      CHECK(net.unexplained().empty());
    } else {
      ++no;
    }
  }
  CHECK(yes >= 20);
  CHECK(no >= 40);
  // A creation: the first commits of the history, down to the root, with nothing below them.
  auto first = lines(h.cli.run("git rev-list --first-parent --reverse main"));
  REQUIRE(first.size() > 3);
  std::vector<std::string> bottom(first.begin(), first.begin() + 3);
  bool linear = lines(h.cli.run("git rev-list --merges " + bottom.back())).empty();
  CHECK(judged_line(repo, std::nullopt, bottom.back(), bottom) == linear);
  if (linear) {
    NetEffect net(repo, std::nullopt, bottom.back(), everything);
    for (const auto& id : bottom) net.add(repo.commit_facts(id));
    CHECK(net.unexplained().empty());
    CHECK_FALSE(judged_line(repo, std::nullopt, bottom.back(), {bottom[1], bottom[2]}));  // root left out
  }
  MESSAGE("sampled ranges reaching the root: " << creations);
}

namespace {

// The facts the evaluator reads, as one comparable string.
std::string facts_text(const CommitFacts& f) {
  std::string s = f.id + "|" + f.tree + "|" + f.message + "|" + f.author.display() + "|" + f.committer.display() + "|";
  for (const auto& p : f.parents) s += p + ",";
  s += "|";
  for (std::size_t i = 0; i < f.paths.size(); ++i) {
    s += f.paths[i] + ":";
    if (i < f.path_entries.size()) {
      s += std::to_string(f.path_entries[i].mode) + ":";
      s.append(reinterpret_cast<const char*>(f.path_entries[i].id.data()), f.path_entries[i].id.size());
    }
  }
  for (const auto& p : f.brought_in) s += "<" + p;
  for (const auto& p : f.clean_merged) s += "=" + p;
  return s;
}

}  // namespace

TEST_CASE("git: read_commits on several threads reads what commit_facts reads, and fails as it does") {
  History& h = history();
  PackedCopy copy(h, "packed-threads", "repack -a -d -f --depth=50 --window=50");
  auto repo = Repository::discover(copy.cli.dir);
  std::vector<std::string> ids = lines(copy.cli.run("git rev-list --all"));
  REQUIRE(ids.size() >= 200);  // enough for three threads (read_commits gives each 64 at least)
  std::vector<std::string> serial;
  for (const auto& id : ids) serial.push_back(facts_text(repo.commit_facts(id)));
  for (unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    std::atomic<int> calls{0};
    std::vector<CommitFacts> facts = read_commits(repo, ids, threads, [&] { ++calls; });
    REQUIRE(facts.size() == ids.size());
    CHECK(calls.load() == static_cast<int>(ids.size()));
    for (std::size_t i = 0; i < ids.size(); ++i) REQUIRE(facts_text(facts[i]) == serial[i]);
  }

  // Two commits whose trees are gone (loose objects): the error is the first one's in `ids`
  // order, whichever thread reads it, as when read one after another.
  CliRepo loose(h.tmp.str() + "/loose-threads");
  sh("rm -rf " + quote(loose.dir) + " && cp -a " + quote(h.cli.dir) + " " + quote(loose.dir));
  std::vector<std::string> linear = lines(loose.run("git rev-list --no-merges --all"));
  REQUIRE(linear.size() >= 200);
  auto lose_tree = [&](const std::string& commit) {
    std::string tree = trim(loose.run("git rev-parse " + commit + "^{tree}"));
    loose.run("rm -f .git/objects/" + tree.substr(0, 2) + "/" + tree.substr(2));
    return tree;
  };
  lose_tree(linear[150]);
  std::string first_lost = lose_tree(linear[40]);
  auto broken = Repository::discover(loose.dir);
  auto message_of = [&](unsigned threads) {
    try {
      read_commits(broken, linear, threads);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string one = message_of(1);
  CHECK(one.find("reading tree " + first_lost) != std::string::npos);
  CHECK(message_of(2) == one);
  CHECK(message_of(3) == one);
  // The budget's error stops the reading the same way.
  std::atomic<int> calls{0};
  CHECK_THROWS_WITH(read_commits(repo, ids, 3, [&] { if (++calls > 100) throw std::runtime_error("over budget"); }),
                    "over budget");
}
