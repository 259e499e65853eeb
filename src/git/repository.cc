// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "git/repository.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
namespace git {
Repository Repository::discover(const std::string&) { LG_TODO; }
Repository Repository::open_for_hook() { LG_TODO; }
std::string Repository::git_dir() const { LG_TODO; }
std::optional<std::string> Repository::workdir() const { LG_TODO; }
std::vector<std::string> Repository::rev_list(const std::vector<std::string>&) const { LG_TODO; }
std::vector<std::string> Repository::commits_between(const std::string&, const std::vector<std::string>&) const { LG_TODO; }
std::optional<std::string> Repository::resolve_commit(const std::string&) const { LG_TODO; }
CommitFacts Repository::commit_facts(const std::string&) const { LG_TODO; }
std::optional<std::string> Repository::read_file_at(const std::string&, const std::string&) const { LG_TODO; }
std::optional<std::string> Repository::config_string(const std::string&) const { LG_TODO; }
}
}  // namespace laneguard
