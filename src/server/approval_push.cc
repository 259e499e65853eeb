#include "server/approval_push.h"

#include "facts/identity.h"
#include "git/landed.h"
#include "server/gate.h"
#include "server/history.h"

namespace laneguard::server {
namespace {

std::string short_id(const std::string& id) { return id.substr(0, 12); }

bool is_hex_id(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Finding finding(const char* rule, const RefUpdate& u, std::string message, std::string fix) {
  Finding f;
  f.rule = rule;
  f.severity = Severity::block;
  f.commit = u.ref;
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

Finding rewrite_refused(const RefUpdate& u) {
  return finding(rule::kApprovalRef, u,
                 std::string(u.deletes() ? "deleting " : "moving ") + "the approval " + u.ref +
                     " is refused: an approval is a record of what was reviewed, never rewritten",
                 "approve a new version with `laneguard approve REVISION` (a new ref); only the agreement's "
                 "[override] people may withdraw an approval, by break glass: git push -o "
                 "laneguard.override=\"REASON\" (recorded)");
}

const Person* person_named(const Agreement& agreement, const std::string& who) {
  if (const Person* p = agreement.person(who)) return p;
  return resolve_person(agreement, account_identity(who));
}

const Person* person_of(const Agreement& agreement, const Identity& id) {
  return id.empty() ? nullptr : resolve_person(agreement, id);
}

}  // namespace

std::optional<ApprovalRef> parse_approval_ref(const std::string& ref) {
  const std::string prefix = kApprovalRefPrefix;
  if (ref.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string rest = ref.substr(prefix.size());
  auto slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size()) return std::nullopt;
  ApprovalRef out{rest.substr(0, slash), rest.substr(slash + 1)};
  if (out.name.find('/') != std::string::npos) return std::nullopt;
  return out;
}

std::string approval_ref(const std::string& person, const std::string& commit) {
  return std::string(kApprovalRefPrefix) + person + "/" + commit;
}

ApprovalPushJudgement judge_approval_push(const git::Repository& repo, const Agreement& agreement, const RefUpdate& u,
                                          const Pusher& pusher, const std::vector<std::string>& protected_tips,
                                          const std::unordered_set<std::string>& new_to_server,
                                          const IntroducerStore& introducers, const Budget& budget) {
  ApprovalPushJudgement out;
  const std::string how = "approve with `laneguard approve REVISION` (it pushes to " + std::string(kApprovalRefPrefix) +
                          "<you>/<commit>)";
  auto name = parse_approval_ref(u.ref);
  if (!name) {
    out.findings.push_back(finding(rule::kApprovalRef, u,
                                   u.ref + " is in laneguard's reserved namespace (" + kReservedRefPrefix +
                                       "): only approvals go there, as " + kApprovalRefPrefix + "<person>/<commit>",
                                   "push branches under refs/heads/; " + how));
    return out;
  }
  // Deleting an approval withdraws it: refused, except by break glass (whoever's it was).
  if (u.deletes()) {
    out.findings.push_back(rewrite_refused(u));
    ApprovalToRecord rec;
    rec.ref = u.ref;
    rec.approver = pusher.username;
    const Person* named = person_named(agreement, name->who);
    rec.person = named ? named->key : name->who;
    rec.withdraw = true;
    out.record = std::move(rec);
    return out;
  }
  // Who may write here: the pusher, in her own name.
  const Person* me = pusher.username.empty() ? nullptr : resolve_person(agreement, account_identity(pusher.username));
  const Person* named = person_named(agreement, name->who);
  if (pusher.username.empty()) {
    out.forged.push_back(finding(rule::kForgedApproval, u,
                                 "an approval needs an authenticated pusher, and this push has none (no LANEGUARD_PUSHER, "
                                 "GITHUB_USER_LOGIN, GL_USERNAME, GITEA_PUSHER_NAME, GL_USER or REMOTE_USER)",
                                 "push through the hosting platform or an ssh key whose forced command names you"));
    return out;
  }
  if (!me) {
    out.forged.push_back(finding(rule::kForgedApproval, u,
                                 "the pusher '" + pusher.username +
                                     "' is not one of the agreement's people, so an approval by them counts for nothing",
                                 "add the account to [people.NAME] usernames (or emails) in the agreement"));
    return out;
  }
  if (named != me) {
    Finding f = finding(rule::kForgedApproval, u,
                        me->key + " (pushing as " + pusher.username + ") wrote into " +
                            (named ? named->key + "'s" : "'" + name->who + "'s") +
                            " approvals: nobody approves in another person's name",
                        "your approvals go to " + std::string(kApprovalRefPrefix) + me->key + "/<commit>; " + how);
    f.people = {me->key};
    out.forged.push_back(std::move(f));
    return out;
  }
  if (me->bot) {
    Finding f = finding(rule::kApprovalRef, u,
                        me->key + " is a bot (bot = true in the agreement): bots never approve",
                        "ask a person of the owning lane to review the change and approve it: " + how);
    f.people = {me->key};
    out.findings.push_back(std::move(f));
    return out;
  }
  ApprovalToRecord rec;
  rec.ref = u.ref;
  rec.approver = pusher.username;
  rec.person = me->key;
  // Moving an approval ref: refused; by break glass it withdraws what the ref recorded (the ref is
  // named by the commit it approved, so it can never name another commit's approval).
  if (!u.creates()) {
    out.findings.push_back(rewrite_refused(u));
    rec.withdraw = true;
    out.record = std::move(rec);
    return out;
  }
  std::string tip = peel_to_commit(repo, u.new_id);
  if (tip.empty() || tip != u.new_id) {
    out.findings.push_back(finding(rule::kApprovalRef, u, u.ref + " must point to a commit (it points to " +
                                                              short_id(u.new_id) + ")", how));
    return out;
  }
  if (!is_hex_id(name->name) || name->name != tip) {
    out.findings.push_back(finding(rule::kApprovalRef, u,
                                   "an approval ref is named by the commit it approves: " +
                                       approval_ref(name->who, tip) + ", not " + u.ref,
                                   how));
    return out;
  }
  rec.commits = git::landed_commits(repo, tip, std::nullopt, protected_tips);
  budget.check("listing the approved commits");
  if (rec.commits.empty()) {
    out.findings.push_back(finding(rule::kApprovalRef, u,
                                   "nothing to approve: " + short_id(tip) +
                                       " and everything before it are already on a protected branch",
                                   "approve a branch with commits that are not on a protected branch yet"));
    return out;
  }
  std::vector<std::string> fresh;
  for (const std::string& id : rec.commits)
    if (new_to_server.count(id)) fresh.push_back(short_id(id));
  if (!fresh.empty()) {
    std::string ids;
    for (std::size_t i = 0; i < fresh.size() && i < 3; ++i) ids += (i ? ", " : "") + fresh[i];
    if (fresh.size() > 3) ids += ", ...";
    Finding f = finding(rule::kApprovalRef, u,
                        std::to_string(fresh.size()) + " of the commits to approve (" + ids +
                            ") are not on the server yet: this push would bring them, making " + me->key +
                            " their introducer, and nobody approves what they brought",
                        "ask the change's author to push the branch to the server first (git push origin "
                        "HEAD:BRANCH), then approve it");
    f.people = {me->key};
    out.findings.push_back(std::move(f));
    return out;
  }
  // What the gate will say when they land: her approval does not count where she is an author.
  std::unordered_map<std::string, std::string> introduced;
  try {
    introduced = introducers.lookup(std::unordered_set<std::string>(rec.commits.begin(), rec.commits.end()));
  } catch (const std::exception& e) {
    throw StoreUnavailable("cannot read who introduced the approved commits (" + introducers.path() + "): " + e.what());
  }
  for (const std::string& id : rec.commits) {
    budget.check("reading the approved commits");
    CommitFacts c = repo.commit_facts(id);
    rec.titles.push_back(c.subject + " (" + c.author.display() + ")");
    std::string why;
    if (person_of(agreement, c.author) == me) why = me->key + " is its author";
    else if (person_of(agreement, c.committer) == me) why = me->key + " is its committer";
    for (const Identity& co : c.co_authors)
      if (why.empty() && person_of(agreement, co) == me) why = me->key + " is its co-author";
    auto rec_it = introduced.find(id);
    if (why.empty() && rec_it != introduced.end() && rec_it->second != kPreExistingIntroducer) {
      const std::string& by = rec_it->second;
      const Person* p = by == kUnknownIntroducer ? nullptr : resolve_person(agreement, account_identity(by));
      if (p == me) why = me->key + " introduced it (pushed it to the server first)";
      else if (by == kUnknownIntroducer || by.empty() || (p && p->bot))
        why = "nobody knows who introduced it (a bot pushed it first, or the pusher was unknown)";
    } else if (why.empty() && rec_it == introduced.end()) {
      why = "nobody knows who introduced it (it reached the server without laneguard's hook)";
    }
    if (!why.empty()) rec.not_counted.push_back(short_id(id) + ": " + why);
  }
  out.record = std::move(rec);
  return out;
}

}  // namespace laneguard::server
