#include "local/push.h"

#include <cstdlib>
#include <sstream>

#include "git/landed.h"
#include "util/error.h"

namespace laneguard::local {

std::optional<std::string> PushUpdate::remote_branch() const {
  static constexpr std::string_view kHeads = "refs/heads/";
  if (remote_ref.rfind(kHeads, 0) != 0) return std::nullopt;
  return remote_ref.substr(kHeads.size());
}

std::vector<PushUpdate> parse_push_updates(std::istream& in) {
  std::vector<PushUpdate> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream fields(line);
    PushUpdate u;
    std::string extra;
    if (!(fields >> u.local_ref >> u.local_sha >> u.remote_ref >> u.remote_sha) || (fields >> extra))
      throw UsageError("pre-push: expected `<local ref> <local sha> <remote ref> <remote sha>` on stdin, got: " + line);
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<PushUpdate> push_update_from_pre_commit_env() {
  const char* to = std::getenv("PRE_COMMIT_TO_REF");
  const char* remote_branch = std::getenv("PRE_COMMIT_REMOTE_BRANCH");
  if (!to || !*to || !remote_branch || !*remote_branch) return std::nullopt;
  const char* from = std::getenv("PRE_COMMIT_FROM_REF");
  const char* local_branch = std::getenv("PRE_COMMIT_LOCAL_BRANCH");
  PushUpdate u;
  u.local_ref = local_branch && *local_branch ? local_branch : "HEAD";
  u.local_sha = to;
  u.remote_ref = remote_branch;
  u.remote_sha = from && *from ? from : std::string(40, '0');
  return u;
}

std::vector<std::string> remote_tracking_tips(const git::Repository& repo, const std::string& remote) {
  std::vector<std::string> tips;
  for (auto& [branch, tip] : remote_tracking_branches(repo, remote)) tips.push_back(std::move(tip));
  return tips;
}

std::vector<std::pair<std::string, std::string>> remote_tracking_branches(const git::Repository& repo,
                                                                          const std::string& remote) {
  std::vector<std::pair<std::string, std::string>> tips;
  if (remote.empty() || remote.find_first_of(":/\\") != std::string::npos) return tips;  // a URL or a path
  git_reference_iterator* raw = nullptr;
  std::string prefix = "refs/remotes/" + remote + "/";
  std::string glob = prefix + "*";
  if (git_reference_iterator_glob_new(&raw, repo.get(), glob.c_str()) < 0) {
    git_error_clear();
    return tips;
  }
  std::unique_ptr<git_reference_iterator, void (*)(git_reference_iterator*)> it(raw, git_reference_iterator_free);
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it.get()) == 0) {
    git::ReferencePtr owned(ref);
    git_object* obj = nullptr;
    if (git_reference_peel(&obj, owned.get(), GIT_OBJECT_COMMIT) == 0) {
      git::ObjectPtr commit(obj);
      std::string name = git_reference_name(owned.get());
      tips.emplace_back(name.substr(prefix.size()), git::oid_hex(*git_object_id(commit.get())));
    }
  }
  git_error_clear();
  return tips;
}

std::vector<std::string> pushed_commits(const git::Repository& repo, const PushUpdate& update, const std::string& remote,
                                        const std::function<bool(const std::string&)>& is_protected) {
  if (update.deletes()) return {};
  bool known_tip = !update.creates() && repo.resolve_commit(update.remote_sha);
  if (!update.creates() && !known_tip)
    return repo.commits_between(update.local_sha, remote_tracking_tips(repo, remote));
  std::vector<std::string> protected_tips;
  if (!remote.empty() && remote.find_first_of(":/\\") == std::string::npos) {
    for (const auto& [branch, tip] : remote_tracking_branches(repo, remote))
      if (is_protected(branch)) protected_tips.push_back(tip);
  }
  std::optional<std::string> old_tip;
  if (known_tip) old_tip = update.remote_sha;
  return git::landed_commits(repo, update.local_sha, old_tip, protected_tips);
}

std::vector<std::string> new_to_remote(const git::Repository& repo, const PushUpdate& update, const std::string& remote) {
  if (update.deletes()) return {};
  std::vector<std::string> hidden = remote_tracking_tips(repo, remote);
  if (!update.creates() && repo.resolve_commit(update.remote_sha)) hidden.push_back(update.remote_sha);
  return repo.commits_between(update.local_sha, hidden);
}

bool rewrites_history(const git::Repository& repo, const PushUpdate& update) {
  if (update.deletes() || update.creates()) return false;
  if (!repo.resolve_commit(update.remote_sha)) return false;
  git_oid local, remote;
  if (git_oid_fromstr(&local, update.local_sha.c_str()) < 0 || git_oid_fromstr(&remote, update.remote_sha.c_str()) < 0)
    return false;
  if (git_oid_equal(&local, &remote)) return false;
  int rc = git_graph_descendant_of(repo.get(), &local, &remote);
  git::check(rc, "comparing " + update.local_sha + " with " + update.remote_sha);
  return rc == 0;
}

}  // namespace laneguard::local
