// PackReader against `git cat-file --batch`: every object of a repacked repository, with offset
// and with reference deltas.
#include <doctest/doctest.h>

#include <map>

#include "git/pack_reader.h"
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
