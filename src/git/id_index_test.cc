// IdIndex against std::unordered_map: ids inserted and looked up in random order, a quarter of the
// lookups for ids never inserted, some ids sharing their first bytes (the hash) so runs collide,
// and a clear in the middle.
#include <doctest/doctest.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "git/id_index.h"

using laneguard::git::IdIndex;
using laneguard::git::OidEq;
using laneguard::git::OidHash;

TEST_CASE("git: IdIndex finds what unordered_map finds, through collisions, growth and a clear") {
  std::mt19937_64 rng(11);
  auto random_id = [&](bool crowded) {
    git_oid id;
    for (auto& b : id.id) b = static_cast<unsigned char>(rng());
    if (crowded) std::memset(id.id, 0x5a, 8);  // same hash: one long run of slots
    return id;
  };
  for (int round = 0; round < 2; ++round) {
    std::vector<git_oid> ids;  // the caller's array: position -> id
    std::unordered_map<git_oid, std::uint32_t, OidHash, OidEq> want;
    IdIndex index;
    auto id_of = [&](std::uint32_t p) -> const git_oid& { return ids[p]; };
    std::vector<git_oid> known;
    for (int step = 0; step < 20000; ++step) {
      if (step == 9000 && round == 1) {
        index.clear();
        ids.clear();
        want.clear();
        known.clear();
        CHECK(!index.find(random_id(false), id_of));
      }
      int what = static_cast<int>(rng() % 4);
      if (what == 0 && !known.empty()) {  // insert an id already there: its position comes back
        const git_oid& id = known[rng() % known.size()];
        auto [pos, added] = index.insert(id, static_cast<std::uint32_t>(ids.size()), id_of);
        CHECK(!added);
        CHECK(pos == want.at(id));
      } else if (what == 1) {  // an id never inserted
        CHECK(!index.find(random_id(rng() % 2 == 0), id_of));
      } else {
        git_oid id = random_id(rng() % 8 == 0);
        auto [pos, added] = index.insert(id, static_cast<std::uint32_t>(ids.size()), id_of);
        REQUIRE(added);
        CHECK(pos == ids.size());
        ids.push_back(id);
        want.emplace(id, pos);
        known.push_back(id);
      }
      if (!known.empty()) {
        const git_oid& id = known[rng() % known.size()];
        auto got = index.find(id, id_of);
        REQUIRE(got);
        CHECK(*got == want.at(id));
      }
    }
    CHECK(index.size() == want.size());
    for (const auto& [id, pos] : want) CHECK(index.find(id, id_of) == std::optional<std::uint32_t>(pos));
  }
}
