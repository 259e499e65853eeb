// The time budget of a server hook (git config `laneguard.timeout`, seconds, default 4.5; GitHub
// Enterprise Server kills hooks after 5 s). Work checks the budget between steps and stops with
// BudgetExceeded; a watchdog answers for the hook if a single step hangs past the deadline.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "util/error.h"

namespace laneguard::server {

inline constexpr double kDefaultTimeoutSeconds = 4.5;

// Parses a `laneguard.timeout` value ("4.5", "10", "0"); nullopt when it is not a number >= 0.
std::optional<double> parse_timeout(const std::string& text);

struct BudgetExceeded : Error {
  explicit BudgetExceeded(const std::string& message) : Error(message, kExitBlocked) {}
};

class Budget {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Budget(double seconds, Clock::time_point start = Clock::now());

  double seconds() const { return seconds_; }
  bool expired() const { return Clock::now() >= deadline_; }
  Clock::time_point deadline() const { return deadline_; }
  std::chrono::milliseconds remaining() const;
  // Throws BudgetExceeded ("the push is too large to judge within the 4.5 s budget (WHAT)").
  void check(const char* what) const;

 private:
  double seconds_;
  Clock::time_point deadline_;
};

// Calls `on_expiry` from another thread if it is still armed `grace` after the deadline, for a
// step that does not return (a hung subprocess, a huge object). on_expiry must end the process.
class Watchdog {
 public:
  Watchdog(Budget::Clock::time_point deadline, std::chrono::milliseconds grace, std::function<void()> on_expiry);
  ~Watchdog();  // disarms
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool disarmed_ = false;
  std::thread thread_;
};

}  // namespace laneguard::server
