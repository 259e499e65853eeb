#include "install/pre_commit_framework.h"

#include <cstdio>
#include <regex>

namespace laneguard::install {

bool pre_commit_config_has_laneguard(std::string_view config) {
  static const std::regex id(R"(\bid\s*:\s*["']?laneguard(-commit-msg|-pre-push)?["']?\s*($|[,}#\s]))");
  return std::regex_search(std::string(config), id);
}

std::string pre_commit_version() {
  FILE* p = ::popen("pre-commit --version 2>/dev/null", "r");
  if (!p) return "";
  char buf[256];
  std::string out;
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  ::pclose(p);
  std::smatch m;
  static const std::regex version(R"((\d+)\.(\d+)(\.\d+)?)");
  return std::regex_search(out, m, version) ? m.str(0) : "";
}

namespace {

// Before 3.2 the framework names the stages commit and push; 3.2 on, after the hooks (4.x warns on the old names).
bool old_stage_names(const std::string& version) {
  int major = 0, minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return false;
  return major < 3 || (major == 3 && minor < 2);
}

}  // namespace

std::string pre_commit_local_entry(const std::string& version) {
  bool old = old_stage_names(version);
  std::string commit = old ? "commit" : "pre-commit", push = old ? "push" : "pre-push";
  std::string note = version.empty() ? "  # stage names of pre-commit 3.2 on; before 3.2: [commit] and [push]\n"
                                     : "  # stage names as pre-commit " + version + " knows them\n";
  return note +
         "  - repo: local\n"
         "    hooks:\n"
         "      - id: laneguard\n"
         "        name: laneguard (what the staged change will need)\n"
         "        entry: laneguard pre-commit\n"
         "        language: system\n"
         "        pass_filenames: false\n"
         "        always_run: true\n"
         "        verbose: true\n"
         "        stages: [" + commit + "]\n"
         "      - id: laneguard-commit-msg\n"
         "        name: laneguard (AI help labelled)\n"
         "        entry: laneguard commit-msg\n"
         "        language: system\n"
         "        always_run: true\n"
         "        stages: [commit-msg]\n"
         "      - id: laneguard-pre-push\n"
         "        name: laneguard (the server's verdict)\n"
         "        entry: laneguard pre-push\n"
         "        language: system\n"
         "        pass_filenames: false\n"
         "        always_run: true\n"
         "        stages: [" + push + "]\n";
}

}  // namespace laneguard::install
