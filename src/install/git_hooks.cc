#include "install/git_hooks.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/error.h"

namespace fs = std::filesystem;

namespace laneguard::install {

std::vector<HookKind> local_hooks() {
  return {{"pre-commit", false, true}, {"commit-msg", false, true}, {"pre-push", true, true}};
}

std::vector<HookKind> server_hooks() {
  return {{"pre-receive", true, true, true}, {"post-receive", true, false, true}};
}

namespace {

// Where a shim's binary line starts: kBinLine anywhere, or kFixedBinLine as a whole line.
std::size_t bin_line(std::string_view text, std::string_view* which) {
  if (std::size_t at = text.find(kBinLine); at != std::string_view::npos) {
    *which = kBinLine;
    return at;
  }
  for (std::size_t at = text.find(kFixedBinLine); at != std::string_view::npos;
       at = text.find(kFixedBinLine, at + 1)) {
    std::size_t end = at + kFixedBinLine.size();
    if ((at == 0 || text[at - 1] == '\n') && (end == text.size() || text[end] == '\n')) {
      *which = kFixedBinLine;
      return at;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool is_laneguard_hook(std::string_view content) {
  // Installed local shims keep `${LANEGUARD_BIN:-PATH}`; installed server shims `LANEGUARD_BIN=PATH`
  // followed by the exec of it.
  return content.find("LANEGUARD_BIN=${LANEGUARD_BIN:-") != std::string_view::npos ||
         (content.find("\nLANEGUARD_BIN=") != std::string_view::npos &&
          content.find("exec \"$LANEGUARD_BIN\" ") != std::string_view::npos);
}

namespace {

// A value for `${LANEGUARD_BIN:-VALUE}`: plain when safe, else double-quoted.
std::string shell_word(const std::string& s) {
  if (s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._+-@,=") ==
      std::string::npos)
    return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '$' || c == '`' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string chaining_preamble(const HookKind& kind) {
  const std::string& n = kind.name;
  std::ostringstream s;
  s << "# Installed by `laneguard install` (`laneguard install --uninstall` removes it). A " << n
    << " hook that was\n"
       "# here before was moved to "
    << n << kChainedSuffix
    << " and runs first, with the same arguments"
    << (kind.reads_stdin ? " and input" : "") << (kind.can_stop ? "; its failure stops git.\n" : ".\n")
    << "laneguard_chained=\"$(dirname \"$0\")/" << n << kChainedSuffix << "\"\n"
    << "laneguard_run_chained() {\n"
       "  case \"$(head -n 1 \"$laneguard_chained\")\" in\n"
       "    # A POSIX sh script is sourced so that its $0 stays this hook's name (husky finds its work by it).\n"
       "    '#!/bin/sh' | '#!/bin/sh '* | '#!/usr/bin/env sh' | '#!/usr/bin/env sh '*)\n"
       "      LANEGUARD_CHAINED=\"$laneguard_chained\" sh -c '. \"$LANEGUARD_CHAINED\"' \"$0\" \"$@\" ;;\n"
       "    *) \"$laneguard_chained\" \"$@\" ;;\n"
       "  esac\n"
       "}\n"
       "if [ -f \"$laneguard_chained\" ] && [ -x \"$laneguard_chained\" ]; then\n";
  if (kind.reads_stdin) {
    s << "  laneguard_input=$(mktemp \"${TMPDIR:-/tmp}/laneguard-" << n << ".XXXXXX\") || exit 1\n"
      << "  cat >\"$laneguard_input\"\n"
         "  laneguard_run_chained \"$@\" <\"$laneguard_input\"\n"
         "  laneguard_status=$?\n"
         "  exec <\"$laneguard_input\"  # laneguard reads the same input\n"
         "  rm -f \"$laneguard_input\"\n";
  } else {
    s << "  laneguard_run_chained \"$@\"\n"
         "  laneguard_status=$?\n";
  }
  if (kind.can_stop)
    s << "  [ \"$laneguard_status\" -eq 0 ] || exit \"$laneguard_status\"\n";
  else
    s << "  [ \"$laneguard_status\" -eq 0 ] || echo \"laneguard: $laneguard_chained exited with status "
         "$laneguard_status\" >&2\n";
  s << "fi\n";
  return s.str();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_executable(const fs::path& p, const std::string& content) {
  fs::path tmp = p;
  tmp += ".laneguard-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw GitError("cannot write " + tmp.string());
  }
  fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  fs::rename(tmp, p);
}

bool exists_or_dangling(const fs::path& p) { return fs::exists(fs::symlink_status(p)); }

// Removes a stale HOOK.laneguard-chained whose content is the hook's (`current`), else renames it to
// HOOK.laneguard-chained.old (then .old.2, ...), never run. Says what it did ("; ..."), for the step.
std::string set_aside_stale(const fs::path& chained, const std::string& current) {
  bool same = fs::is_regular_file(fs::symlink_status(chained)) && read_file(chained) == current;
  if (same) {
    fs::remove(chained);
    return "; it was the same as the hook there now: removed";
  }
  fs::path old = chained;
  old += ".old";
  for (int n = 2; exists_or_dangling(old); ++n) {
    old = chained;
    old += ".old." + std::to_string(n);
  }
  fs::rename(chained, old);
  return "; it differed from the hook that replaced laneguard's since (a hook manager rewriting its hooks? see "
         "laneguard install --manager): kept, not run, as " + old.string() + ": compare and delete it";
}

std::string builtin_shim(const HookKind& kind) {
  std::string args = kind.name == "commit-msg" ? " \"$1\"" : kind.name == "pre-push" ? " \"$@\"" : "";
  return "#!/bin/sh\n"
         "# laneguard " + kind.name + " hook (built-in shim).\n" +
         std::string(kind.server ? kFixedBinLine : kBinLine) + "\n"
         "exec \"$LANEGUARD_BIN\" " + kind.name + args + "\n";
}

}  // namespace

std::string render_hook(std::string_view shim, const HookKind& kind, const std::string& binary) {
  std::string text(shim);
  std::string_view which;
  std::size_t at = bin_line(text, &which);
  if (at == std::string::npos)
    throw GitError("the " + kind.name + " shim has no `" + std::string(kBinLine) + "` or `" +
                   std::string(kFixedBinLine) + "` line");
  // A server hook never lets the environment choose its binary, whichever line its shim carried.
  std::string line = kind.server || which == kFixedBinLine
                         ? "LANEGUARD_BIN=" + shell_word(binary)
                         : "LANEGUARD_BIN=${LANEGUARD_BIN:-" + shell_word(binary) + "}";
  text.replace(at, which.size(), line);
  std::size_t first_line_end = text.rfind("#!", 0) == 0 ? text.find('\n') : std::string::npos;
  std::string head = first_line_end == std::string::npos ? "#!/bin/sh\n" : text.substr(0, first_line_end + 1);
  std::string rest = first_line_end == std::string::npos ? text : text.substr(first_line_end + 1);
  return head + chaining_preamble(kind) + rest;
}

std::string shim_for(const HookKind& kind, const std::string& binary) {
  std::vector<fs::path> dirs;
  if (const char* d = std::getenv("LANEGUARD_HOOKS_DIR"); d && *d) dirs.emplace_back(d);
  fs::path bin_dir = fs::path(binary).parent_path();
  dirs.push_back(bin_dir / ".." / "share" / "laneguard" / "hooks");
  dirs.push_back(bin_dir / ".." / "hooks");
  for (const fs::path& d : dirs) {
    fs::path p = d / kind.name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) continue;
    std::string text = read_file(p);
    std::string_view which;
    if (bin_line(text, &which) != std::string::npos) return text;
  }
  return builtin_shim(kind);
}

std::vector<InstallStep> install_hooks(const std::string& dir, const std::vector<HookKind>& kinds,
                                       const std::string& binary,
                                       const std::function<std::string(const HookKind&)>& shim) {
  std::vector<InstallStep> steps;
  fs::create_directories(dir);
  for (const HookKind& kind : kinds) {
    fs::path hook = fs::path(dir) / kind.name;
    fs::path chained = fs::path(dir) / (kind.name + kChainedSuffix);
    std::string content = render_hook(shim ? shim(kind) : shim_for(kind, binary), kind, binary);
    InstallStep step{hook.string(), ""};
    if (exists_or_dangling(hook) && !fs::is_directory(hook)) {
      std::string current = fs::is_regular_file(hook) ? read_file(hook) : std::string();
      if (is_laneguard_hook(current) && !fs::is_symlink(hook)) {
        if (current == content) {
          step.what = "unchanged";
        } else {
          write_executable(hook, content);
          step.what = "updated";
        }
      } else {
        // A chained hook beside a hook that is not laneguard's: something rewrote the hook after an
        // earlier install (a hook manager regenerating its hooks). The hook there now is the one
        // that is meant to run; the stale copy goes, or is kept aside when it differs.
        std::string stale = exists_or_dangling(chained) ? set_aside_stale(chained, current) : "";
        fs::rename(hook, chained);
        write_executable(hook, content);
        step.what = "installed; the hook that was there runs first: " + chained.string() +
                    (stale.empty() ? "" : ". An earlier install's " + chained.filename().string() + " was stale" + stale);
      }
    } else if (fs::is_directory(hook)) {
      throw GitError("cannot install " + hook.string() + ": it is a directory");
    } else {
      write_executable(hook, content);
      step.what = exists_or_dangling(chained) ? "installed; runs " + chained.string() + " first" : "installed";
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<InstallStep> uninstall_hooks(const std::string& dir, const std::vector<HookKind>& kinds) {
  std::vector<InstallStep> steps;
  for (const HookKind& kind : kinds) {
    fs::path hook = fs::path(dir) / kind.name;
    fs::path chained = fs::path(dir) / (kind.name + kChainedSuffix);
    InstallStep step{hook.string(), ""};
    bool ours = fs::is_regular_file(fs::symlink_status(hook)) && is_laneguard_hook(read_file(hook));
    if (!ours) {
      step.what = exists_or_dangling(hook) ? "left alone (not laneguard's)" : "not installed";
    } else if (exists_or_dangling(chained)) {
      fs::rename(chained, hook);
      step.what = "removed; restored the hook that was there before";
    } else {
      fs::remove(hook);
      step.what = "removed";
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<InstallStep> release_hooks(const std::string& dir, const std::vector<HookKind>& kinds) {
  std::vector<InstallStep> steps;
  for (const HookKind& kind : kinds) {
    fs::path hook = fs::path(dir) / kind.name;
    fs::path chained = fs::path(dir) / (kind.name + kChainedSuffix);
    bool ours = fs::is_regular_file(fs::symlink_status(hook)) && is_laneguard_hook(read_file(hook));
    if (ours) {
      for (InstallStep& s : uninstall_hooks(dir, {kind})) steps.push_back(std::move(s));
    } else if (exists_or_dangling(chained) && exists_or_dangling(hook)) {
      std::string current = fs::is_regular_file(hook) ? read_file(hook) : std::string();
      std::string said = set_aside_stale(chained, current);
      steps.push_back({chained.string(), "left by an earlier laneguard install" + said});
    } else if (exists_or_dangling(chained)) {
      fs::rename(chained, hook);
      steps.push_back({hook.string(), "restored from " + chained.filename().string() + " (an earlier laneguard install)"});
    }
  }
  return steps;
}

std::string running_binary() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw GitError("cannot find the laneguard binary's path (/proc/self/exe): " + ec.message());
  return p.string();
}

}  // namespace laneguard::install
