#include "install/lefthook.h"

#include <unistd.h>

#include <filesystem>

#include "install/file_text.h"
#include "install/marked_block.h"
#include "install/run_program.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace laneguard::install {

std::string lefthook_command(const HookKind& kind) {
  const std::string& n = kind.name;
  std::string args = n == "commit-msg" ? " {1}" : n == "pre-push" ? " {1} {2}" : "";
  std::string s =
      "laneguard:\n"
      "  run: |\n"
      "    laneguard_bin=${LANEGUARD_BIN:-$(git config laneguard.binary || echo laneguard)}\n"
      "    if command -v \"$laneguard_bin\" >/dev/null 2>&1; then exec \"$laneguard_bin\" " + n + args + "; fi\n"
      "    echo \"laneguard " + n + ": $laneguard_bin not found; skipping (the server will still judge the change)\" >&2\n";
  if (kind.reads_stdin) s += "  use_stdin: true\n";
  return s;
}

namespace {

struct Line {
  std::size_t begin, end;  // offsets in the text; end is past the '\n'
  std::size_t indent;      // leading spaces
  std::string_view text;   // without indentation and line end
  bool blank_or_comment() const { return text.empty() || text.front() == '#'; }
};

std::vector<Line> lines_of(std::string_view yaml) {
  std::vector<Line> out;
  for (std::size_t at = 0; at < yaml.size();) {
    std::size_t nl = yaml.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? yaml.size() : nl + 1;
    std::string_view raw = yaml.substr(at, end - at);
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    std::size_t indent = raw.find_first_not_of(' ');
    if (indent == std::string_view::npos) indent = raw.size();
    out.push_back({at, end, indent, raw.substr(indent)});
    at = end;
  }
  return out;
}

// For `KEY:` (bare or quoted) at the start of `text`: what follows the colon, trimmed; npos-free
// optional via `matched`.
bool key_line(std::string_view text, std::string_view key, std::string_view* rest) {
  for (std::string quote : {"", "\"", "'"}) {
    std::string head = quote + std::string(key) + quote + ":";
    if (text.substr(0, head.size()) != head) continue;
    std::string_view r = text.substr(head.size());
    if (!r.empty() && r.front() != ' ' && r.front() != '\t') continue;
    std::size_t start = r.find_first_not_of(" \t");
    *rest = start == std::string_view::npos ? std::string_view() : r.substr(start);
    return true;
  }
  return false;
}

bool nothing_after(std::string_view rest) { return rest.empty() || rest.front() == '#'; }

std::string indented(std::string_view body, std::size_t by) {
  std::string pad(by, ' '), out;
  for (std::size_t at = 0; at < body.size();) {
    std::size_t nl = body.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? body.size() : nl + 1;
    std::string_view line = body.substr(at, end - at);
    out += (line == "\n" ? "" : pad) + std::string(line);
    at = end;
  }
  return out;
}

[[noreturn]] void cannot_edit(std::string_view file, std::size_t line, const HookKind& kind, const std::string& why) {
  throw UsageError(std::string(file) + ":" + std::to_string(line) + ": cannot add laneguard's " + kind.name +
                   " command: " + why + ". Nothing was written. Add it yourself under " + kind.name +
                   ": commands: (or run laneguard install --manager=none to install plain git hooks, which the next "
                   "`lefthook install` replaces):\n" +
                   kind.name + ":\n  commands:\n" + indented(lefthook_command(kind), 4));
}

std::string with_command(std::string text, const HookKind& kind, std::string_view file) {
  const std::string& hook = kind.name;
  std::vector<Line> lines = lines_of(text);
  std::size_t key = lines.size();
  std::string_view rest;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].indent == 0 && key_line(lines[i].text, hook, &rest)) {
      key = i;
      break;
    }
  if (key == lines.size()) {  // a new top-level key for the hook
    if (!text.empty() && text.back() != '\n') text += '\n';
    return text + make_block(hook, hook + ":\n  commands:\n" + indented(lefthook_command(kind), 4));
  }
  if (!nothing_after(rest))
    cannot_edit(file, key + 1, kind, "its `" + hook + ":` key carries `" + std::string(rest) +
                                         "` on the same line (a flow mapping, an anchor or an alias)");
  std::size_t body_end = key + 1;
  while (body_end < lines.size() && (lines[body_end].indent > 0 || lines[body_end].text.empty())) ++body_end;
  std::size_t child = 0;
  for (std::size_t i = key + 1; i < body_end && !child; ++i)
    if (!lines[i].blank_or_comment()) child = lines[i].indent;
  if (!child) child = 2;
  for (std::size_t i = key + 1; i < body_end; ++i) {
    if (lines[i].indent != child || !key_line(lines[i].text, "commands", &rest)) continue;
    if (!nothing_after(rest))
      cannot_edit(file, i + 1, kind, "its `commands:` carries `" + std::string(rest) + "` on the same line");
    std::size_t grandchild = 0;
    for (std::size_t j = i + 1; j < body_end && !grandchild; ++j)
      if (!lines[j].blank_or_comment()) grandchild = lines[j].indent > child ? lines[j].indent : child + 2;
    if (!grandchild) grandchild = child + 2;
    return text.insert(lines[i].end, make_block(hook, lefthook_command(kind), grandchild));
  }
  return text.insert(lines[key].end, make_block(hook, "commands:\n" + indented(lefthook_command(kind), 2), child));
}

}  // namespace

std::string with_lefthook_commands(std::string_view yaml, const std::vector<HookKind>& kinds, std::string_view file) {
  std::string text = without_lefthook_commands(yaml, kinds, file);
  if (!text.empty() && text.back() != '\n') text += '\n';
  for (const HookKind& kind : kinds) text = with_command(std::move(text), kind, file);
  return text;  // the same as `yaml` when the blocks were there already: the same edit gives the same text
}

std::string without_lefthook_commands(std::string_view yaml, const std::vector<HookKind>& kinds, std::string_view file) {
  std::string text(yaml);
  for (const HookKind& kind : kinds) text = remove_block(text, kind.name, file);
  return text;
}

std::string lefthook_local_config(const std::string& top, const std::vector<HookKind>& kinds) {
  bool dotted = false;
  for (std::string dot : {"", "."}) {
    for (std::string ext : {"yml", "yaml"}) {
      fs::path p = fs::path(top) / (dot + "lefthook-local." + ext);
      if (fs::exists(p)) return p.string();
      dotted |= dot == "." && fs::exists(fs::path(top) / (".lefthook." + ext));
    }
    for (std::string ext : {"toml", "json", "jsonc"}) {
      fs::path p = fs::path(top) / (dot + "lefthook-local." + ext);
      if (!fs::exists(p)) continue;
      std::string lines;
      for (const HookKind& kind : kinds) lines += kind.name + ":\n  commands:\n" + indented(lefthook_command(kind), 4);
      throw UsageError(p.string() + ": laneguard writes lefthook's local config as YAML and this one is " + ext +
                       ". Nothing was written. Add the same commands to it yourself (here in YAML):\n" + lines);
    }
    for (std::string ext : {"toml", "json", "jsonc"}) dotted |= dot == "." && fs::exists(fs::path(top) / (".lefthook." + ext));
  }
  return (fs::path(top) / (dotted ? ".lefthook-local.yml" : "lefthook-local.yml")).string();
}

namespace {

// lefthook as the repository has it (node_modules/.bin/lefthook), else on PATH; empty when neither.
std::string find_lefthook(const std::string& top) {
  std::string local = top + "/node_modules/.bin/lefthook";
  if (::access(local.c_str(), X_OK) == 0) return local;
  return find_on_path("lefthook");
}

void run_lefthook_install(const std::string& top, LefthookResult& result, const std::string& why) {
  std::string lefthook = find_lefthook(top);
  if (lefthook.empty()) {
    result.notes.push_back("lefthook is not installed here (no node_modules/.bin/lefthook, none on PATH): run "
                           "`lefthook install` (or `npx lefthook install`) in " + top + " " + why);
    return;
  }
  int rc = run_program({lefthook, "install"}, top);
  if (rc != 0)
    throw GitError(lefthook + " install failed (exit " + std::to_string(rc) + "); run it yourself in " + top + " " + why);
  result.notes.push_back("ran " + lefthook + " install " + why);
}

}  // namespace

LefthookResult install_lefthook(const std::string& top, const std::vector<HookKind>& kinds) {
  LefthookResult result;
  std::string file = lefthook_local_config(top, kinds);
  bool exists = fs::exists(file);
  std::string current = exists ? read_text(file) : "";
  std::string updated = with_lefthook_commands(current, kinds, file);
  if (exists && updated == current) {
    result.steps.push_back({file, "unchanged"});
  } else {
    write_text(file, updated, false);
    result.steps.push_back({file, exists ? "laneguard's commands written into it" : "created, with laneguard's commands"});
  }
  run_lefthook_install(top, result, "(lefthook writes the hooks that run laneguard's commands)");
  return result;
}

LefthookResult uninstall_lefthook(const std::string& top, const std::vector<HookKind>& kinds) {
  LefthookResult result;
  std::string file = lefthook_local_config(top, kinds);
  if (!fs::exists(file)) {
    result.steps.push_back({file, "not there"});
    return result;
  }
  std::string current = read_text(file);
  std::string stripped = without_lefthook_commands(current, kinds, file);
  if (stripped == current) {
    result.steps.push_back({file, "no laneguard commands"});
    return result;
  }
  if (empty_of_content(stripped)) {
    fs::remove(file);
    result.steps.push_back({file, "removed (laneguard's commands were all it held)"});
  } else {
    write_text(file, stripped, false);
    result.steps.push_back({file, "laneguard's commands removed"});
  }
  run_lefthook_install(top, result, "(lefthook rewrites its hooks from the config without laneguard)");
  return result;
}

}  // namespace laneguard::install
