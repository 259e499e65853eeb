#include "server/gate.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/evaluate.h"
#include "core/net_effect.h"
#include "git/landed.h"
#include "server/change_builder.h"
#include "server/history.h"
#include "server/server_agreement.h"
#include "server/signers.h"
#include "server/tree_entries.h"

namespace laneguard::server {
namespace {

std::string short_id(const std::string& id) { return id.substr(0, 12); }

std::vector<std::string> who_may_override(const Agreement& agreement) {
  std::vector<std::string> out;
  for (const auto& key : agreement.override_.people) {
    const Person* p = agreement.person(key);
    out.push_back(p && !p->usernames.empty() ? p->usernames.front() : key);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& last_sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += (i + 1 == items.size()) ? last_sep : ", ";
    out += items[i];
  }
  return out;
}

std::string break_glass_fix(const Agreement& agreement) {
  auto people = who_may_override(agreement);
  if (people.empty()) return "nobody may break glass: the agreement's [override] people list is empty";
  return "only " + join(people, " or ") +
         " may break glass: git push -o laneguard.override=\"INC-123: reason\" (recorded)";
}

Finding ref_finding(const char* rule, const RefUpdate& u, std::string message, std::string fix) {
  Finding f;
  f.rule = rule;
  f.severity = Severity::block;
  f.commit = u.ref;
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

// Verified signatures that approve each landed commit: its own, and those of landed merges that
// bring it in from a side branch.
std::unordered_map<std::string, std::vector<SignedApproval>> signed_approvals(
    const git::Repository& repo, const std::vector<std::string>& landed, const std::vector<CommitFacts>& facts,
    CommitSigners& signers, const Budget& budget) {
  std::unordered_map<std::string, std::vector<SignedApproval>> out;
  std::unordered_set<std::string> landed_set(landed.begin(), landed.end());
  for (const CommitFacts& c : facts) {
    budget.check("reading commit signatures");
    const Person* signer = signers.signer(c.id);
    if (!signer) continue;
    out[c.id].push_back({signer, c.id, false});
    if (!c.is_merge()) continue;
    for (std::size_t i = 1; i < c.parents.size(); ++i) {
      for (const auto& brought : repo.commits_between(c.parents[i], {c.parents[0]})) {
        if (landed_set.count(brought)) out[brought].push_back({signer, c.id, true});
      }
    }
  }
  return out;
}

// Blocks a push that lands an agreement the server could not read afterwards.
std::optional<Finding> check_pushed_agreement(const git::Repository& repo, const RefUpdate& u,
                                              const std::string& branch, const std::string& new_commit) {
  auto pushed = repo.read_file_at(new_commit, kAgreementPath);
  if (!pushed) return std::nullopt;
  if (!u.creates()) {
    auto before = repo.read_file_at(u.old_id, kAgreementPath);
    if (before && *before == *pushed) return std::nullopt;
  }
  try {
    parse_agreement(*pushed, short_id(new_commit) + ":" + kAgreementPath);
    return std::nullopt;
  } catch (const std::exception& e) {
    Finding f = ref_finding(rule::kAgreementError, u,
                            "the " + std::string(kAgreementPath) + " this push lands on " + branch +
                                " is invalid: " + e.what(),
                            "fix the agreement (laneguard lint) and push again");
    f.commit = new_commit;
    f.paths = {kAgreementPath};
    return f;
  }
}

// Every landed commit's facts, from the same git adapter `check` and the local hooks use.
std::vector<CommitFacts> read_commits(const git::Repository& repo, const std::vector<std::string>& ids,
                                      const Budget& budget) {
  std::vector<CommitFacts> facts;
  facts.reserve(ids.size());
  for (const auto& id : ids) {
    budget.check("reading the pushed commits");
    facts.push_back(repo.commit_facts(id));
  }
  return facts;
}

}  // namespace

std::vector<std::string> commits_new_to_server(const git::Repository& repo, const std::vector<RefUpdate>& updates,
                                               const std::vector<std::string>& tips_before) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& u : updates) {
    if (u.deletes()) continue;
    std::string tip = peel_to_commit(repo, u.new_id);
    if (tip.empty()) continue;
    for (auto& id : repo.commits_between(tip, tips_before))
      if (seen.insert(id).second) out.push_back(std::move(id));
  }
  return out;
}

OnError on_error_of(const AgreementChoice& gate) {
  return gate.agreement ? gate.agreement->on_error : OnError::block;
}

GateResult judge_push(const git::Repository& repo, const AgreementChoice& gate, const GateInput& input,
                      const IntroducerStore& store, const Budget& budget) {
  GateResult result;
  const Agreement fallback = gate.agreement ? Agreement{} : load_default_agreement();
  const Agreement& gate_rules = gate.agreement ? *gate.agreement : fallback;
  result.on_error = on_error_of(gate);
  const Severity error_severity = result.on_error == OnError::allow ? Severity::warn : Severity::block;
  budget.check("reading the agreement");

  const std::vector<std::string> tips_before = ref_tips(repo);
  result.introduced = commits_new_to_server(repo, input.updates, tips_before);
  const std::unordered_set<std::string> new_to_server(result.introduced.begin(), result.introduced.end());
  budget.check("listing the pushed commits");

  Context context;
  context.trust_claims = false;
  context.where = Context::Where::server;

  std::set<std::string> seen_findings, all_paths, all_commits;
  std::unordered_map<std::string, std::string> titles;  // commit -> subject and author
  auto add_finding = [&](const Finding& f) {
    std::string key = f.rule + '\n' + f.commit + '\n' + f.area + '\n' + f.message;
    if (seen_findings.insert(key).second) result.report.findings.push_back(f);
  };

  for (const RefUpdate& pushed : input.updates) {
    // Judge the ref the update really moves: git follows symbolic refs (trunk -> main).
    RefUpdate u = pushed;
    u.ref = resolve_symbolic_ref(repo, pushed.ref);
    if (u.ref != pushed.ref)
      result.notes.push_back(pushed.ref + " is a symbolic ref to " + u.ref + ": judged as an update of " + u.ref);
    RefJudgement j;
    j.update = u;
    if (u.ref.rfind("refs/replace/", 0) == 0) {  // changes what git reads for any object
      j.is_protected = true;
      result.any_protected = true;
      if (result.override_people.empty()) result.override_people = who_may_override(gate_rules);
      std::vector<Finding> findings{ref_finding(
          rule::kReplaceRef, u,
          "pushing " + u.ref + " is refused: a replace ref makes git on the server (git show, git archive, clones) "
          "read another object in place of the one it names",
          "push the change as a commit on a branch instead; " + break_glass_fix(gate_rules))};
      if (input.override_reason) apply_override(gate_rules, input.pusher.username, *input.override_reason, findings);
      for (const auto& f : findings) add_finding(f);
      result.refs.push_back(std::move(j));
      continue;
    }
    auto branch = u.branch();
    if (!branch) {  // tags, notes and other refs pass
      result.refs.push_back(std::move(j));
      continue;
    }
    AgreementChoice choice =
        branch_agreement(repo, *branch, u.creates() ? std::nullopt : std::optional<std::string>(u.old_id), gate);
    j.is_protected = gate_rules.is_protected_branch(*branch) ||
                     (choice.agreement && choice.agreement->is_protected_branch(*branch));
    if (!j.is_protected) {
      result.refs.push_back(std::move(j));
      continue;
    }
    result.any_protected = true;
    if (!choice.agreement) {
      Finding f = ref_finding(rule::kAgreementError, u, "the agreement cannot be read: " + choice.error,
                              "fix the agreement, or ask a server administrator to set git config "
                              "laneguard.agreement");
      f.severity = error_severity;
      add_finding(f);
      result.refs.push_back(std::move(j));
      continue;
    }
    const Agreement& agreement = *choice.agreement;
    j.agreement = agreement.source;
    if (result.override_people.empty()) result.override_people = who_may_override(agreement);
    std::vector<Finding> findings;

    if (u.deletes()) {
      findings.push_back(ref_finding(rule::kProtectedRefDeletion, u,
                                     "deleting the protected branch " + *branch + " is not allowed",
                                     break_glass_fix(agreement)));
    } else {
      std::string tip = peel_to_commit(repo, u.new_id);
      if (tip.empty()) throw GitError(u.ref + ": " + u.new_id + " is missing or not a commit");
      // What no protected branch reaches: commits on other branches were never judged.
      std::vector<std::string> hidden = branch_tips(repo, [&](const std::string& b) {
        return gate_rules.is_protected_branch(b) || agreement.is_protected_branch(b);
      });
      if (!u.creates()) {
        if (!is_fast_forward(repo, u.old_id, tip))
          findings.push_back(ref_finding(rule::kNonFastForward, u,
                                         "rewriting the protected branch " + *branch + " (a non-fast-forward push from " +
                                             short_id(u.old_id) + " to " + short_id(tip) + ") is not allowed",
                                         "fetch, rebase or merge onto " + *branch + " and push again; " +
                                             break_glass_fix(agreement)));
      }
      std::optional<std::string> old_tip;
      if (!u.creates()) old_tip = u.old_id;
      j.judged = git::landed_commits(repo, tip, old_tip, hidden);
      budget.check("listing the pushed commits");
      // The push's net effect: protected paths that differ between the old and the new tip must
      // have that content from a judged commit (a creation has no old tip to compare with).
      std::optional<git::NetEffect> net;
      if (old_tip)
        net.emplace(repo, old_tip, tip, [&](const std::string& p) { return is_guarded(agreement, p); });
      budget.check("comparing the old and the new tip");

      std::vector<CommitFacts> facts = read_commits(repo, j.judged, budget);
      CommitSigners signers(agreement, repo, budget);
      auto signatures = signed_approvals(repo, j.judged, facts, signers, budget);
      for (const auto& p : signers.problems()) result.notes.push_back(p);
      auto introducers = store.lookup(std::unordered_set<std::string>(j.judged.begin(), j.judged.end()));

      for (CommitFacts& c : facts) {
        budget.check("judging the pushed commits");
        all_commits.insert(c.id);
        all_paths.insert(c.paths.begin(), c.paths.end());
        titles.emplace(c.id, c.subject + " (" + c.author.display() + ")");
        ServerChangeInput in;
        if (auto it = introducers.find(c.id); it != introducers.end()) in.introducer = it->second;
        else if (new_to_server.count(c.id) && !input.pusher.username.empty()) in.introducer = input.pusher.username;
        in.pusher = input.pusher.username;
        if (auto it = signatures.find(c.id); it != signatures.end()) in.signatures = it->second;
        for (const std::string& p : c.paths)
          if (auto why = bad_tree_entry(p)) {
            Finding f = ref_finding(rule::kBadTreeEntry, u,
                                    "commit " + short_id(c.id) + " lands a tree git cannot check out: " + *why,
                                    "rewrite the commit without that entry and push again");
            f.commit = c.id;
            f.paths = {p};
            findings.push_back(std::move(f));
          }
        std::string id = c.id;
        if (net) net->add(c);
        in.commit = std::move(c);
        Judgement judgement = evaluate(agreement, build_server_change(agreement, std::move(in)), context);
        for (auto& f : judgement.findings) findings.push_back(std::move(f));
        for (auto& a : judgement.areas) result.report.areas.push_back(std::move(a));
      }
      if (net)
        if (auto unexplained = net->unexplained(); !unexplained.empty()) {
          // Judged as the new tip's own change, with the pusher among its authors.
          Change proto = net_effect_change(repo.commit_facts(tip), std::move(unexplained));
          ServerChangeInput in;
          in.commit = std::move(proto.commits.front());
          in.pusher = input.pusher.username;
          if (auto it = introducers.find(tip); it != introducers.end()) in.introducer = it->second;
          if (auto it = signatures.find(tip); it != signatures.end()) in.signatures = it->second;
          titles.emplace(tip, in.commit.subject + " (" + in.commit.author.display() + ")");
          Change change = build_server_change(agreement, std::move(in));
          change.net_effect = true;
          if (!input.pusher.username.empty()) {
            Identity pusher;
            pusher.username = input.pusher.username;
            change.extra_authors.push_back({pusher, ExtraAuthorRole::pusher});
          }
          Judgement judgement = evaluate(agreement, change, context);
          for (auto& f : judgement.findings) findings.push_back(std::move(f));
          for (auto& a : judgement.areas) result.report.areas.push_back(std::move(a));
        }
      if (!gate.from_config)
        if (auto f = check_pushed_agreement(repo, u, *branch, tip)) findings.push_back(*f);
    }
    if (input.override_reason) apply_override(agreement, input.pusher.username, *input.override_reason, findings);
    for (const auto& f : findings) add_finding(f);
    result.refs.push_back(std::move(j));
  }

  if (input.override_reason && result.any_protected) {
    bool refused = false;
    for (const auto& f : result.report.findings)
      refused = refused || (f.rule == rule::kOverride && f.severity == Severity::block);
    result.override_accepted = !refused;
  }
  if (input.pusher.username.empty())
    result.notes.push_back("the pusher is unknown (none of LANEGUARD_PUSHER, GITHUB_USER_LOGIN, GL_USERNAME, "
                           "GITEA_PUSHER_NAME, GL_USER, REMOTE_USER is set): only signed approvals count");
  std::set<std::string> titled;
  for (const auto& f : result.report.findings)
    if (auto t = titles.find(f.commit); t != titles.end() && titled.insert(f.commit).second)
      result.report.titles.emplace_back(f.commit, t->second);
  result.report.commits = all_commits.size();
  result.report.paths = all_paths.size();
  return result;
}

}  // namespace laneguard::server
