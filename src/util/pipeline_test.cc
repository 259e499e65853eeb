#include "util/pipeline.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
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

TEST_CASE("pipeline: a weight bound keeps heavy items from piling up, in order and without stalling") {
  // Items of weight 10 (and some of 70, over the budget alone) before a slow consumer: unbounded,
  // the producer would queue them all at once (capacity 512); bounded by 30, what is emitted and
  // not yet consumed stays within the queue's budget plus the batch the consumer holds.
  for (int heavy_every : {0, 3}) {
    CAPTURE(heavy_every);
    auto weight_of = [&](int v) { return heavy_every && v % heavy_every == 0 ? std::size_t(70) : std::size_t(10); };
    std::atomic<std::size_t> in_flight{0}, most{0};
    std::vector<int> seen;
    pipeline<int>(
        true, 512,
        [&](auto&& emit) {
          for (int i = 0; i < 60; ++i) {
            std::size_t now = in_flight += weight_of(i);
            for (std::size_t m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
            }
            emit(int(i));
          }
        },
        [&](int& v) {
          std::this_thread::sleep_for(std::chrono::microseconds(500));
          seen.push_back(v);
          in_flight -= weight_of(v);
        },
        bound_by([&](const int& v) { return weight_of(v); }, 30));
    REQUIRE(seen.size() == 60);
    for (int i = 0; i < 60; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
    // queued (30, or one heavier item) + the consumer's batch (as much) + the one being emitted
    CHECK(most.load() <= 70 + 70 + 70);
  }
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
