// PathIndex gives areas_covering() and owner_of()'s answers, on generated agreements and paths
// (case modes, directory-only and anchored patterns, ties, non-ASCII and odd paths), asked in an
// order that reuses remembered directories and, with a tiny bound, forgets them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"

using namespace laneguard;

namespace {

struct Rng {
  unsigned long long s;
  unsigned next(unsigned n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<unsigned>((s >> 11) % n);
  }
};

const std::vector<std::string> kNames = {"src", "Src", "auth", "Auth", "billing", "login.py", "session_x", "docs",
                                         "a", "b", "ab", "x.md", "README.md", "prototypes", "db", "models",
                                         "\xC5\xBFrc", "caf\xC3\xA9", "cafe\xCC\x81", "AUTH", "m.sql", "tools"};
const std::vector<std::string> kPatterns = {
    "**", "*", "**/auth/**", "auth/", "/auth/", "src/auth/**", "**/login*", "**/session*", "**/*.sql", "db/**",
    "**/models/**", "src/**", "src/*", "docs/*.md", "README.md", "/README.md", "a/**/b", "a/b", "a/b/", "prototypes/**",
    "*.md", "src/a?th/", "[ab]/", "**/billing/**", "\xC5\xBFrc/**", "caf\xC3\xA9/", "a*/", "*b", "x.md", "tools/"};

std::string path(Rng& rng) {
  std::string p;
  unsigned depth = 1 + rng.next(5);
  for (unsigned d = 0; d < depth; ++d) p += (d ? "/" : "") + kNames[rng.next(static_cast<unsigned>(kNames.size()))];
  return p;
}

Agreement generated(Rng& rng, bool case_sensitive) {
  Agreement a;
  a.case_sensitive = case_sensitive;
  auto pick = [&] { return PathPattern::compile(kPatterns[rng.next(static_cast<unsigned>(kPatterns.size()))], case_sensitive); };
  for (int l = 0; l < 3; ++l) {
    Lane lane;
    lane.key = "lane" + std::to_string(l);
    for (unsigned k = 0, n = 1 + rng.next(5); k < n; ++k) lane.owns.push_back(pick());
    a.lanes.push_back(std::move(lane));
  }
  for (int i = 0, n = 1 + static_cast<int>(rng.next(6)); i < n; ++i) {
    ProtectedArea area;
    area.name = "area" + std::to_string(i);
    for (unsigned k = 0, m = 1 + rng.next(4); k < m; ++k) area.paths.push_back(pick());
    a.areas.push_back(std::move(area));
  }
  return a;
}

}  // namespace

TEST_CASE("path index: the same answers as areas_covering and owner_of") {
  Rng rng{0x1dea5};
  int compared = 0, covered = 0, owned = 0;
  for (int round = 0; round < 120; ++round) {
    Agreement a = generated(rng, round % 2 == 0);
    PathIndex index(a);
    std::vector<std::string> paths;
    for (int k = 0; k < 150; ++k) paths.push_back(path(rng));
    for (const char* odd : {"a//b", "/a/b", "a/b/", "a", "", "src/auth/x\xFF", "src/\xC3"}) paths.push_back(odd);
    for (int pass = 0; pass < 2; ++pass)  // the second pass answers from remembered directories
      for (const std::string& p : paths) {
        ++compared;
        std::vector<AreaMatch> want = areas_covering(a, p), got = index.areas_covering(p);
        REQUIRE(want.size() == got.size());
        for (size_t k = 0; k < want.size(); ++k) {
          CHECK_MESSAGE(want[k].area == got[k].area, p);
          CHECK_MESSAGE(want[k].pattern == got[k].pattern, p);
        }
        CHECK(index.protected_path(p) == !want.empty());
        std::vector<std::size_t> indices;
        index.area_indices(p, indices);
        REQUIRE(indices.size() == want.size());
        for (size_t k = 0; k < want.size(); ++k) CHECK(&a.areas[indices[k]] == want[k].area);
        covered += !want.empty();
        Ownership o = owner_of(a, p), g = index.owner_of(p);
        CHECK_MESSAGE(o.lane == g.lane, p);
        CHECK_MESSAGE(o.pattern == g.pattern, p);
        CHECK(o.tied == g.tied);
        owned += o.lane != nullptr;
      }
  }
  CHECK(covered > compared / 5);
  CHECK(covered < compared * 4 / 5);
  CHECK(owned > compared / 5);
}

TEST_CASE("path index: more directories than it remembers") {
  Agreement a;
  ProtectedArea area;
  area.name = "auth";
  area.paths.push_back(PathPattern::compile("**/auth/**", false));
  area.paths.push_back(PathPattern::compile("**/login*", false));
  a.areas.push_back(std::move(area));
  PathIndex index(a);
  // The bound is at least 256 directories: 2,000 distinct ones make it forget and start again.
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 2000; ++i) {
      std::string dir = "d" + std::to_string(i) + (i % 3 == 0 ? "/auth" : "/lib");
      std::string file = dir + (i % 5 == 0 ? "/login.py" : "/x.py");
      CHECK(index.protected_path(file) == (i % 3 == 0 || i % 5 == 0));
    }
}
