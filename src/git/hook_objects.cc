#include "git/hook_objects.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "git/handle.h"

namespace laneguard::git {
namespace {

// git's unquote_c_style: `in` starts at the opening quote. Returns false (and leaves the entry
// to be taken literally, as git does) when the quoting is malformed.
bool unquote_c(std::string_view in, std::string& out, size_t& end) {
  out.clear();
  size_t i = 1;
  while (i < in.size()) {
    char c = in[i++];
    if (c == '"') {
      end = i;
      return true;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i >= in.size()) return false;
    c = in[i++];
    switch (c) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case '0': case '1': case '2': case '3': {
        if (i + 2 > in.size()) return false;
        int value = c - '0';
        for (int k = 0; k < 2; ++k) {
          char d = in[i++];
          if (d < '0' || d > '7') return false;
          value = value * 8 + (d - '0');
        }
        out += static_cast<char>(value);
        break;
      }
      default: return false;
    }
  }
  return false;  // no closing quote
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string canonical_or_self(const std::string& path) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : c.string();
}

}  // namespace

std::vector<std::string> split_alternate_directories(std::string_view value) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < value.size()) {
    std::string_view rest = value.substr(pos);
    std::string entry;
    size_t end = 0;
    if (rest.front() == '"' && unquote_c(rest, entry, end) && (end == rest.size() || rest[end] == ':')) {
      pos += end + 1;
    } else {
      size_t colon = rest.find(':');
      entry = std::string(rest.substr(0, colon));
      pos = colon == std::string_view::npos ? value.size() : pos + colon + 1;
    }
    if (!entry.empty()) out.push_back(std::move(entry));
  }
  return out;
}

std::vector<std::string> hook_object_directories() {
  std::vector<std::string> dirs;
  auto add = [&](std::string d) {
    if (!d.empty() && std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(std::move(d));
  };
  add(env("GIT_QUARANTINE_PATH"));
  add(env("GIT_OBJECT_DIRECTORY"));
  for (auto& d : split_alternate_directories(env("GIT_ALTERNATE_OBJECT_DIRECTORIES"))) add(d);
  return dirs;
}

std::vector<std::string> add_object_directories(git_repository* repo, const std::vector<std::string>& dirs) {
  std::vector<std::string> added;
  std::vector<std::string> seen{canonical_or_self(std::string(git_repository_commondir(repo)) + "objects")};
  git_odb* raw = nullptr;
  check(git_repository_odb(&raw, repo), "opening the object database");
  OdbPtr odb(raw);
  for (const auto& dir : dirs) {
    std::string canonical = canonical_or_self(dir);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;  // git would not find objects there either
    check(git_odb_add_disk_alternate(odb.get(), dir.c_str()), "adding the object directory " + dir);
    added.push_back(dir);
  }
  return added;
}

std::vector<std::string> add_hook_object_directories(git_repository* repo) {
  return add_object_directories(repo, hook_object_directories());
}

}  // namespace laneguard::git
