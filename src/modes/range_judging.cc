#include "modes/range_judging.h"

#include <algorithm>
#include <filesystem>

#include "facts/approvals.h"
#include "git/rev_list.h"
#include "util/error.h"

namespace laneguard {

std::string baseline_range(const git::Repository& repo, const Agreement& agreement, std::vector<std::string>& revisions) {
  if (agreement.since.empty() || !git::names_no_revision(revisions)) return "";
  if (!repo.resolve_commit(agreement.since)) {
    std::string where = "[agreement] since = \"" + agreement.since + "\" in " + agreement.source;
    if (repo.is_shallow())
      throw GitError("this is a shallow clone: the agreement's baseline commit is not in it (" + where +
                     "). Fetch more history (git fetch --deepen=N, or git fetch --unshallow), or give a range");
    throw UsageError(where + ": this repository has no such commit; give a range (for example main~20..main) or correct it");
  }
  revisions.insert(revisions.begin(), {"HEAD", "^" + agreement.since});
  return "; commits after " + agreement.since.substr(0, 12) + " ([agreement] since; give a range to judge others)";
}

std::optional<std::string> agreement_path_in_repo(const git::Repository& repo, const Agreement& agreement) {
  auto root = repo.workdir();
  if (!root || agreement.source.empty() || agreement.source[0] == '<') return std::nullopt;
  std::error_code ec;
  std::string file = std::filesystem::weakly_canonical(agreement.source, ec).string();
  std::string top = std::filesystem::weakly_canonical(*root, ec).string() + "/";
  if (ec || file.compare(0, top.size(), top) != 0) return std::nullopt;
  return file.substr(top.size());
}

void exempt_adoption(const git::Repository& repo, const std::string& path, CommitFacts& c) {
  auto it = std::lower_bound(c.paths.begin(), c.paths.end(), path);
  if (it == c.paths.end() || *it != path) return;
  if (!c.parents.empty() && repo.read_file_at(c.parents.front(), path)) return;  // changed, not added
  auto at = it - c.paths.begin();
  c.paths.erase(it);
  // What is parallel to paths stays so.
  if (c.path_entries.size() == c.paths.size() + 1) c.path_entries.erase(c.path_entries.begin() + at);
  if (c.path_entries_before.size() == c.paths.size() + 1) c.path_entries_before.erase(c.path_entries_before.begin() + at);
  c.brought_in.erase(std::remove(c.brought_in.begin(), c.brought_in.end(), path), c.brought_in.end());
}

std::optional<server::ApprovalStore> pushed_approvals(const git::Repository& repo) {
  if (server::ApprovalStore store = server::ApprovalStore::for_repository(repo); store.exists()) return store;
  return std::nullopt;
}

std::vector<Approval> commit_approvals(const CommitFacts& c, const Agreement& agreement,
                                       const std::optional<server::ApprovalStore>& pushed) {
  std::vector<Approval> approvals = trailer_approvals(c, agreement.review);
  if (pushed)
    for (const auto& [commit, records] : pushed->lookup({c.id}))
      for (const server::PushedApproval& r : records) {
        Approval a;
        a.who = account_identity(r.approver);
        a.source = ApprovalSource::push;
        a.authenticated = true;
        a.note = "approval pushed by " + r.approver;
        approvals.push_back(std::move(a));
      }
  return approvals;
}

}  // namespace laneguard
