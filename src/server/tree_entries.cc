#include "server/tree_entries.h"

#include <algorithm>
#include <cstdint>

namespace laneguard::server {
namespace {

// Code points HFS+ ignores when it compares names (as git's utf8.c next_hfs_char does).
bool hfs_ignorable(std::uint32_t cp) {
  return cp == 0x200c || cp == 0x200d || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff;
}

// The component as macOS and Windows compare it: ASCII lower case, HFS+ ignorables dropped,
// trailing dots and spaces dropped (NTFS).
std::string as_file_systems_see_it(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xe2 && i + 2 < name.size()) {  // U+2000..U+2FFF
      std::uint32_t cp = ((c & 0x0f) << 12) | ((static_cast<unsigned char>(name[i + 1]) & 0x3f) << 6) |
                         (static_cast<unsigned char>(name[i + 2]) & 0x3f);
      if (hfs_ignorable(cp)) {
        i += 3;
        continue;
      }
    }
    if (c == 0xef && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0xbb &&
        static_cast<unsigned char>(name[i + 2]) == 0xbf) {  // U+FEFF
      i += 3;
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    ++i;
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::optional<std::string> bad_tree_entry(std::string_view path) {
  if (path.find('\0') != std::string_view::npos) return "an entry name holds a NUL byte";
  std::size_t pos = 0;
  while (true) {
    std::size_t end = path.find('/', pos);
    std::string_view name = path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (name.empty()) return "an empty entry name, or one that holds '/'";
    if (name == "." || name == "..") return "an entry named \"" + std::string(name) + "\"";
    std::string seen = as_file_systems_see_it(name);
    if (seen == ".git" || seen == "git~1")
      return "an entry named \"" + std::string(name) + "\" (git, macOS or Windows read it as .git)";
    if (end == std::string_view::npos) return std::nullopt;
    pos = end + 1;
  }
}

namespace {

bool covered_only_as_directory(const Agreement& a, const std::string& path, const std::string& as_dir) {
  auto hit = [&](const PathPattern& p) { return p.matches(as_dir) && !p.matches(path); };
  for (const auto& area : a.areas)
    if (std::any_of(area.paths.begin(), area.paths.end(), hit)) return true;
  for (const auto& lane : a.lanes)
    if (std::any_of(lane.owns.begin(), lane.owns.end(), hit)) return true;
  return false;
}

bool link_or_submodule_at(const git::Repository& repo, const std::string& commit_id, const std::string& path) {
  git_oid oid;
  if (git_oid_fromstr(&oid, commit_id.c_str()) != 0) return false;
  git_commit* c = nullptr;
  git::check(git_commit_lookup(&c, repo.get(), &oid), "reading commit " + commit_id);
  git::CommitPtr commit(c);
  git_tree* t = nullptr;
  git::check(git_commit_tree(&t, c), "reading the tree of commit " + commit_id);
  git::TreePtr tree(t);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, t, path.c_str()) != 0) {
    git_error_clear();
    return false;
  }
  git::TreeEntryPtr entry(e);
  git_filemode_t mode = git_tree_entry_filemode(e);
  return mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT;
}

}  // namespace

void add_directory_like_entries(const git::Repository& repo, const Agreement& agreement, CommitFacts& commit) {
  std::vector<std::string> extra;
  for (const std::string& p : commit.paths) {
    std::string as_dir = p + "/";
    if (!covered_only_as_directory(agreement, p, as_dir)) continue;
    if (link_or_submodule_at(repo, commit.id, p) ||
        (!commit.parents.empty() && link_or_submodule_at(repo, commit.parents.front(), p)))
      extra.push_back(std::move(as_dir));
  }
  if (extra.empty()) return;
  commit.paths.insert(commit.paths.end(), extra.begin(), extra.end());
  std::sort(commit.paths.begin(), commit.paths.end());
  commit.paths.erase(std::unique(commit.paths.begin(), commit.paths.end()), commit.paths.end());
}

}  // namespace laneguard::server
