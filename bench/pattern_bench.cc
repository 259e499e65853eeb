// Throughput of PathPattern::matches on a synthetic tree: 50,000 paths x the default
// agreement's area and lane patterns plus common shapes. Build and run: bench/pattern_bench.sh
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "agreement/pattern.h"

// CPU time of this process: steadier than wall time on a shared machine.
static double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main() {
  using laneguard::PathPattern;
  const char* patterns[] = {"prototypes/**", "tools/internal/**", "analysis/**", "**", "**/auth/**",
                            "**/login*", "**/session*", "**/payment*/**", "**/billing/**", "**/*.sql",
                            "db/**", "**/schema.*", "**/models/**", "AGENTS.md", ".cursor/rules/**",
                            ".github/copilot-instructions.md", "docs/definition-of-done*", "*.md",
                            "src/auth/", "/Makefile", "src/**/test_*.py", "src/*/api/**", "**/migrations/**",
                            "vendor/", "build", "**/*.min.js", "src/[a-m]*/**", "docs/**/*.md", "?akefile",
                            "services/*/src/**"};
  const char* dirs[] = {"src", "services", "docs", "tools", "lib", "web", "api", "auth", "models", "billing",
                        "components", "internal", "utils", "v2", "tests"};
  const char* files[] = {"index.ts", "main.go", "README.md", "session_store.py", "login.tsx", "schema.sql",
                         "app.min.js", "util.cc", "test_api.py", "Makefile"};
  std::vector<std::string> paths;
  unsigned long long s = 88172645463325252ULL;
  auto next = [&](unsigned n) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return unsigned(s % n); };
  while (paths.size() < 50000) {
    std::string p;
    for (unsigned d = 0, depth = 1 + next(7); d < depth; ++d) p += std::string(dirs[next(15)]) + "/";
    paths.push_back(p + files[next(10)]);
  }
  for (bool cs : {true, false}) {
    std::vector<PathPattern> compiled;
    for (const char* p : patterns) compiled.push_back(PathPattern::compile(p, cs));
    double t0 = cpu_ms();
    size_t hits = 0;
    for (const auto& path : paths)
      for (const auto& pattern : compiled) hits += pattern.matches(path);
    double ms = cpu_ms() - t0;
    std::printf("case_sensitive=%d: %zu paths x %zu patterns = %zu matches in %.1f ms CPU (%.1f ns/match), %zu hits\n",
                cs, paths.size(), compiled.size(), paths.size() * compiled.size(), ms,
                ms * 1e6 / double(paths.size() * compiled.size()), hits);
  }
}
