#include "git/read_commits.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace laneguard::git {
namespace {

// A thread is worth its own handle (its pack indexes, its caches) for this many commits at least.
constexpr std::size_t kPerThread = 64;

}  // namespace

std::vector<CommitFacts> read_commits(const Repository& repo, const std::vector<std::string>& ids, unsigned threads,
                                      const std::function<void()>& between) {
  std::vector<CommitFacts> facts(ids.size());
  std::size_t wanted = std::min<std::size_t>(threads ? threads : 1, (ids.size() + kPerThread - 1) / kPerThread);
  if (wanted <= 1) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (between) between();
      facts[i] = repo.commit_facts(ids[i]);
    }
    return facts;
  }
  std::mutex mutex;
  std::size_t failed_at = ids.size();  // the first failing index so far (guarded by mutex)
  std::exception_ptr error;
  // Each thread reads one stretch of neighbours (they share most trees, and a handle's cache
  // keeps them): thread k the k-th of `wanted` equal stretches.
  auto work = [&](const Repository& handle, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      {
        std::lock_guard lock(mutex);
        if (i >= failed_at) return;  // a commit before it failed: that error is the answer
      }
      try {
        if (between) between();
        facts[i] = handle.commit_facts(ids[i]);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (i < failed_at) {
          failed_at = i;
          error = std::current_exception();
        }
        return;
      }
    }
  };
  auto stretch = [&](std::size_t k) { return ids.size() * k / wanted; };
  std::vector<std::optional<Repository>> handles(wanted - 1);
  std::vector<std::thread> others;
  std::size_t k = 1;
  for (; k < wanted; ++k) {
    try {
      handles[k - 1].emplace(repo.reopen());
    } catch (...) {
      break;  // fewer threads: this one reads what the others would have
    }
    others.emplace_back(work, std::cref(*handles[k - 1]), stretch(k), k + 1 == wanted ? ids.size() : stretch(k + 1));
  }
  work(repo, 0, stretch(1));
  if (k < wanted) work(repo, stretch(k), ids.size());
  for (std::thread& t : others) t.join();
  if (error) std::rethrow_exception(error);
  return facts;
}

}  // namespace laneguard::git
