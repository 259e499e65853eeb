#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "server/budget.h"

using namespace laneguard::server;

TEST_CASE("laneguard.timeout values") {
  CHECK(parse_timeout("4.5") == std::optional<double>(4.5));
  CHECK(parse_timeout("10") == std::optional<double>(10));
  CHECK(parse_timeout("2s") == std::optional<double>(2));
  CHECK(parse_timeout("0") == std::optional<double>(0));
  CHECK_FALSE(parse_timeout("soon").has_value());
  CHECK_FALSE(parse_timeout("-1").has_value());
  CHECK_FALSE(parse_timeout("").has_value());
}

TEST_CASE("an exhausted budget stops work with a reason naming the step") {
  Budget spent(0);
  CHECK(spent.expired());
  CHECK_THROWS_WITH_AS(spent.check("reading the pushed commits"),
                       doctest::Contains("reading the pushed commits"), BudgetExceeded);
  Budget ample(3600);
  CHECK_NOTHROW(ample.check("anything"));
  CHECK(ample.remaining().count() > 0);
}

TEST_CASE("the watchdog answers for a step that does not return, and is silent once disarmed") {
  std::mutex m;
  std::condition_variable cv;
  bool fired = false;
  {
    Watchdog dog(Budget::Clock::now(), std::chrono::milliseconds(0), [&] {
      std::lock_guard<std::mutex> lock(m);
      fired = true;
      cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return fired; });  // no time limit: it must fire
  }
  CHECK(fired);
  std::atomic<bool> late{false};
  { Watchdog dog(Budget::Clock::now() + std::chrono::hours(1), std::chrono::milliseconds(0), [&] { late = true; }); }
  CHECK_FALSE(late.load());
}
