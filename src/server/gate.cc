#include "server/gate.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/evaluate.h"
#include "core/landing.h"
#include "core/net_effect.h"
#include "facts/identity.h"
#include "git/ai_notes.h"
#include "git/promotion_scan.h"
#include "git/landed.h"
#include "git/line_counts.h"
#include "git/read_commits.h"
#include "server/change_builder.h"
#include "server/history.h"
#include "server/patch_identity.h"
#include "server/server_agreement.h"
#include "server/signers.h"
#include "server/tree_entries.h"
#include "util/pipeline.h"

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

// Verified signatures on the landed commits (SPEC section 4): the signer of a commit is one of its
// authors; a verified signature on a landed merge approves the commits it brings in from its other
// parents.
struct Signatures {
  std::unordered_map<std::string, const Person*> signer_of;                // commit -> its own signer
  std::unordered_map<std::string, std::vector<SignedApproval>> approvals;  // commit -> merges bringing it in
};

Signatures read_signatures(const git::Repository& repo, const std::vector<std::string>& landed,
                           const std::vector<CommitFacts>& facts, CommitSigners& signers, const Budget& budget) {
  Signatures out;
  std::unordered_set<std::string> landed_set(landed.begin(), landed.end());
  for (const CommitFacts& c : facts) {
    budget.check("reading commit signatures");
    if (!c.maybe_signed) continue;  // no signature header: nothing to verify
    const Person* signer = signers.signer(c.id);
    if (!signer) continue;
    out.signer_of[c.id] = signer;
    if (!c.is_merge()) continue;
    for (std::size_t i = 1; i < c.parents.size(); ++i) {
      for (const auto& brought : repo.commits_between(c.parents[i], {c.parents[0]})) {
        if (landed_set.count(brought)) out.approvals[brought].push_back({signer, c.id, true});
      }
    }
  }
  return out;
}

// Blocks a push that lands an agreement the server could not read afterwards.
std::optional<Finding> check_pushed_agreement(const git::Repository& repo, const RefUpdate& u,
                                              const std::string& branch, const std::string& new_commit) {
  AgreementFile pushed = agreement_file_at(repo, new_commit);
  if (!pushed.present) return std::nullopt;
  if (!u.creates() && pushed.error.empty()) {
    AgreementFile before = agreement_file_at(repo, u.old_id);
    if (before.present && before.error.empty() && before.text == pushed.text) return std::nullopt;
  }
  std::string error = pushed.error.empty() ? "" : std::string(kAgreementPath) + " " + pushed.error;
  if (error.empty()) {
    try {
      parse_agreement(pushed.text, short_id(new_commit) + ":" + kAgreementPath);
      return std::nullopt;
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  Finding f = ref_finding(rule::kAgreementError, u,
                          "the " + std::string(kAgreementPath) + " this push lands on " + branch +
                              " cannot be read: " + error,
                          "fix the agreement (laneguard lint; a regular file of at most 1 MiB) and push again");
  f.commit = new_commit;
  f.paths = {kAgreementPath};
  return f;
}

// Who introduced each judged commit: the store's record, else (for a commit this push brings to the
// server, or any commit without a record on a merge-button push) the pull request's author or the
// pusher; otherwise nobody knows.
std::unordered_map<std::string, ServerChangeInput> introducers_of(const std::vector<std::string>& judged,
                                                                  const IntroducerStore& store,
                                                                  const std::unordered_set<std::string>& new_to_server,
                                                                  const GateInput& input, GateResult& result) {
  std::unordered_map<std::string, std::string> records;
  try {
    records = store.lookup(std::unordered_set<std::string>(judged.begin(), judged.end()));
  } catch (const std::exception& e) {
    throw StoreUnavailable("cannot read who introduced the pushed commits (" + store.path() + "): " + e.what());
  }
  std::unordered_map<std::string, ServerChangeInput> out;
  for (const std::string& id : judged) {
    ServerChangeInput& in = out[id];
    auto by = [&](const std::string& account) {
      in.introduced = Introduced::by_account;
      in.introducer = account;
    };
    if (auto it = records.find(id); it != records.end()) {
      if (it->second == kPreExistingIntroducer) in.introduced = Introduced::pre_existing;
      else if (it->second.empty() || it->second == kUnknownIntroducer) in.introduced = Introduced::unknown;
      else by(it->second);
    } else if (!input.pull_request_author.empty()) {
      by(input.pull_request_author);
      if (!new_to_server.count(id)) result.introduced.push_back(id);
    } else if (new_to_server.count(id) && !input.pusher.username.empty()) {
      by(input.pusher.username);
    }
  }
  return out;
}

bool same_person(const Agreement& agreement, const std::string& a, const std::string& b) {
  const Person* pa = resolve_person(agreement, account_identity(a));
  const Person* pb = resolve_person(agreement, account_identity(b));
  if (pa || pb) return pa == pb;
  return iequals(a, b);
}

constexpr std::size_t kMaxRebaseCandidates = 2000;

// A judged commit the pusher introduced that is patch-identical to a commit someone else
// introduced (an engineer rebasing or cherry-picking a PM's commits) inherits that introducer and
// that commit's authors; the pusher's committer line alone does not make her an author.
void inherit_from_originals(const git::Repository& repo, const Agreement& agreement, const std::vector<CommitFacts>& facts,
                            const std::vector<std::string>& tips_before, const std::vector<std::string>& hidden,
                            const IntroducerStore& store, const GateInput& input, const Budget& budget,
                            std::unordered_map<std::string, ServerChangeInput>& introduced, GateResult& result) {
  std::vector<std::string> mine;
  for (const CommitFacts& c : facts) {
    const ServerChangeInput& in = introduced[c.id];
    if (!c.is_merge() && in.introduced == Introduced::by_account &&
        same_person(agreement, in.introducer, input.pusher.username))
      mine.push_back(c.id);
  }
  if (mine.empty()) return;
  auto candidates = rebase_candidates(repo, tips_before, hidden, kMaxRebaseCandidates);
  auto originals = patch_identical(repo, mine, candidates, budget);
  if (originals.empty()) return;
  std::unordered_set<std::string> ids;
  for (const auto& [commit, original] : originals) ids.insert(original);
  std::unordered_map<std::string, std::string> records;
  try {
    records = store.lookup(ids);
  } catch (const std::exception& e) {
    throw StoreUnavailable("cannot read who introduced the pushed commits (" + store.path() + "): " + e.what());
  }
  for (const auto& [commit, original] : originals) {
    auto r = records.find(original);
    if (r == records.end() || r->second == kPreExistingIntroducer || r->second == kUnknownIntroducer) continue;
    if (same_person(agreement, r->second, input.pusher.username)) continue;
    ServerChangeInput& in = introduced[commit];
    CommitFacts of = repo.commit_facts(original);
    in.introducer = r->second;
    in.inherited_authors.push_back(of.author);
    for (const Identity& co : of.co_authors) in.inherited_authors.push_back(co);
    in.original_committer = of.committer;
    result.inherited.emplace_back(commit, r->second);
    result.notes.push_back("commit " + short_id(commit) + " is a rebase or cherry-pick of " + short_id(original) +
                           " (the same patch), which " + r->second + " introduced: judged with its authors");
  }
}

std::string branch_at(const std::vector<std::pair<std::string, std::string>>& branches, const std::string& commit) {
  auto it = std::lower_bound(branches.begin(), branches.end(), std::make_pair(commit, std::string()));
  return it != branches.end() && it->first == commit ? it->second : "";
}

std::string unknown_introducer_note(const std::set<std::string>& commits) {
  std::string ids;
  std::size_t shown = 0;
  for (const auto& id : commits) {
    if (shown++ == 3) {
      ids += ", ...";
      break;
    }
    ids += (ids.empty() ? "" : ", ") + short_id(id);
  }
  return "nobody knows who first pushed " + std::to_string(commits.size()) + " commit(s) blocked here (" + ids +
         "): they reached the server without laneguard's hook (through a platform ref such as refs/pull/N/head "
         "or refs/merge-requests/N/head, or before laneguard was installed) or a bot pushed them first, so a "
         "push does not approve them. Have a member of the owning lane sign a merge that brings them in, or "
         "merge the pull request with the platform's merge button (which names its author), or rebase them "
         "onto a new base and push the new commits to a branch of your own first";
}

// Where the server keeps the index of the prototype files (git/promotion_scan.h): beside the
// introducer store; empty when the store is not a file (nothing is cached).
std::string promotion_cache_path(const IntroducerStore& store) {
  const std::string& db = store.path();
  auto slash = db.rfind('/');
  if (db.empty() || slash == std::string::npos) return "";
  return db.substr(0, slash + 1) + "promotion-index";
}

// Every landed commit's facts, from the same git adapter `check` and the local hooks use, read on
// as many threads as git config laneguard.threads allows (git/read_commits.h).
std::vector<CommitFacts> read_commits(const git::Repository& repo, const std::vector<std::string>& ids,
                                      const Budget& budget) {
  unsigned threads = thread_count(repo.config_string("laneguard.threads"));
  return git::read_commits(repo, ids, threads, [&] { budget.check("reading the pushed commits"); });
}

}  // namespace

namespace {

// repo.commits_between, each walk made once per push: the commits new to the server and those a
// push lands on its branch are often the same walk (a push to main when main is the only ref).
// The order of the hidden tips does not change the answer.
class Walks {
 public:
  explicit Walks(const git::Repository& repo) : repo_(repo) {}
  const std::vector<std::string>& between(const std::string& tip, std::vector<std::string> hidden) {
    std::sort(hidden.begin(), hidden.end());
    hidden.erase(std::unique(hidden.begin(), hidden.end()), hidden.end());
    auto key = std::make_pair(tip, std::move(hidden));
    auto it = done_.find(key);
    if (it == done_.end()) {
      std::vector<std::string> commits = repo_.commits_between(key.first, key.second);
      it = done_.emplace(std::move(key), std::move(commits)).first;
    }
    return it->second;
  }

 private:
  const git::Repository& repo_;
  std::map<std::pair<std::string, std::vector<std::string>>, std::vector<std::string>> done_;
};

std::vector<std::string> new_to_server(const git::Repository& repo, Walks& walks, const std::vector<RefUpdate>& updates,
                                       const std::vector<std::string>& tips_before) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& u : updates) {
    if (u.deletes()) continue;
    std::string tip = peel_to_commit(repo, u.new_id);
    if (tip.empty()) continue;
    for (const std::string& id : walks.between(tip, tips_before))
      if (seen.insert(id).second) out.push_back(id);
  }
  return out;
}

}  // namespace

std::vector<std::string> commits_new_to_server(const git::Repository& repo, const std::vector<RefUpdate>& updates,
                                               const std::vector<std::string>& tips_before) {
  Walks walks(repo);
  return new_to_server(repo, walks, updates, tips_before);
}

OnError on_error_of(const AgreementChoice& gate) {
  return gate.agreement ? gate.agreement->on_error : OnError::block;
}

GateResult judge_push(const git::Repository& repo, const AgreementChoice& gate, const GateInput& input,
                      const IntroducerStore& store, const ApprovalStore& approvals, const Budget& budget) {
  GateResult result;
  const Agreement fallback = gate.agreement ? Agreement{} : load_default_agreement();
  const Agreement& gate_rules = gate.agreement ? *gate.agreement : fallback;
  result.on_error = on_error_of(gate);
  const Severity error_severity = result.on_error == OnError::allow ? Severity::warn : Severity::block;
  budget.check("reading the agreement");

  const std::vector<std::string> tips_before = ref_tips(repo);
  Walks walks(repo);
  result.introduced = new_to_server(repo, walks, input.updates, tips_before);
  const std::unordered_set<std::string> new_to_server(result.introduced.begin(), result.introduced.end());
  budget.check("listing the pushed commits");

  Context context;
  context.trust_claims = false;
  context.where = Context::Where::server;

  result.introducer = input.pull_request_author.empty() ? input.pusher.username : input.pull_request_author;
  // The unprotected branches before the push: where a reviewer finds a change to approve.
  const std::vector<std::pair<std::string, std::string>> branch_names =
      branches_by_tip(repo, [&](const std::string& b) { return !gate_rules.is_protected_branch(b); });
  std::set<std::string> seen_findings, all_paths, all_commits, unknown_introducer, seen_ai;
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
    if (u.ref.rfind(kReservedRefPrefix, 0) == 0) {  // an approval by push, or nothing
      j.is_protected = true;
      j.approval = true;
      result.any_protected = true;
      if (result.override_people.empty()) result.override_people = who_may_override(gate_rules);
      std::vector<std::string> protected_tips = branch_tips(repo, [&](const std::string& b) {
        return gate_rules.is_protected_branch(b);
      });
      ApprovalPushJudgement a = judge_approval_push(repo, gate_rules, u, input.pusher, protected_tips, new_to_server,
                                                    store, budget);
      if (input.override_reason && !a.findings.empty())
        apply_override(gate_rules, input.pusher.username, *input.override_reason, a.findings);
      for (const auto& f : a.findings) add_finding(f);
      for (const auto& f : a.forged) add_finding(f);
      if (a.record) result.approvals.push_back(std::move(*a.record));
      result.refs.push_back(std::move(j));
      continue;
    }
    auto branch = u.branch();
    if (!branch) {  // tags, notes and other refs pass
      result.refs.push_back(std::move(j));
      continue;
    }
    std::vector<AgreementChoice> choices =
        branch_agreements(repo, *branch, u.creates() ? std::nullopt : std::optional<std::string>(u.old_id), gate);
    j.is_protected = gate_rules.is_protected_branch(*branch);
    for (const auto& c : choices)
      j.is_protected = j.is_protected || (c.agreement && c.agreement->is_protected_branch(*branch));
    if (!j.is_protected) {
      result.refs.push_back(std::move(j));
      continue;
    }
    result.any_protected = true;
    if (!choices.front().agreement) {
      Finding f = ref_finding(rule::kAgreementError, u, "the agreement cannot be read: " + choices.front().error,
                              "fix the agreement, or ask a server administrator to set git config "
                              "laneguard.agreement");
      f.severity = error_severity;
      add_finding(f);
      result.refs.push_back(std::move(j));
      continue;
    }
    // The gate's agreement decides messages and break glass; every judging agreement's findings count.
    const Agreement& agreement = *choices.front().agreement;
    std::vector<const Agreement*> judges;
    for (const auto& c : choices) {
      judges.push_back(&*c.agreement);
      j.agreement += (j.agreement.empty() ? "" : " and ") + c.agreement->source;
    }
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
        for (const Agreement* a : judges)
          if (a->is_protected_branch(b)) return true;
        return gate_rules.is_protected_branch(b);
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
      j.judged = walks.between(tip, git::landed_hidden(old_tip, hidden));  // git::landed_commits, walked once
      budget.check("listing the pushed commits");
      // The push's net effect: protected paths that differ between the old and the new tip must
      // have that content from a judged commit (a creation has no old tip to compare with).
      std::optional<git::NetEffect> net;
      if (old_tip && !git::judged_line(repo, old_tip, tip, j.judged))
        net.emplace(repo, old_tip, tip, [&](const std::string& p) { return is_guarded(agreement, p); });
      budget.check("comparing the old and the new tip");

      std::vector<CommitFacts> facts = read_commits(repo, j.judged, budget);
      {
        // AI attribution notes count as evidence, those this very push brings included (the notes
        // refs are not updated until the push is accepted); never as a label or an approval.
        std::vector<std::pair<std::string, std::string>> pushed_notes;
        for (const RefUpdate& n : input.updates)
          if (n.ref.rfind("refs/notes/", 0) == 0 && !n.deletes()) pushed_notes.emplace_back(n.ref, n.new_id);
        git::AiNotes notes(repo.get(), agreement.ai, pushed_notes);
        for (CommitFacts& c : facts) notes.attach(c);
        budget.check("reading the AI attribution notes");
      }
      std::unordered_map<std::string, ServerChangeInput> introduced =
          introducers_of(j.judged, store, new_to_server, input, result);
      std::unordered_map<std::string, std::vector<PushedApproval>> pushed_approvals;
      try {
        pushed_approvals = approvals.lookup(std::unordered_set<std::string>(j.judged.begin(), j.judged.end()));
      } catch (const std::exception& e) {
        throw StoreUnavailable("cannot read the approvals given by push (" + approvals.path() + "): " + e.what());
      }
      budget.check("reading the approvals");
      // What a reviewer names to approve by push: a branch on the server at the pushed tip (or at
      // the commit), else the commit's id; nothing for commits the server does not have yet.
      auto approve_revision = [&, tip_branch = branch_at(branch_names, tip)](const std::string& id) -> std::string {
        if (new_to_server.count(id)) return "";
        if (!new_to_server.count(tip)) return tip_branch.empty() ? short_id(tip) : tip_branch;
        std::string at = branch_at(branch_names, id);
        return at.empty() ? short_id(id) : at;
      };
      {
        std::vector<std::string> not_candidates{tip};
        if (!u.creates()) not_candidates.push_back(u.old_id);
        inherit_from_originals(repo, agreement, facts, tips_before, not_candidates, store, input, budget, introduced,
                               result);
      }
      for (const CommitFacts& c : facts) {
        all_commits.insert(c.id);
        all_paths.insert(c.paths.begin(), c.paths.end());
        titles.emplace(c.id, c.subject + " (" + c.author.display() + ")");
        for (const std::string& p : c.paths)
          if (auto why = bad_tree_entry(p)) {
            Finding f = ref_finding(rule::kBadTreeEntry, u,
                                    "commit " + short_id(c.id) + " lands a tree git cannot check out: " + *why,
                                    "rewrite the commit without that entry and push again");
            f.commit = c.id;
            f.paths = {p};
            findings.push_back(std::move(f));
          }
        if (net) net->add(c);
      }
      // The push to this branch as one change, for tiers' rules of the whole (core/landing.h):
      // splitting a change into many commits of one push changes nothing.
      std::vector<CommitFacts> landing_commits;
      for (const Agreement* judge : judges)
        if (tiers_judge_landing(*judge)) {
          for (const CommitFacts& c : facts) landing_commits.push_back(landing_facts(c));
          break;
        }
      Signatures primary_signatures;  // the gate agreement's, for the net effect below
      for (std::size_t k = 0; k < judges.size(); ++k) {
        const Agreement* judge = judges[k];
        const bool last = k + 1 == judges.size();
        CommitSigners signers(*judge, repo, budget);
        // prototype-promotion: the gate agreement's index of the prototype files is kept between
        // pushes (keyed by the tree it describes); another judging agreement builds its own.
        git::PromotionScanner promotions(repo, *judge);
        const std::string promotion_cache = promotion_cache_path(store);
        if (k == 0 && !promotion_cache.empty()) promotions.load(promotion_cache);
        Signatures signatures = read_signatures(repo, j.judged, facts, signers, budget);
        if (k == 0) primary_signatures = signatures;
        for (const auto& p : signers.problems()) result.notes.push_back(p);
        for (CommitFacts& c : facts) {
          budget.check("judging the pushed commits");
          const std::string id = c.id;
          ServerChangeInput in = introduced[id];
          in.pusher = input.pusher.username;
          if (auto it = signatures.signer_of.find(id); it != signatures.signer_of.end()) in.signer = it->second;
          if (auto it = signatures.approvals.find(id); it != signatures.approvals.end()) in.signatures = it->second;
          if (auto it = pushed_approvals.find(id); it != pushed_approvals.end())
            for (const PushedApproval& a : it->second) in.approved_by_push.push_back(a.approver);
          context.approve_revision = approve_revision(id);
          if (last) in.commit = std::move(c);
          else in.commit = c;
          add_directory_like_entries(repo, *judge, in.commit);
          promotions.scan(in.commit);
          bool unknown = introducer_unknown(*judge, in);
          Change change = build_server_change(*judge, std::move(in));
          change.extent = Extent::commit;
          Judgement judgement = evaluate(*judge, change, context);
          for (auto& f : judgement.findings) {
            if (unknown && f.severity == Severity::block) unknown_introducer.insert(id);
            findings.push_back(std::move(f));
          }
          for (auto& a : judgement.areas) result.report.areas.push_back(std::move(a));
          for (auto& v : judgement.ai)
            if (seen_ai.insert(v.commit).second) result.report.ai.push_back(std::move(v));
        }
        // Kept at the old tip's tree: it is on the server whether or not this push is accepted
        // (the pushed objects leave with a rejected push), and the next push starts near it.
        if (k == 0 && !promotion_cache.empty() && promotions.active() && !facts.empty() && old_tip) {
          git_oid at;
          git_oid_fromstr(&at, old_tip->c_str());
          promotions.save(promotion_cache, repo.commit_graph().tree_of(at));
        }
      }
      if (!landing_commits.empty()) {
        budget.check("judging the push as a whole");
        std::vector<ExtraAuthor> brought;  // who introduced the commits
        for (const std::string& id : j.judged)
          if (auto it = introduced.find(id); it != introduced.end() && it->second.introduced == Introduced::by_account)
            brought.push_back({account_identity(it->second.introducer), ExtraAuthorRole::introducer});
        Change change = landing_change(tip, std::move(landing_commits), std::move(brought));
        for (const Agreement* judge : judges) {
          if (!tiers_judge_landing(*judge)) continue;
          if (!change.lines_counted && needs_line_counts(*judge, change)) {
            change.lines = git::landing_lines(repo.get(), old_tip, tip, change.commits);
            change.lines_counted = true;
            budget.check("counting the pushed lines");
          }
          Judgement judgement = evaluate(*judge, change, context);
          for (auto& f : judgement.findings) findings.push_back(std::move(f));
        }
      }
      if (net)
        if (auto unexplained = net->unexplained(); !unexplained.empty()) {
          // Judged as the new tip's own change, with the pusher among its authors.
          Change proto = net_effect_change(repo.commit_facts(tip), std::move(unexplained));
          ServerChangeInput in;
          if (auto it = introduced.find(tip); it != introduced.end()) {
            in.introduced = it->second.introduced;
            in.introducer = it->second.introducer;
          }
          in.commit = std::move(proto.commits.front());
          in.pusher = input.pusher.username;
          if (auto it = primary_signatures.approvals.find(tip); it != primary_signatures.approvals.end())
            in.signatures = it->second;
          titles.emplace(tip, in.commit.subject + " (" + in.commit.author.display() + ")");
          Change change = build_server_change(agreement, std::move(in));
          change.net_effect = true;
          context.approve_revision.clear();  // approvals by push name commits, not a range's net effect
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
  if (!unknown_introducer.empty()) result.notes.push_back(unknown_introducer_note(unknown_introducer));
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
