#include "server/budget.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace laneguard::server {

std::optional<double> parse_timeout(const std::string& text) {
  const char* s = text.c_str();
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (end == s) return std::nullopt;
  while (*end == ' ') ++end;
  if (*end == 's') ++end;
  if (*end != '\0' || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

Budget::Budget(double seconds, Clock::time_point start)
    : seconds_(seconds),
      deadline_(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds))) {}

std::chrono::milliseconds Budget::remaining() const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

void Budget::check(const char* what) const {
  if (!expired()) return;
  std::ostringstream msg;
  msg << "the push is too large to judge within the " << seconds_ << " s time budget (stopped while " << what
      << "); raise git config laneguard.timeout on the server or push in smaller steps";
  throw BudgetExceeded(msg.str());
}

Watchdog::Watchdog(Budget::Clock::time_point deadline, std::chrono::milliseconds grace,
                   std::function<void()> on_expiry) {
  thread_ = std::thread([this, until = deadline + grace, on_expiry = std::move(on_expiry)] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (cv_.wait_until(lock, until, [this] { return disarmed_; })) return;
    on_expiry();
  });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    disarmed_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace laneguard::server
