// FlatTable against std::unordered_map: random inserts, takes, finds and clears over a small key
// space, with a hash that sends many keys home to the same slots, so runs wrap around the array
// and deletions shift entries back across the wrap.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_map>

#include "git/flat_table.h"

using laneguard::git::FlatTable;

namespace {

struct Crowded {  // 8 homes for every key: long runs, wrapping at the end of the array
  std::size_t operator()(unsigned k) const { return (k % 8) * 0x9e3779b97f4a7c15ULL >> 3; }
};
struct Spread {
  std::size_t operator()(unsigned k) const { return std::size_t(k) * 0x9e3779b97f4a7c15ULL; }
};

template <class Hash>
void compare_with_unordered_map(unsigned seed, unsigned keys, int steps) {
  FlatTable<unsigned, std::string, Hash> table;
  std::unordered_map<unsigned, std::string> model;
  std::mt19937 rng(seed);
  for (int step = 0; step < steps; ++step) {
    unsigned key = rng() % keys;
    switch (rng() % 10) {
      case 0: case 1: case 2: case 3: {
        std::string value = std::to_string(step);
        bool added = table.insert(key, value);
        CHECK(added == model.emplace(key, value).second);
        break;
      }
      case 4: case 5: case 6: {
        auto taken = table.take(key);
        auto it = model.find(key);
        REQUIRE(taken.has_value() == (it != model.end()));
        if (taken) {
          CHECK(*taken == it->second);
          model.erase(it);
        }
        break;
      }
      case 7: case 8: {
        std::string* found = table.find(key);
        auto it = model.find(key);
        REQUIRE((found != nullptr) == (it != model.end()));
        if (found) CHECK(*found == it->second);
        break;
      }
      default:
        if (rng() % 50 == 0) {
          table.clear(model.size());
          model.clear();
        }
    }
    REQUIRE(table.size() == model.size());
  }
  // Every key the model holds is found, and no other.
  for (unsigned key = 0; key < keys; ++key) CHECK((table.find(key) != nullptr) == (model.count(key) == 1));
}

}  // namespace

TEST_CASE("flat table: the same answers as std::unordered_map, crowded and spread hashes") {
  for (unsigned seed : {1u, 2u, 3u}) {
    compare_with_unordered_map<Crowded>(seed, 64, 20000);
    compare_with_unordered_map<Spread>(seed, 5000, 50000);
  }
}

TEST_CASE("flat table: an empty table finds and takes nothing") {
  FlatTable<unsigned, int, Spread> table;
  CHECK(table.find(1) == nullptr);
  CHECK_FALSE(table.take(1).has_value());
  CHECK(table.empty());
  CHECK(table.insert(1, 5));
  CHECK_FALSE(table.insert(1, 6));
  CHECK(*table.find(1) == 5);
}
