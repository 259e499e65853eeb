// The introducer store at scale: builds an old-style text store of N records (default ten
// million), imports it into the SQLite database once, then times lookups the way the pre-receive
// hook makes them, against reading the whole text file (what every push cost before the database).
// Build and run: bench/introducer-store.sh [RECORDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "server/append_file.h"
#include "server/database.h"
#include "server/introducer_store.h"

using namespace laneguard::server;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A deterministic pseudo-random 40-hex commit id for record i (splitmix64).
static std::string commit_id(std::uint64_t i, std::uint64_t salt = 0) {
  std::string out;
  std::uint64_t x = i * 0x9E3779B97F4A7C15ull + salt;
  char buf[17];
  while (out.size() < 40) {
    x += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(z));
    out += buf;
  }
  return out.substr(0, 40);
}

static void report(const char* what, std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))]; };
  std::printf("  %-44s median %7.1f us  p99 %7.1f us  max %8.1f us  (%zu lookups)\n", what, at(0.5), at(0.99),
              us.back(), us.size());
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIR RECORDS\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const std::uint64_t n = std::strtoull(argv[2], nullptr, 10);
  const std::string legacy = dir + "/introducers", db_path = dir + "/laneguard.db";

  auto t = Clock::now();
  {
    std::FILE* f = std::fopen(legacy.c_str(), "w");
    for (std::uint64_t i = 0; i < n; ++i)
      std::fprintf(f, "%s user%llu %llu\n", commit_id(i).c_str(), static_cast<unsigned long long>(i % 1000),
                   static_cast<unsigned long long>(1600000000 + i));
    std::fclose(f);
  }
  std::printf("records: %llu (old text store %.0f MB, written in %.1f s)\n", static_cast<unsigned long long>(n),
              std::filesystem::file_size(legacy) / 1e6, ms_since(t) / 1e3);

  t = Clock::now();
  IntroducerStore(db_path, legacy).lookup({commit_id(0)});
  double import_s = ms_since(t) / 1e3;
  std::printf("one-time import: %.1f s (%.2f s per million records); database %.0f MB\n", import_s,
              import_s * 1e6 / static_cast<double>(n), std::filesystem::file_size(db_path) / 1e6);

  const int kLookups = 20000;
  std::vector<double> hit, miss, open_first;
  {
    IntroducerStore store(db_path, legacy);
    for (int i = 0; i < kLookups; ++i) {
      std::string id = commit_id((static_cast<std::uint64_t>(i) * 7919 * 104729) % n);
      auto s = Clock::now();
      auto found = store.lookup({id});
      hit.push_back(ms_since(s) * 1e3);
      if (found.size() != 1) { std::fprintf(stderr, "record %d missing\n", i); return 1; }
    }
    for (int i = 0; i < kLookups; ++i) {
      std::string id = commit_id(static_cast<std::uint64_t>(i), 12345);
      auto s = Clock::now();
      auto found = store.lookup({id});
      miss.push_back(ms_since(s) * 1e3);
      if (!found.empty()) { std::fprintf(stderr, "unexpected record\n"); return 1; }
    }
  }
  for (int i = 0; i < 200; ++i) {  // what a hook process pays: open, schema and import check, one lookup
    auto s = Clock::now();
    IntroducerStore store(db_path, legacy);
    store.lookup({commit_id(static_cast<std::uint64_t>(i) * 48271 % n)});
    open_first.push_back(ms_since(s) * 1e3);
  }
  std::printf("lookups at %llu records:\n", static_cast<unsigned long long>(n));
  report("one commit, recorded", hit);
  report("one commit, not recorded", miss);
  report("open the database + first lookup (a hook)", open_first);

  std::unordered_set<std::string> push;
  for (std::uint64_t i = 0; i < 5000; ++i) push.insert(commit_id((i * 2654435761u) % n));
  t = Clock::now();
  auto found = IntroducerStore(db_path, legacy).lookup(push);
  double push_ms = ms_since(t);
  std::printf("  a 5,000-commit push's lookup: %.1f ms (%zu found)\n", push_ms, found.size());

  t = Clock::now();
  std::vector<std::string> fresh;
  for (int i = 0; i < 100; ++i) fresh.push_back(commit_id(static_cast<std::uint64_t>(i), 777));
  IntroducerStore(db_path, legacy).record(fresh, "bench");
  std::printf("  recording a 100-commit push (one durable transaction): %.1f ms\n", ms_since(t));

  t = Clock::now();
  std::string text = read_locked(legacy);
  double scan_ms = ms_since(t);
  std::printf("before the database, every push read the whole text store: %.0f ms here (%.0fx a hook's open + lookup)\n",
              scan_ms, scan_ms / (open_first[open_first.size() / 2] / 1e3));
  return 0;
}
