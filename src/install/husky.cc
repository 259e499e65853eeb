#include "install/husky.h"

#include <filesystem>

#include "install/file_text.h"
#include "install/marked_block.h"

namespace fs = std::filesystem;

namespace laneguard::install {

std::string husky_lines(const HookKind& kind) {
  const std::string& n = kind.name;
  std::string args = n == "commit-msg" ? " \"$1\"" : n == "pre-push" ? " \"$@\"" : "";
  std::string s =
      "laneguard_bin=${LANEGUARD_BIN:-$(git config laneguard.binary || echo laneguard)}\n"
      "if command -v \"$laneguard_bin\" >/dev/null 2>&1; then\n";
  if (kind.reads_stdin) {
    s += "  laneguard_input=$(mktemp \"${TMPDIR:-/tmp}/laneguard-" + n + ".XXXXXX\") || exit 1\n"
         "  cat >\"$laneguard_input\"\n"
         "  laneguard_status=0\n"
         "  \"$laneguard_bin\" " + n + args + " <\"$laneguard_input\" || laneguard_status=$?\n"
         "  exec <\"$laneguard_input\"  # the rest of this script reads the same input\n"
         "  rm -f \"$laneguard_input\"\n"
         "  [ \"$laneguard_status\" -eq 0 ] || exit \"$laneguard_status\"\n";
  } else {
    s += "  \"$laneguard_bin\" " + n + args + " || exit $?\n";
  }
  s += "else\n"
       "  echo \"laneguard " + n + ": $laneguard_bin not found; skipping (the server will still judge the change)\" >&2\n"
       "fi\n";
  return s;
}

namespace {

// Where a new block goes: past a `#!` line and husky 4-8's `. "$(dirname -- "$0")/_/husky.sh"`.
std::size_t insertion_point(std::string_view script) {
  std::size_t at = 0;
  for (bool first = true; at < script.size(); first = false) {
    std::size_t nl = script.find('\n', at);
    std::size_t next = nl == std::string_view::npos ? script.size() : nl + 1;
    std::string_view line = script.substr(at, next - at);
    bool shebang = first && line.substr(0, 2) == "#!";
    bool husky_sh = line.find("husky.sh") != std::string_view::npos && line.find_first_not_of(" \t") != std::string_view::npos &&
                    line[line.find_first_not_of(" \t")] == '.';
    if (!shebang && !husky_sh) break;
    at = next;
  }
  return at;
}

}  // namespace

std::string with_husky_block(std::string_view script, const HookKind& kind, std::string_view file) {
  std::string block = make_block(kind.name, husky_lines(kind));
  std::string text(script);
  BlockSpan span = find_block(text, kind.name, file);
  if (span.found()) return text.replace(span.begin, span.end - span.begin, block);
  std::size_t at = insertion_point(text);
  if (at == text.size() && !text.empty() && text.back() != '\n') text += '\n', at = text.size();
  return text.insert(at, block);
}

std::vector<InstallStep> install_husky(const std::string& husky_dir, const std::vector<HookKind>& kinds) {
  std::vector<InstallStep> steps;
  fs::create_directories(husky_dir);
  for (const HookKind& kind : kinds) {
    fs::path script = fs::path(husky_dir) / kind.name;
    InstallStep step{script.string(), ""};
    bool exists = fs::exists(script);
    std::string current = exists ? read_text(script) : "#!/bin/sh\n";
    bool had_block = exists && find_block(current, kind.name, script.string()).found();
    std::string updated = with_husky_block(current, kind, script.string());
    if (exists && updated == current) {
      step.what = "unchanged";
    } else {
      write_text(script, updated, /*executable=*/true);
      step.what = !exists ? "created, with laneguard's block" : had_block ? "laneguard's block updated"
                                                                          : "laneguard's block added first";
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<InstallStep> uninstall_husky(const std::string& husky_dir, const std::vector<HookKind>& kinds) {
  std::vector<InstallStep> steps;
  for (const HookKind& kind : kinds) {
    fs::path script = fs::path(husky_dir) / kind.name;
    InstallStep step{script.string(), "no laneguard block"};
    if (fs::is_regular_file(script)) {
      std::string current = read_text(script);
      std::string stripped = remove_block(current, kind.name, script.string());
      if (stripped != current && empty_of_content(stripped)) {
        fs::remove(script);
        step.what = "removed (laneguard's block was all it held)";
      } else if (stripped != current) {
        write_text(script, stripped, false);
        step.what = "laneguard's block removed";
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace laneguard::install
