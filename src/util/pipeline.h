// Two stages of one run on two threads: a producer that reads (git, the object database) and a
// consumer that judges and writes, with a bounded queue of items between them. A walk over a long
// history spends about half its time reading commits and trees and half judging them and writing
// the report; with a second core the two halves overlap.
//
// The consumer sees exactly the items the producer emits, in order, and nothing else: the answer
// is the serial one. An exception ends both stages: the producer's is rethrown by pipeline() once
// every item emitted before it is consumed (the report up to the failing commit is the same as
// when run serially), the consumer's at once (the producer is stopped at its next emit).
// Not threaded (threaded = false, or one core), produce() calls consume() from emit itself.
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace laneguard {

// How many threads a run may use: git config `laneguard.threads` as `threads_setting` (nullopt:
// not set), like git's pack.threads: 0 or unset means one per core, 1 no second thread.
// A value that is not a whole number >= 0: UsageError naming the setting.
unsigned thread_count(const std::optional<std::string>& threads_setting);

namespace pipeline_detail {

struct Stopped {};  // thrown through the producer when the consumer has failed

// The consumer is woken once a batch of items is queued (a quarter of the capacity, at most 16),
// or when the producer is done, not for each item: a consumer faster than its producer would
// otherwise sleep and wake once per item (measured: thread wake-ups were 3-4% of check's CPU).
template <class T>
class Queue {
 public:
  explicit Queue(std::size_t capacity)
      : capacity_(capacity ? capacity : 1), batch_(std::max<std::size_t>(1, std::min<std::size_t>(16, capacity_ / 4))) {}
  void push(T item) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || items_.size() < capacity_; });
    if (stopped_) throw Stopped{};
    items_.push_back(std::move(item));
    if (items_.size() == batch_) ready_.notify_one();
  }
  // Everything queued (waiting for a batch), what is left when the producer is done, or nothing
  // once it is done and all is taken.
  std::deque<T> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || items_.size() >= batch_; });
    std::deque<T> out;
    bool was_full = items_.size() >= capacity_;
    out.swap(items_);
    if (was_full) room_.notify_one();
    return out;
  }
  void close(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    error_ = std::move(error);
    ready_.notify_one();
  }
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<T> items_;
  std::size_t capacity_;
  std::size_t batch_;  // items queued before the consumer is woken
  bool closed_ = false, stopped_ = false;
  std::exception_ptr error_;
};

}  // namespace pipeline_detail

// produce(emit) calls emit(T&&) for each item; consume(T&) is called for each, in order.
template <class T, class Produce, class Consume>
void pipeline(bool threaded, std::size_t capacity, Produce&& produce, Consume&& consume) {
  if (!threaded) {
    produce([&](T&& item) { consume(item); });
    return;
  }
  pipeline_detail::Queue<T> queue(capacity);
  std::thread producer([&] {
    std::exception_ptr error;
    try {
      produce([&](T&& item) { queue.push(std::move(item)); });
    } catch (const pipeline_detail::Stopped&) {
    } catch (...) {
      error = std::current_exception();
    }
    queue.close(error);
  });
  try {
    for (;;) {
      std::deque<T> items = queue.take();
      if (items.empty()) break;
      for (T& item : items) consume(item);
    }
  } catch (...) {
    queue.stop();
    producer.join();
    throw;
  }
  producer.join();
  if (std::exception_ptr error = queue.error()) std::rethrow_exception(error);
}

}  // namespace laneguard
