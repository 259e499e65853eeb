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
//
// The queue holds at most `capacity` items, and, with a weight (Bound), items whose weights add up
// to at most `budget` (one item heavier than that still passes, alone): many small items let the
// producer run ahead of a consumer that is briefly slower, a few heavy ones (a commit of 50,000
// paths) do not pile up in memory.
#pragma once
#include <algorithm>
#include <cstdint>
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
  Queue(std::size_t capacity, std::size_t budget)
      : capacity_(capacity ? capacity : 1),
        batch_(std::max<std::size_t>(1, std::min<std::size_t>(16, capacity_ / 4))),
        budget_(budget) {}
  void push(T item, std::size_t weight = 0) {
    std::unique_lock lock(mutex_);
    auto room = [&] { return stopped_ || (items_.size() < capacity_ && (items_.empty() || weight_ + weight <= budget_)); };
    if (!room()) {
      waiting_ = true;  // what is queued is all the consumer gets until it takes it
      ready_.notify_one();
      room_.wait(lock, room);
      waiting_ = false;
    }
    if (stopped_) throw Stopped{};
    items_.push_back(std::move(item));
    weight_ += weight;
    // Wake the consumer for a batch, and for what the producer cannot add to.
    if (items_.size() == batch_ || (weight_ >= budget_ / 2 && items_.size() < batch_)) ready_.notify_one();
  }
  // Everything queued (waiting for a batch, half the budget, or a producer that cannot add), what
  // is left when the producer is done, or nothing once it is done and all is taken.
  std::deque<T> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] {
      return closed_ || items_.size() >= batch_ || (!items_.empty() && (waiting_ || weight_ >= budget_ / 2));
    });
    std::deque<T> out;
    out.swap(items_);
    weight_ = 0;
    room_.notify_one();
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
  std::size_t budget_;  // of the items' weights
  std::size_t weight_ = 0;  // of the items queued
  bool waiting_ = false;    // the producer waits for room
  bool closed_ = false, stopped_ = false;
  std::exception_ptr error_;
};

}  // namespace pipeline_detail

// A bound on the queue by weight: weigh(const T&) -> std::size_t, at most `budget` in all.
template <class Weigh>
struct Bound {
  Weigh weigh;
  std::size_t budget;
};
template <class Weigh>
Bound<Weigh> bound_by(Weigh weigh, std::size_t budget) {
  return Bound<Weigh>{std::move(weigh), budget};
}
struct Unweighed {
  template <class T>
  std::size_t operator()(const T&) const { return 0; }
};

// produce(emit) calls emit(T&&) for each item; consume(T&) is called for each, in order.
template <class T, class Produce, class Consume, class Weigh = Unweighed>
void pipeline(bool threaded, std::size_t capacity, Produce&& produce, Consume&& consume,
              Bound<Weigh> bound = {Unweighed{}, 0}) {
  if (!threaded) {
    produce([&](T&& item) { consume(item); });
    return;
  }
  pipeline_detail::Queue<T> queue(capacity, bound.budget ? bound.budget : SIZE_MAX);
  std::thread producer([&] {
    std::exception_ptr error;
    try {
      produce([&](T&& item) {
        std::size_t weight = bound.weigh(item);
        queue.push(std::move(item), weight);
      });
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
