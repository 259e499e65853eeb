#include "util/pipeline.h"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/error.h"

namespace laneguard {
namespace {

std::vector<int> run(bool threaded, std::size_t capacity, int n, int fail_producer_at = -1) {
  std::vector<int> seen;
  pipeline<int>(
      threaded, capacity,
      [&](auto&& emit) {
        for (int i = 0; i < n; ++i) {
          if (i == fail_producer_at) throw std::runtime_error("producer failed at " + std::to_string(i));
          emit(int(i));
        }
      },
      [&](int& v) { seen.push_back(v); });
  return seen;
}

}  // namespace

TEST_CASE("pipeline: the consumer sees every item in order, threaded or not") {
  for (bool threaded : {false, true})
    for (std::size_t capacity : {std::size_t(1), std::size_t(3), std::size_t(64)}) {
      std::vector<int> seen = run(threaded, capacity, 5000);
      REQUIRE(seen.size() == 5000);
      for (int i = 0; i < 5000; ++i) REQUIRE(seen[static_cast<std::size_t>(i)] == i);
    }
  CHECK(run(true, 4, 0).empty());
}

TEST_CASE("pipeline: a producer's error comes after every item it emitted before it") {
  for (bool threaded : {false, true}) {
    std::vector<int> seen;
    std::string what;
    try {
      pipeline<int>(
          threaded, 2,
          [&](auto&& emit) {
            for (int i = 0; i < 10; ++i) emit(int(i));
            throw UsageError("unknown revision");
          },
          [&](int& v) { seen.push_back(v); });
    } catch (const UsageError& e) {
      what = e.what();
    }
    CHECK(what == "unknown revision");
    CHECK(seen.size() == 10);
  }
}

TEST_CASE("pipeline: a consumer's error stops the producer and is rethrown") {
  std::atomic<int> emitted{0};
  bool caught = false;
  try {
    pipeline<int>(
        true, 4,
        [&](auto&& emit) {
          for (int i = 0; i < 1000000; ++i) {
            emit(int(i));
            ++emitted;
          }
        },
        [&](int& v) {
          if (v == 50) throw std::runtime_error("write failed");
        });
  } catch (const std::runtime_error& e) {
    caught = std::string(e.what()) == "write failed";
  }
  CHECK(caught);
  CHECK(emitted.load() < 1000);  // stopped near the failure, not run to the end
}

TEST_CASE("thread_count: git's convention for a threads setting") {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(thread_count(std::nullopt) == cores);
  CHECK(thread_count(std::string("0")) == cores);
  CHECK(thread_count(std::string("1")) == 1);
  CHECK(thread_count(std::string("3")) == 3);
  CHECK_THROWS_AS(thread_count(std::string("two")), UsageError);
  CHECK_THROWS_AS(thread_count(std::string("-1")), UsageError);
  CHECK_THROWS_AS(thread_count(std::string("")), UsageError);
  CHECK_THROWS_AS(thread_count(std::string("2 ")), UsageError);
}

}  // namespace laneguard
