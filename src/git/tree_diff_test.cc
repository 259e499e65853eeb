// The tree differ on trees as deep as git accepts: a 20,000-directory path (40 KB, which git 2.39
// pushes happily) used to exhaust the stack in the recursive differ. And on a damaged pack index
// that lists a tree under an id its own entries name (a tree inside itself, found by fuzzing): the
// differ's stack grew without end; it is refused as a corrupt repository (exit 3).
#include <doctest/doctest.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "git/repository.h"
#include "git/tree_diff.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {
git::Library library;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
uint32_t be32(const std::string& s, size_t at) {
  auto b = [&](size_t i) { return uint32_t(static_cast<unsigned char>(s[at + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}
void put_be32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
}
std::string raw_id(const std::string& hex) {
  git_oid id;
  REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}
// One tree entry: "<mode> <name>\0<20-byte id>".
std::string tree_entry(const std::string& mode, const std::string& name, const std::string& hex) {
  return mode + " " + name + std::string(1, '\0') + raw_id(hex);
}

// A damaged pack: git packs the trees (`listed` id -> raw content; hash-object --literally, since
// they name ids that are not theirs), then the pack's index is rewritten to list each tree under
// its `listed` id instead of its hash, the way a corrupt index or a forged pack would. The pack
// reader trusts the index (git does too until fsck), so a tree can name itself.
void pack_trees_under(CliRepo& cli, const std::map<std::string, std::string>& trees) {
  std::map<std::string, std::string> real_of;  // listed -> real hash
  std::string list;
  int n = 0;
  for (const auto& [listed, content] : trees) {
    std::string file = ".git/lg-tree" + std::to_string(n++);
    cli.write(file, content);
    std::string real = trim(cli.run("git hash-object -t tree --literally -w " + file));
    real_of[listed] = real;
    list += real + "\n";
  }
  cli.write(".git/lg-list", list);
  std::string name = trim(cli.run("git pack-objects -q .git/objects/pack/pack < .git/lg-list"));
  std::string idx_path = cli.dir + "/.git/objects/pack/pack-" + name + ".idx";
  std::string idx = slurp(idx_path);
  REQUIRE(idx.size() >= 8 + 1024);
  uint32_t count = be32(idx, 8 + 255 * 4);
  REQUIRE(count == trees.size());
  // git's index: crc and offset of each real hash.
  std::map<std::string, std::pair<uint32_t, uint32_t>> at;
  const size_t ids = 8 + 1024, crcs = ids + 20 * count, offsets = crcs + 4 * count;
  for (uint32_t i = 0; i < count; ++i) {
    git_oid id;
    git_oid_fromraw(&id, reinterpret_cast<const unsigned char*>(idx.data() + ids + 20 * i));
    at[oid_hex(id)] = {be32(idx, crcs + 4 * i), be32(idx, offsets + 4 * i)};
  }
  // The same index with the listed ids (sorted: std::map orders hex as the raw bytes).
  std::string out = idx.substr(0, 8), listed_ids;
  for (const auto& t : trees) listed_ids += raw_id(t.first);
  for (int b = 0; b < 256; ++b) {
    uint32_t below = 0;
    for (uint32_t i = 0; i < count; ++i) below += static_cast<unsigned char>(listed_ids[20 * i]) <= b;
    put_be32(out, below);
  }
  out += listed_ids;
  for (const auto& t : trees) put_be32(out, at.at(real_of.at(t.first)).first);
  for (const auto& t : trees) put_be32(out, at.at(real_of.at(t.first)).second);
  out += idx.substr(offsets + 4 * count, 20);  // the pack's checksum
  out += std::string(20, '\0');               // the index's own checksum (not checked)
  std::filesystem::permissions(idx_path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  std::ofstream(idx_path, std::ios::binary | std::ios::trunc) << out;
}

// A commit (written as is: its tree need not be a real one) on refs/heads/NAME.
std::string commit_on(CliRepo& cli, const std::string& branch, const std::string& tree, const std::string& parent = "") {
  std::string c = "tree " + tree + "\n" + (parent.empty() ? "" : "parent " + parent + "\n") +
                  "author A <a@acme.test> 1700000000 +0000\ncommitter A <a@acme.test> 1700000000 +0000\n\ndamaged\n";
  cli.write(".git/lg-commit", c);
  std::string id = trim(cli.run("git hash-object -t commit --literally -w .git/lg-commit"));
  cli.run("git update-ref refs/heads/" + branch + " " + id);
  return id;
}

// commit_facts(branch) must fail as a corrupt repository naming `tree` and where it came back.
void refused(const std::string& dir, const std::string& branch, const std::string& tree, const std::string& where) {
  auto repo = Repository::discover(dir);
  try {
    repo.commit_facts(branch);
    FAIL("a tree inside itself was diffed without an error");
  } catch (const GitError& e) {
    std::string what = e.what();
    CAPTURE(what);
    CHECK(e.exit_code == kExitGit);
    CHECK(what.find("corrupt repository: tree " + tree + " contains itself") != std::string::npos);
    CHECK(what.find("opened again at '" + where + "'") != std::string::npos);
  }
}
}  // namespace

TEST_CASE("tree diff: a 20,000-directory-deep path is read without exhausting the stack") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/deep");
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "d/";
  deep += "f";
  std::string stream = "commit refs/heads/main\ncommitter A <a@acme.test> 1700000000 +0000\ndata 4\ndeep\nM 100644 inline " +
                       deep + "\ndata 2\nx\n\n";
  cli.write(".git/deep.fi", stream);
  cli.run("git fast-import --quiet < .git/deep.fi");
  auto repo = Repository::discover(cli.dir);
  CommitFacts f = repo.commit_facts("main");
  REQUIRE(f.paths.size() == 1);
  CHECK(f.paths[0] == deep);
  // And removing it again (the directory on the "before" side only).
  cli.write(".git/gone.fi", "commit refs/heads/main\ncommitter A <a@acme.test> 1700000060 +0000\ndata 4\ngone\nfrom refs/heads/main^0\nD d\n\n");
  cli.run("git fast-import --quiet < .git/gone.fi");
  CommitFacts gone = repo.commit_facts("main");
  REQUIRE(gone.paths.size() == 1);
  CHECK(gone.paths[0] == deep);
}

TEST_CASE("tree diff: a tree inside itself (a damaged pack index) is refused as a corrupt repository") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("f.txt", "one\n");
  std::string real = cli.commit_all("real");
  std::string real_tree = trim(cli.run("git rev-parse HEAD^{tree}"));
  const std::string self(40, 'a'), first(40, 'b'), second(40, 'c');
  pack_trees_under(cli, {
                            {self, tree_entry("40000", "x", self)},       // x/ is the tree itself
                            {first, tree_entry("40000", "a", second)},    // a/ -> b/ -> back to the first
                            {second, tree_entry("40000", "b", first)},
                        });

  SUBCASE("on the after side: a root commit whose tree holds itself") {
    commit_on(cli, "self", self);
    refused(cli.dir, "self", self, "x");
  }
  SUBCASE("a cycle through two trees") {
    commit_on(cli, "pair", first);
    refused(cli.dir, "pair", first, "a/b");
  }
  SUBCASE("on the before side: the parent's tree holds itself, the commit's tree is real") {
    std::string parent = commit_on(cli, "base", self);
    commit_on(cli, "after", real_tree, parent);
    refused(cli.dir, "after", self, "x");
  }
  SUBCASE("a cycle deeper than the levels compared one by one") {
    // t0/n0/t1/n1/.../t39, whose n39 is t35 again (past the 32 levels looked at frame by frame).
    auto id = [](int i) {
      char hex[3];
      std::snprintf(hex, sizeof hex, "%02x", i);
      return std::string(38, 'e') + hex;
    };
    std::map<std::string, std::string> chain;
    std::string where;
    for (int i = 0; i < 40; ++i) {
      chain[id(i)] = tree_entry("40000", "n" + std::to_string(i), id(i < 39 ? i + 1 : 35));
      where += (i ? "/n" : "n") + std::to_string(i);
    }
    TempDir deep;
    CliRepo other(deep.str() + "/r");
    pack_trees_under(other, chain);
    commit_on(other, "deep", id(0));
    refused(other.dir, "deep", id(35), where);
  }
  SUBCASE("the same tree on both sides, one level apart, is no cycle") {
    // d/f moved to d/d/f: the tree that was d/ (before) is d/d/ (after) while before's d/ is open.
    cli.run("mkdir d && git mv f.txt d/f && git commit -q -m d");
    cli.tick();
    cli.run("git mv d t && mkdir d && git mv t d/d && git commit -q -m dd");
    std::string dd = trim(cli.run("git rev-parse HEAD:d/d")), d_before = trim(cli.run("git rev-parse HEAD~1:d"));
    REQUIRE(dd == d_before);
    auto repo = Repository::discover(cli.dir);
    CommitFacts f = repo.commit_facts("main");
    CHECK(f.paths == std::vector<std::string>{"d/d/f", "d/f"});
  }
  SUBCASE("the same tree at two sibling paths is no cycle") {
    cli.write("a/s/f", "same\n");
    cli.write("b/s/f", "same\n");
    cli.commit_all("siblings");
    REQUIRE(trim(cli.run("git rev-parse HEAD:a/s")) == trim(cli.run("git rev-parse HEAD:b/s")));
    auto repo = Repository::discover(cli.dir);
    CommitFacts f = repo.commit_facts("main");
    CHECK(f.paths == std::vector<std::string>{"a/s/f", "b/s/f"});
  }
  CHECK_FALSE(real.empty());
}

TEST_CASE("tree diff: RootNames opens only the root directories it names, any ASCII case, and non-ASCII names") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  for (const char* p : {"src/a.js", "src/proto/b.js", "Proto/c.js", "proto/d/e.js", "prot/f.js", "protos/g.js",
                        "\xc3\xbcml/h.js", "README.md", "protox"})
    cli.write(p, "one\n");
  std::string before = cli.commit_all("one");
  for (const char* p : {"src/a.js", "src/proto/b.js", "Proto/c.js", "proto/d/e.js", "prot/f.js", "protos/g.js",
                        "\xc3\xbcml/h.js", "README.md", "protox", "proto/new.js", "src/new.js"})
    cli.write(p, "two\n");
  std::string after = cli.commit_all("two");
  Repository repo = Repository::discover(cli.dir);
  git_oid tb, ta;
  REQUIRE(git_oid_fromstr(&tb, repo.commit_facts(before).tree.c_str()) == 0);
  REQUIRE(git_oid_fromstr(&ta, repo.commit_facts(after).tree.c_str()) == 0);
  std::vector<std::string> all, some;
  std::vector<LeafEntry> all_entries, some_entries;
  diff_tree_paths(repo.trees(), &tb, &ta, all, all_entries);
  RootNames roots{{"proto"}};
  diff_tree_paths(repo.trees(), &tb, &ta, some, some_entries, nullptr, &roots);
  std::vector<std::string> expected;
  for (const std::string& p : all) {
    std::string first = p.substr(0, p.find('/'));
    if (first == p || roots.opens(first)) expected.push_back(p);
  }
  CHECK(all.size() == 11);
  CHECK(some == expected);
  CHECK(some == std::vector<std::string>{"Proto/c.js", "README.md", "proto/d/e.js", "proto/new.js", "protox",
                                          "\xc3\xbcml/h.js"});
  CHECK(some_entries.size() == some.size());
}
