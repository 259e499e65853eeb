// PackReader against `git cat-file --batch`: every object of a repacked repository, with offset
// and with reference deltas.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <thread>

#include "git/pack_reader.h"
#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard::git;
using namespace laneguard::testing;

namespace {

struct GitObject {
  std::string type, content;
};

// Every object as `git cat-file --batch-all-objects --batch` prints it.
std::map<std::string, GitObject> all_objects(CliRepo& cli) {
  std::string out = cli.run("git cat-file --batch-all-objects --batch");
  std::map<std::string, GitObject> objects;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    auto header = split(out.substr(pos, nl - pos), ' ');
    size_t size = std::stoul(header.at(2));
    objects[header[0]] = {header[1], out.substr(nl + 1, size)};
    pos = nl + 1 + size + 1;
  }
  return objects;
}

const char* type_name(git_object_t t) { return git_object_type2string(t); }

void check_every_object(CliRepo& cli) {
  PackReader reader({cli.dir + "/.git/objects"});
  REQUIRE(reader.pack_count() == 1);
  auto objects = all_objects(cli);
  REQUIRE(objects.size() > 100);
  for (const auto& object : objects) {
    const auto& [hex, expected] = object;
    CAPTURE(object.first);  // not `hex`: clang 14 cannot capture a structured binding in a lambda
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
    auto raw = reader.read(id);
    REQUIRE(raw.has_value());
    CHECK(std::string(type_name(raw->type)) == expected.type);
    CHECK(*raw->data == expected.content);
  }
  git_oid missing;
  git_oid_fromstr(&missing, "0123456789012345678901234567890123456789");
  CHECK_FALSE(reader.read(missing).has_value());
}

}  // namespace

TEST_CASE("git: pack reader returns exactly what git cat-file returns") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  std::string big;
  for (int i = 0; i < 400; ++i) big += "line " + std::to_string(i) + " of a file that grows a little every commit\n";
  for (int c = 0; c < 60; ++c) {
    big += "appended in commit " + std::to_string(c) + "\n";
    cli.write("docs/big.txt", big);
    cli.write("src/m" + std::to_string(c % 7) + "/f" + std::to_string(c) + ".txt", "file " + std::to_string(c) + "\n");
    cli.commit_all("commit " + std::to_string(c));
  }
  cli.run("git tag -a -m 'a tag' v1");
  SUBCASE("offset deltas") { cli.run("git repack -q -a -d -f --depth=50 --window=50"); }
  SUBCASE("reference deltas") { cli.run("git -c repack.useDeltaBaseOffset=false repack -q -a -d -f --depth=50"); }
  check_every_object(cli);
}

TEST_CASE("git: apply_delta rejects malformed deltas") {
  std::string base = "hello world";
  // src size 11, dst size 5, copy offset 0 size 5.
  const unsigned char ok[] = {11, 5, 0x80 | 0x10, 5};
  CHECK(apply_delta(base, ok, sizeof ok) == std::string("hello"));
  const unsigned char wrong_source[] = {12, 5, 0x80 | 0x10, 5};
  CHECK_FALSE(apply_delta(base, wrong_source, sizeof wrong_source).has_value());
  const unsigned char past_end[] = {11, 5, 0x80 | 0x01 | 0x10, 9, 5};
  CHECK_FALSE(apply_delta(base, past_end, sizeof past_end).has_value());
  const unsigned char short_output[] = {11, 6, 0x80 | 0x10, 5};
  CHECK_FALSE(apply_delta(base, short_output, sizeof short_output).has_value());
  const unsigned char zero_command[] = {11, 0, 0};
  CHECK_FALSE(apply_delta(base, zero_command, sizeof zero_command).has_value());
}

namespace {
// The repository's one pack and index, as bytes.
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void spit(const std::string& path, const std::string& data) {
  std::filesystem::permissions(path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}
std::string only_file(const std::string& dir, const std::string& ext) {
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ext) return e.path().string();
  return "";
}
}  // namespace

TEST_CASE("git: a corrupt pack index or declared sizes never read out of bounds or allocate the claim") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  for (int c = 0; c < 5; ++c) {
    cli.write("f" + std::to_string(c) + ".txt", "content " + std::to_string(c) + "\n");
    cli.commit_all("commit " + std::to_string(c));
  }
  cli.run("git repack -q -a -d");
  const std::string packdir = cli.dir + "/.git/objects/pack";
  const std::string idx = only_file(packdir, ".idx"), pack = only_file(packdir, ".pack");
  const std::string head = cli.run("git rev-parse HEAD").substr(0, 40);
  git_oid id;
  REQUIRE(git_oid_fromstr(&id, head.c_str()) == 0);
  const std::string good_idx = slurp(idx), good_pack = slurp(pack);

  SUBCASE("a fanout larger than the object count (git: non-monotonic index)") {
    // Fanout entry 0 claims 2^31 objects start with byte 00: lookups went past the id table.
    std::string bad = good_idx;
    bad[8] = '\x7f';
    spit(idx, bad);
    PackReader reader({cli.dir + "/.git/objects"});
    CHECK(reader.pack_count() == 0);  // left to libgit2
    for (int b = 0; b < 256; ++b) {
      git_oid probe = id;
      probe.id[0] = static_cast<unsigned char>(b);
      CHECK_FALSE(reader.read(probe).has_value());
    }
  }
  SUBCASE("an object whose header declares 2^62 bytes") {
    // The first object's size varint: set every continuation bit up to shift 60.
    std::string bad = good_pack;
    const std::size_t first = 12;
    unsigned char type = static_cast<unsigned char>(bad[first]) & 0x70;
    std::string header;
    header += static_cast<char>(0x80 | type | 0x0f);
    for (int i = 0; i < 8; ++i) header += '\xff';
    header += '\x3f';
    // Keep the pack's length: overwrite the object's header bytes only where it had them, by
    // rebuilding the whole pack as header + the original compressed data.
    std::size_t p = first;
    while (static_cast<unsigned char>(bad[p]) & 0x80) ++p;
    ++p;
    bad = bad.substr(0, first) + header + bad.substr(p);
    spit(pack, bad);
    PackReader reader({cli.dir + "/.git/objects"});
    REQUIRE(reader.pack_count() == 1);
    // Reading every object: none allocates 2^62 bytes; the damaged ones are simply not read here.
    for (const auto& line : split(cli.run("git show-index < " + quote(idx)), '\n')) {
      auto fields = split(line, ' ');
      if (fields.size() < 2) continue;
      git_oid o;
      REQUIRE(git_oid_fromstr(&o, fields[1].c_str()) == 0);
      CHECK_NOTHROW(reader.read(o));
    }
  }
  SUBCASE("a delta whose result claims 2^62 bytes") {
    const unsigned char huge[] = {11, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f, 0x80 | 0x10, 5};
    CHECK_FALSE(apply_delta("hello world", huge, sizeof huge).has_value());
  }
}

TEST_CASE("git: an entry whose declared size is one byte off is not read here, inflated whole or streamed") {
  // Entries up to 1 MiB are inflated in one call (libdeflate), larger ones streamed (zlib): both
  // must end exactly at the declared size, neither a byte short nor a byte over.
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  auto text_of = [](std::size_t size, unsigned seed) {
    std::string s;
    uint64_t x = seed;
    while (s.size() < size) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      s += "line " + std::to_string(x >> 40) + "\n";
    }
    s.resize(size);
    return s;
  };
  // Sizes whose low four bits (kept in the entry's first header byte) are neither 0 nor 15, so
  // one more or one less changes that byte only.
  const std::string small = text_of(4000 + 7, 1), large = text_of((std::size_t(3) << 19) + 7, 2);
  cli.write("small.txt", small);
  cli.write("large.txt", large);
  cli.commit_all("two files");
  cli.run("git repack -q -a -d -f --window=0");  // no deltas: each blob is one whole entry
  const std::string packdir = cli.dir + "/.git/objects/pack";
  const std::string idx = only_file(packdir, ".idx"), pack = only_file(packdir, ".pack");
  const std::string good_pack = slurp(pack);
  std::map<std::string, uint64_t> offsets;  // id -> entry offset
  for (const auto& line : split(cli.run("git show-index < " + quote(idx)), '\n')) {
    auto fields = split(line, ' ');
    if (fields.size() >= 2) offsets[fields[1]] = std::stoull(fields[0]);
  }
  for (const std::string* content : {&small, &large}) {
    const std::string name = content == &small ? "small.txt" : "large.txt";
    CAPTURE(name);
    const std::string hex = cli.run("git rev-parse HEAD:" + name).substr(0, 40);
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
    const uint64_t at = offsets.at(hex);
    REQUIRE((static_cast<unsigned char>(good_pack[at]) & 0x0f) == (content->size() & 0x0f));
    {
      PackReader reader({cli.dir + "/.git/objects"});
      auto raw = reader.read(id);
      REQUIRE(raw.has_value());
      CHECK(*raw->data == *content);
    }
    for (int delta : {-1, +1}) {
      CAPTURE(delta);
      std::string bad = good_pack;
      bad[at] = static_cast<char>(static_cast<unsigned char>(bad[at]) + delta);
      spit(pack, bad);
      PackReader reader({cli.dir + "/.git/objects"});
      REQUIRE(reader.pack_count() == 1);
      CHECK_FALSE(reader.read(id).has_value());
      spit(pack, good_pack);
    }
  }
}

namespace {

// A repository written by `git fast-import`: its trees are deltas on the tree's previous version,
// chains up to 50 deep (the layout a newest-first walk finds hardest). `commits` commits, each
// changing one file of a 60-file directory.
void fast_import_history(CliRepo& cli, int commits) {
  std::string in;
  auto data = [](const std::string& s) { return "data " + std::to_string(s.size()) + "\n" + s + "\n"; };
  for (int c = 0; c < commits; ++c) {
    in += "commit refs/heads/main\nmark :" + std::to_string(c + 1) + "\n";
    in += "committer Pat <pat@acme.test> " + std::to_string(1700000000 + c * 60) + " +0000\n";
    in += data("change " + std::to_string(c));
    if (c > 0) in += "from :" + std::to_string(c) + "\n";
    if (c == 0) {
      for (int f = 0; f < 60; ++f)
        in += "M 100644 inline src/dir/file" + std::to_string(f) + ".txt\n" + data("first " + std::to_string(f));
    }
    in += "M 100644 inline src/dir/file" + std::to_string(c % 60) + ".txt\n" + data("at " + std::to_string(c));
    in += "\n";
  }
  in += "done\n";
  cli.write(".git/lg-import", in);
  cli.run("git fast-import --quiet --done < .git/lg-import");
}

size_t largest(const std::map<std::string, GitObject>& objects) {
  size_t n = 0;
  for (const auto& o : objects) n = std::max(n, o.second.content.size());
  return n;
}

}  // namespace

TEST_CASE("git: pack reader under small limits: every object exact, the cache within its budget, mapped pages handed back") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  fast_import_history(cli, 300);
  auto objects = all_objects(cli);
  REQUIRE(objects.size() > 600);
  // Deep chains: fast-import deltas each tree on its previous version.
  std::string verify = cli.run("git verify-pack -v .git/objects/pack/*.idx");
  CHECK(verify.find("chain length = 40") != std::string::npos);

  PackReaderLimits limits;
  limits.cache_bytes = 16 << 10;
  limits.mapped_bytes = 128 << 10;
  limits.checkpoint = 4;
  PackReader reader({cli.dir + "/.git/objects"}, limits);
  REQUIRE(reader.pack_count() == 1);
  // Newest first, as check walks: the trees of each commit, by rev-list order, then every object.
  std::vector<std::string> order;
  for (const auto& line : split(cli.run("git log --format=%T main"), '\n'))
    if (!line.empty()) order.push_back(line);
  for (int i = 0; i < 3; ++i)
    for (const auto& o : objects) order.push_back(o.first);
  size_t most_cached = 0;
  for (const std::string& hex : order) {
    CAPTURE(hex);
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
    auto raw = reader.read(id);
    REQUIRE(raw.has_value());
    const GitObject& want = objects.at(hex);
    CHECK(std::string(git_object_type2string(raw->type)) == want.type);
    CHECK(*raw->data == want.content);
    most_cached = std::max(most_cached, reader.cached_bytes());
  }
  // Two generations of at most half the budget each, and the entry that filled one.
  CHECK(most_cached <= limits.cache_bytes + 2 * (largest(objects) + 64));
  CHECK(reader.cached_entries() > 0);
  CHECK(reader.pages_dropped() > 0);

  // Released at the end of a walk: nothing cached, and every object still read exactly.
  reader.release();
  CHECK(reader.cached_bytes() == 0);
  CHECK(reader.cached_entries() == 0);
  for (const auto& entry : objects) {
    const std::string& hex = entry.first;
    const GitObject& want = entry.second;
    CAPTURE(hex);
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
    auto raw = reader.read(id);
    REQUIRE(raw.has_value());
    CHECK(*raw->data == want.content);
  }
  CHECK(reader.cached_entries() > 0);
}

TEST_CASE("git: libgit2 reads objects through the pack reader, and loose objects from its own backend") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  fast_import_history(cli, 30);
  cli.run("git checkout -q main");
  cli.write("loose.txt", "not in any pack\n");
  std::string loose = cli.commit_all("a loose commit");
  laneguard::git::Repository repo = laneguard::git::Repository::discover(cli.dir);
  int seen = 0;
  for (const auto& line : split(cli.run("git log --format=%H%x09%s main"), '\n')) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    CAPTURE(line);
    CHECK(repo.commit_facts(line.substr(0, tab)).subject == line.substr(tab + 1));
    ++seen;
  }
  CHECK(seen == 31);
  CHECK(repo.commit_facts(loose).paths == std::vector<std::string>{"loose.txt"});
  // The pack is mapped once, by the pack reader: libgit2 opened no window of its own on it.
  std::ifstream maps("/proc/self/maps");
  int mapped = 0;
  for (std::string line; std::getline(maps, line);)
    if (line.find(cli.dir) != std::string::npos && line.find(".pack") != std::string::npos) ++mapped;
  CHECK(mapped == 1);
}

TEST_CASE("git: a pack reader sharing another's mappings reads every object exactly, on its own thread, and outlives it") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  fast_import_history(cli, 200);
  auto objects = all_objects(cli);
  REQUIRE(objects.size() > 400);
  std::vector<std::pair<git_oid, const GitObject*>> wanted;
  for (const auto& o : objects) {
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, o.first.c_str()) == 0);
    wanted.emplace_back(id, &o.second);
  }
  // Pages handed back often on both sides: each reader's madvise drops pages under the other.
  PackReaderLimits small;
  small.cache_bytes = 16 << 10;
  small.mapped_bytes = 64 << 10;
  auto first = std::make_unique<PackReader>(std::vector<std::string>{cli.dir + "/.git/objects"}, small);
  auto pack_maps = [&] {  // how many mappings of the pack file this process has
    std::ifstream maps("/proc/self/maps");
    int n = 0;
    for (std::string line; std::getline(maps, line);)
      if (line.find(cli.dir) != std::string::npos && line.size() > 5 && line.compare(line.size() - 5, 5, ".pack") == 0) ++n;
    return n;
  };
  CHECK(pack_maps() == 1);
  PackReader second(*first, small);
  CHECK(second.pack_count() == first->pack_count());
  CHECK(pack_maps() == 1);  // shared, not mapped again
  auto read_all = [&](PackReader& reader, int rounds) {
    int wrong = 0;
    for (int r = 0; r < rounds; ++r)
      for (const auto& w : wanted) {
        auto raw = reader.read(w.first);
        if (!raw || std::string(git_object_type2string(raw->type)) != w.second->type || *raw->data != w.second->content) ++wrong;
      }
    return wrong;
  };
  int wrong_first = -1, wrong_second = -1;
  std::thread a([&] { wrong_first = read_all(*first, 3); });
  std::thread b([&] { wrong_second = read_all(second, 3); });
  a.join();
  b.join();
  CHECK(wrong_first == 0);
  CHECK(wrong_second == 0);
  CHECK(first->pages_dropped() > 0);
  CHECK(second.pages_dropped() > 0);
  first.reset();  // the mappings stay while a reader uses them
  CHECK(pack_maps() == 1);
  CHECK(read_all(second, 1) == 0);
}
