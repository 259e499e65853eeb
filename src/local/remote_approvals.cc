#include "local/remote_approvals.h"

#include "facts/identity.h"
#include "git/git_process.h"
#include "git/landed.h"

namespace laneguard::local {
namespace {

constexpr const char* kPrefix = "refs/laneguard/approvals/";

// The identity the server will resolve: a person's key names that person.
Identity identity_of(const Agreement& agreement, const std::string& who) {
  if (const Person* p = agreement.person(who)) {
    Identity id;
    id.name = p->key;
    if (!p->usernames.empty()) id.username = p->usernames.front();
    if (!p->emails.empty()) id.email = p->emails.front();
    return id;
  }
  return account_identity(who);
}

}  // namespace

RemoteApprovals::RemoteApprovals(const git::Repository& repo, const Agreement& agreement, std::string remote,
                                 std::vector<std::string> protected_tips)
    : repo_(repo), agreement_(agreement), remote_(std::move(remote)), protected_tips_(std::move(protected_tips)) {}

void RemoteApprovals::load() {
  loaded_ = true;
  if (remote_.empty()) return;
  std::vector<std::pair<std::string, std::string>> refs;  // (who, commit)
  try {
    git::GitProcess ls({"ls-remote", remote_, std::string(kPrefix) + "*"});
    for (std::string line; ls.next_line(line);) {
      auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      std::string id = line.substr(0, tab), ref = line.substr(tab + 1);
      if (ref.compare(0, std::string(kPrefix).size(), kPrefix) != 0) continue;
      std::string rest = ref.substr(std::string(kPrefix).size());
      auto slash = rest.find('/');
      if (slash == std::string::npos || rest.substr(slash + 1) != id) continue;  // the server names them so
      refs.emplace_back(rest.substr(0, slash), id);
    }
    if (int status = ls.wait(); status != 0) {
      problem_ = "git ls-remote " + remote_ + " failed: " + ls.stderr_text();
      return;
    }
  } catch (const std::exception& e) {
    problem_ = e.what();
    return;
  }
  for (const auto& [who, tip] : refs) {
    if (!repo_.resolve_commit(tip)) continue;  // not fetched here: it approves nothing this push lands
    for (const std::string& c : git::landed_commits(repo_, tip, std::nullopt, protected_tips_))
      approvers_[c].push_back(who);
  }
}

std::vector<Approval> RemoteApprovals::of(const std::string& commit) {
  if (!loaded_) load();
  std::vector<Approval> out;
  auto it = approvers_.find(commit);
  if (it == approvers_.end()) return out;
  for (const std::string& who : it->second) {
    Approval a;
    a.who = identity_of(agreement_, who);
    a.source = ApprovalSource::push;
    a.authenticated = true;
    a.note = "approval pushed by " + who;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace laneguard::local
