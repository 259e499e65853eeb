// The evaluator: (agreement, change, context) -> findings. Pure: no I/O, no git, no output formats.
#include "core/evaluate.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "agreement/path_index.h"
#include "core/ai_judgement.h"
#include "core/definition_of_done.h"
#include "core/promotion.h"
#include "core/wording.h"
#include "facts/ai_markers.h"
#include "facts/identity.h"

namespace laneguard {
namespace {

// Someone who counts as an author of the change, resolved to a person when the agreement knows them.
struct Author {
  std::string person;   // person key; empty when unknown
  std::string display;  // for messages when unknown
  bool primary = false; // commit author, introducer or PR author: decides lane membership
};

// An approval after resolution, with why it does or does not count.
struct ResolvedApproval {
  const Approval* approval;
  std::string person;       // person key; empty when unknown
  enum class Status { counts, self, unknown, unverified, bot, ai } status = Status::counts;
};

std::string name_of(const ResolvedApproval& a) {
  return a.person.empty() ? a.approval->who.display() : a.person;
}

// What the evaluator knows about the change before applying any rule.
struct Facts {
  std::vector<Author> authors;
  std::set<std::string> author_people;  // person keys among the authors
  std::vector<std::string> author_labels;  // person keys, else raw identities, for Finding::people
  std::unordered_set<std::string> author_label_set;  // the same, to keep adding linear
  std::vector<ResolvedApproval> approvals;
  // Per commit: the paths it is judged on (own changes only for merges): a view of the commit's
  // paths, or of a merge's own ones kept in merges_own (a commit of 50,000 files is not copied).
  JudgedPaths judged_paths;
  std::deque<std::vector<std::string>> merges_own;
  bool agent_authored = false;  // an AI identity authored, committed, opened, pushed or introduced it
  bool agent_primary = false;   // an agent is a primary author (commit author, opener, introducer)
};

void add_author(const Agreement& agreement, const AiSettings& ai, const Identity& who, bool primary,
                Facts& facts) {
  if (who.empty() || is_ai_identity(who, ai)) return;
  Author a;
  if (const Person* p = resolve_person(agreement, who)) a.person = p->key;
  a.display = who.display();
  a.primary = primary;
  if (!a.person.empty()) facts.author_people.insert(a.person);
  std::string label = a.person.empty() ? a.display : a.person;
  if (facts.author_label_set.insert(label).second) facts.author_labels.push_back(label);
  facts.authors.push_back(std::move(a));
}

// A person the agreement lists whose identities are an AI's or a bot account's (`claude[bot]` listed
// among a lane's members): never an approver, whatever the lanes say.
bool person_is_ai(const Person& p, const AiSettings& ai) {
  for (const std::string& e : p.emails)
    if (is_ai_approver(Identity{"", e, ""}, ai)) return true;
  for (const std::string& u : p.usernames)
    if (is_ai_approver(Identity{"", "", u}, ai)) return true;
  return false;
}

// An agent authored the change: an AI identity is a commit's author or committer, or opened,
// pushed or introduced it (the pull request opened by `Copilot`, a branch claude[bot] pushed).
bool agent_authored(const Change& change, const AiSettings& ai) {
  for (const CommitFacts& c : change.commits)
    if (is_ai_identity(c.author, ai) || is_ai_identity(c.committer, ai)) return true;
  for (const ExtraAuthor& e : change.extra_authors)
    if (e.role != ExtraAuthorRole::pr_assignee && e.role != ExtraAuthorRole::agent_human &&
        e.role != ExtraAuthorRole::signer && is_ai_identity(e.who, ai))
      return true;
  return false;
}

Facts gather(const Agreement& agreement, const Change& change, const Context& context) {
  Facts facts;
  facts.agent_authored = agent_authored(change, agreement.ai);
  for (const CommitFacts& c : change.commits) {
    add_author(agreement, agreement.ai, c.author, true, facts);
    add_author(agreement, agreement.ai, c.committer, false, facts);
    for (const Identity& co : c.co_authors) add_author(agreement, agreement.ai, co, false, facts);
    // Whoever an attribution note says directed the agent that wrote lines of it (git-ai's human_author).
    if (!c.notes_evidence.empty())
      for (const Identity& h : c.agent_humans) add_author(agreement, agreement.ai, h, false, facts);
    if (c.all_own()) {  // no copy of a commit's paths
      facts.judged_paths.emplace_back(c.paths);
    } else {
      facts.merges_own.push_back(c.own_paths());
      facts.judged_paths.emplace_back(facts.merges_own.back());
    }
  }
  for (const ExtraAuthor& e : change.extra_authors) {
    bool behind_agent = e.role == ExtraAuthorRole::pr_assignee || e.role == ExtraAuthorRole::agent_human;
    // The human behind an agent is an author only of what an agent wrote; then they directed it,
    // as much an author as its opener.
    if (behind_agent && !facts.agent_authored) continue;
    bool primary = e.role == ExtraAuthorRole::introducer || e.role == ExtraAuthorRole::pr_author ||
                   e.role == ExtraAuthorRole::local_user || e.role == ExtraAuthorRole::pusher || behind_agent;
    add_author(agreement, agreement.ai, e.who, primary, facts);
  }
  // An agent as a commit's author, or as the one who opened, pushed or introduced the change, is a
  // member of no lane: lane rules see an outsider (it is left out of the people, which name humans).
  for (const CommitFacts& c : change.commits)
    if (is_ai_identity(c.author, agreement.ai)) facts.agent_primary = true;
  for (const ExtraAuthor& e : change.extra_authors)
    if ((e.role == ExtraAuthorRole::introducer || e.role == ExtraAuthorRole::pr_author ||
         e.role == ExtraAuthorRole::pusher) && is_ai_identity(e.who, agreement.ai))
      facts.agent_primary = true;
  for (const Approval& a : change.approvals) {
    ResolvedApproval r{&a, {}, ResolvedApproval::Status::counts};
    const Person* who = resolve_person(agreement, a.who);
    if (who) r.person = who->key;
    // AI never approves: decided before authentication, so every mode says the same.
    // A trailer naming a tool (`Reviewed-by: Claude:opus-4`), an account the platform calls a bot.
    bool names_tool = a.source == ApprovalSource::trailer && a.who.email.empty() &&
                      names_ai_tool(a.who.username, agreement.ai);
    if (is_ai_approver(a.who, agreement.ai) || names_tool || a.platform_bot ||
        (who && person_is_ai(*who, agreement.ai)))
      r.status = ResolvedApproval::Status::ai;
    else if (!a.authenticated && !context.trust_claims)
      r.status = ResolvedApproval::Status::unverified;
    else if (who && who->bot)
      r.status = ResolvedApproval::Status::bot;
    else if (r.person.empty())
      r.status = ResolvedApproval::Status::unknown;
    else if (facts.author_people.count(r.person))
      r.status = ResolvedApproval::Status::self;
    facts.approvals.push_back(r);
  }
  return facts;
}

// Members who could approve: not authors, not bots, not AI (neither ever approves).
std::vector<std::string> members_except(const Agreement& agreement, const Lane& lane,
                                        const std::set<std::string>& authors) {
  std::vector<std::string> out;
  for (const std::string& m : lane.members) {
    const Person* p = agreement.person(m);
    if (!authors.count(m) && !(p && (p->bot || person_is_ai(*p, agreement.ai)))) out.push_back(m);
  }
  return out;
}

// One requirement: `count` distinct approvals from members of `lanes`, at least one from each lane.
struct Requirement {
  std::string area;  // name for messages
  std::vector<const Lane*> lanes;
  int count = 1;
  std::vector<std::string> paths;
};

struct Outcome {
  std::vector<std::string> approved_by;
  std::vector<std::string> approved_how;  // parallel: how each counted approval was given
  std::vector<std::string> discarded;
  std::vector<std::string> self_approvers;
  std::vector<const Lane*> lanes_missing;  // lanes with no counted approval
  int still_needed = 0;
  bool satisfied = false;
  bool pusher_counted = false;  // the pusher's own approval is among those counted (server)
};

Outcome judge(const Agreement& agreement, const Requirement& req, const Facts& facts) {
  Outcome out;
  std::set<std::string> counted;
  std::set<const Lane*> lanes_with_approval;
  for (const ResolvedApproval& a : facts.approvals) {
    switch (a.status) {
      case ResolvedApproval::Status::unverified:
        out.discarded.push_back(a.approval->who.display() + " (unverified claim)");
        continue;
      case ResolvedApproval::Status::unknown:
        out.discarded.push_back(a.approval->who.display() + " (not in the agreement's people)");
        continue;
      case ResolvedApproval::Status::bot:
        out.discarded.push_back(a.person + " (a bot: bots never approve)");
        continue;
      case ResolvedApproval::Status::ai:
        out.discarded.push_back(name_of(a) + " (an AI or bot account: AI never approves)");
        continue;
      case ResolvedApproval::Status::self:
        out.discarded.push_back(a.person + " (an author of the change)");
        out.self_approvers.push_back(a.person);
        continue;
      case ResolvedApproval::Status::counts:
        break;
    }
    bool member = false;
    for (const Lane* lane : req.lanes)
      if (agreement.is_member(*lane, a.person)) {
        member = true;
        lanes_with_approval.insert(lane);
      }
    if (!member) {
      out.discarded.push_back(a.person + " (not a member of " + lane_list(req.lanes) + ")");
      continue;
    }
    if (counted.insert(a.person).second) {
      out.approved_by.push_back(a.person);
      out.approved_how.push_back(a.approval->note);
    } else {
      auto at = std::find(out.approved_by.begin(), out.approved_by.end(), a.person) - out.approved_by.begin();
      std::string& how = out.approved_how[static_cast<std::size_t>(at)];
      if (!a.approval->note.empty() && how.find(a.approval->note) == std::string::npos)
        how += (how.empty() ? "" : "; ") + a.approval->note;
    }
    if (a.approval->source == ApprovalSource::pusher) out.pusher_counted = true;
  }
  for (const Lane* lane : req.lanes)
    if (!lanes_with_approval.count(lane)) out.lanes_missing.push_back(lane);
  int have = static_cast<int>(counted.size());
  out.still_needed = std::max(req.count - have, static_cast<int>(out.lanes_missing.size()));
  out.satisfied = out.still_needed <= 0;
  // Keep each discarded note once.
  std::sort(out.discarded.begin(), out.discarded.end());
  out.discarded.erase(std::unique(out.discarded.begin(), out.discarded.end()), out.discarded.end());
  std::sort(out.self_approvers.begin(), out.self_approvers.end());
  out.self_approvers.erase(std::unique(out.self_approvers.begin(), out.self_approvers.end()),
                           out.self_approvers.end());
  return out;
}

// Who could still approve: members of the missing lanes (or all lanes) who are not authors.
std::vector<std::string> possible_approvers(const Agreement& agreement, const Requirement& req, const Outcome& out,
                                            const Facts& facts) {
  std::vector<std::string> who;
  const auto& lanes = out.lanes_missing.empty() ? req.lanes : out.lanes_missing;
  for (const Lane* lane : lanes)
    for (const std::string& m : members_except(agreement, *lane, facts.author_people))
      if (std::find(out.approved_by.begin(), out.approved_by.end(), m) == out.approved_by.end() &&
          std::find(who.begin(), who.end(), m) == who.end())
        who.push_back(m);
  return who;
}

void judge_requirement(const Agreement& agreement, const Change& change, const Context& context,
                       const Requirement& req, const std::string& status_area, const char* unmet_rule,
                       const std::string& requirement_text, const Facts& facts, Judgement& j) {
  Outcome out = judge(agreement, req, facts);
  AreaStatus st;
  st.change = change.id;
  st.area = status_area;
  st.paths = req.paths;
  st.requirement = requirement_text;
  st.approved_by = out.approved_by;
  st.approved_how = out.approved_how;
  st.discarded = out.discarded;
  st.satisfied = out.satisfied;
  if (!out.satisfied) st.missing = missing_text(out.still_needed, out.lanes_missing, req.lanes);
  if (out.satisfied) {
    j.areas.push_back(std::move(st));
    return;
  }

  Finding f;
  bool self = !out.self_approvers.empty();
  f.rule = self && std::string(unmet_rule) == rule::kMissingApproval ? rule::kSelfApproval : unmet_rule;
  if (change.net_effect) f.rule = rule::kUnexplainedChange;
  f.severity = Severity::block;
  f.commit = change.id;
  f.area = req.area;
  f.paths = req.paths;
  f.people = facts.author_labels;
  std::vector<std::string> approvers = possible_approvers(agreement, req, out, facts);
  f.message = unmet_message(std::string(unmet_rule), req.area, requirement_text, out.approved_by,
                            out.self_approvers, st.missing);
  if (change.net_effect)
    f.message = unexplained_preamble() + f.message;
  else if (change.commits.size() == 1 && change.commits.front().is_merge())
    f.message += " " + merge_own_change_note();
  // Another reviewer pushing the change herself replaces the pusher's approval rather than adding one.
  f.fix = approval_fix(context, approvers, req.lanes, facts.author_labels, agreement, out.still_needed,
                       out.still_needed <= 1 && !out.pusher_counted);
  j.areas.push_back(std::move(st));
  j.findings.push_back(std::move(f));
}

std::vector<const Lane*> lanes_of(const Agreement& agreement, const std::vector<std::string>& keys) {
  std::vector<const Lane*> out;
  for (const std::string& k : keys)
    if (const Lane* l = agreement.lane(k)) out.push_back(l);
  return out;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// One finding naming everyone whose approval was set aside with `status`, when there is anyone.
void report_ignored_approvals(const Facts& facts, ResolvedApproval::Status status, const char* rule, Severity severity,
                              std::string (*message)(const std::vector<std::string>&), std::string fix,
                              const std::string& commit, Judgement& j) {
  std::vector<std::string> people;
  for (const ResolvedApproval& a : facts.approvals)
    if (a.status == status) add_unique(people, name_of(a));
  if (people.empty()) return;
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.commit = commit;
  f.message = message(people);
  f.people = std::move(people);
  f.fix = std::move(fix);
  j.findings.push_back(std::move(f));
}

// Tiers' reviews (agreement/tiers.h), judged as a protected area's approvals are: from members of
// the tier's review lanes, or (`from = "anyone"`) from anyone the agreement lists, never an author,
// a bot or an AI. An unmet one has the tier's review severity.
void judge_tier_reviews(const Agreement& agreement, const Change& change, const Context& context, const TierHits& hits,
                        const Facts& facts, Judgement& j) {
  for (std::size_t t = 0; t < agreement.tiers.size(); ++t) {
    const Tier& tier = agreement.tiers[t];
    if (tier.review.approvals <= 0 || hits.paths[t].empty()) continue;
    Lane anyone;
    Requirement req;
    req.area = "tier " + tier.name;
    if (tier.review.anyone) {
      anyone.key = kAnyoneLane;
      for (const Person& p : agreement.people) anyone.members.push_back(p.key);
      req.lanes = {&anyone};
    } else {
      req.lanes = lanes_of(agreement, tier.review.lanes);
    }
    req.count = tier.review.approvals;
    req.paths = hits.paths[t];
    std::size_t before = j.findings.size();
    judge_requirement(agreement, change, context, req, req.area, rule::kMissingApproval,
                      tier_review_text(tier.review), facts, j);
    for (std::size_t k = before; k < j.findings.size(); ++k) j.findings[k].severity = severity_of(tier.review.severity);
  }
}

// prototype-promotion: an undeclared promotion is the agreement's severity; a declared one needs
// the destination lanes' approvals, and is a notice once it has them.
void judge_promotion(const Agreement& agreement, const Change& change, const Context& context, const Promotion& p,
                     const Facts& facts, Judgement& j) {
  const PromotionSettings& s = agreement.promotion;
  Requirement req;
  req.area = "prototype promotion";
  req.lanes = p.to_lanes;
  req.count = s.approvals;
  for (const CopyEvidence* e : p.files) req.paths.push_back(e->path);
  Outcome out = judge(agreement, req, facts);
  if (s.approvals == 0) out.satisfied = true;
  std::vector<std::string> approvers = possible_approvers(agreement, req, out, facts);
  Finding f;
  f.rule = rule::kPrototypePromotion;
  f.severity = promotion_severity(s);
  f.commit = change.commits.size() == 1 ? p.commit->id : change.id;
  f.area = req.area;
  f.paths = req.paths;
  f.people = facts.author_labels;
  if (!p.undeclared.empty()) {
    f.message = promotion_message(agreement, p);
    f.fix = promotion_fix(agreement, p, join_words(approvers, "or"));
  } else if (!out.satisfied) {
    f.message = declared_promotion_message(agreement, p, missing_text(out.still_needed, out.lanes_missing, req.lanes));
    f.fix = approval_fix(context, approvers, req.lanes, facts.author_labels, agreement, out.still_needed,
                         out.still_needed <= 1 && !out.pusher_counted);
  } else {
    f.severity = Severity::notice;
    f.message = accepted_promotion_message(agreement, p, out.approved_by);
    f.fix = "Nothing to do: the promotion is a recorded decision.";
  }
  j.findings.push_back(std::move(f));
}

}  // namespace

Judgement evaluate(const Agreement& agreement, const Change& change, const Context& context) {
  Judgement j;
  Facts facts = gather(agreement, change, context);

  // AI facts and area matches per commit.
  // CI: what the pull request itself shows (opened by an agent, an agent's branch, a tool's footer).
  Identity opener;
  for (const ExtraAuthor& e : change.extra_authors)
    if (e.role == ExtraAuthorRole::pr_author) opener = e.who;
  std::vector<AiEvidence> change_evidence =
      find_pull_request_ai_evidence(opener, change.pr_head_branch, change.pr_description, agreement.ai);
  std::vector<CommitAi> ai;
  for (const CommitFacts& c : change.commits)
    ai.push_back(commit_ai(c, change, agreement.ai, context.change_word, change_evidence));
  std::vector<bool> contradicted(change.commits.size(), false);  // reported as a blocking finding

  // The patterns are matched once per path (through the caller's index when it has one for this
  // agreement, which remembers directories across calls).
  std::optional<PathIndex> own_index;
  PathIndex& index = context.paths && &context.paths->agreement() == &agreement ? *context.paths
                                                                                   : own_index.emplace(agreement);
  // Tiers: which judged paths are in which; on a landing only the rules of the whole apply.
  TierHits tiers;
  if (!agreement.tiers.empty() && !change.net_effect) tiers = tier_hits(agreement, facts.judged_paths);
  const DoneAuthors done_authors{&facts.author_people, &facts.author_labels};
  if (change.extent == Extent::landing) {
    judge_definition_of_done(agreement, change, facts.judged_paths, tiers, done_authors, index, context.message_known, j.findings);
    return j;
  }
  // hits[area][commit]: the commit's judged paths in that area; protected_paths[commit]: in any area.
  std::vector<std::vector<std::vector<std::string>>> hits(
      agreement.areas.size(), std::vector<std::vector<std::string>>(change.commits.size()));
  std::vector<std::vector<std::string>> protected_paths(change.commits.size());
  std::vector<std::size_t> in_areas;
  for (std::size_t i = 0; i < change.commits.size(); ++i)
    for (const std::string& p : facts.judged_paths[i]) {
      in_areas.clear();
      index.area_indices(p, in_areas);
      for (std::size_t a : in_areas) hits[a][i].push_back(p);
      if (!in_areas.empty() && agreement.ai.require_declaration) protected_paths[i].push_back(p);
    }

  // Protected areas: which commits touch each, through which paths.
  for (std::size_t a = 0; a < agreement.areas.size(); ++a) {
    const ProtectedArea& area = agreement.areas[a];
    std::vector<std::string> area_paths;
    bool ai_involved = false;
    for (std::size_t i = 0; i < change.commits.size(); ++i) {
      const CommitFacts& c = change.commits[i];
      const std::vector<std::string>& hit = hits[a][i];
      if (hit.empty()) continue;
      area_paths.insert(area_paths.end(), hit.begin(), hit.end());
      const CommitAi& cai = ai[i];
      // Markers and the pull request's facts count for every path; a note's lines only for its files.
      std::vector<AiEvidence> evidence = cai.evidence_for(hit);
      bool involved = !evidence.empty() || !cai.labels.empty();
      if (involved) ai_involved = true;

      // AI rules are judged per commit (a net effect has no commit of its own to label).
      if (change.net_effect) continue;
      if (area.ai == AiPolicy::forbid && involved) {
        Finding f;
        f.rule = rule::kAiForbidden;
        f.commit = c.id;
        f.area = area.name;
        f.paths = hit;
        f.people = facts.author_labels;
        f.message = ai_forbidden_message(area.name, evidence_texts(evidence), cai.labels);
        f.fix = ai_forbidden_fix(area.name);
        j.findings.push_back(std::move(f));
      } else if (area.ai == AiPolicy::label && !evidence.empty() && cai.labels.empty()) {
        // Unlabelled, or declared human-only against the evidence: either blocks in a labelled area.
        Finding f;
        f.rule = cai.declared_none ? rule::kAiLabelContradicted : rule::kUnlabeledAi;
        contradicted[i] = contradicted[i] || cai.declared_none;
        f.commit = c.id;
        f.area = area.name;
        f.paths = hit;
        f.people = facts.author_labels;
        f.message = cai.declared_none ? contradicted_message(area.name, evidence_texts(evidence), agreement.ai)
                                      : unlabeled_ai_message(area.name, evidence_texts(evidence));
        f.fix = unlabeled_ai_fix(context, label_from_evidence(evidence, agreement.ai), c.id, agreement.ai,
                                 cai.declared_none);
        j.findings.push_back(std::move(f));
      }
    }
    if (area_paths.empty()) continue;
    sort_unique(area_paths);

    Requirement req;
    req.area = area.name;
    req.lanes = lanes_of(agreement, area.owners);
    req.count = ai_involved && area.ai_approvals ? *area.ai_approvals : area.approvals;
    req.paths = area_paths;
    judge_requirement(agreement, change, context, req, area.name, rule::kMissingApproval,
                      area_requirement_text(area, req.lanes, ai_involved), facts, j);
  }

  // AI declarations: every commit touching protected code carries a label trailer.
  if (agreement.ai.require_declaration && !change.net_effect) {
    for (std::size_t i = 0; i < change.commits.size(); ++i) {
      if (ai[i].declared || protected_paths[i].empty()) continue;
      Finding f;
      f.rule = rule::kMissingAiDeclaration;
      f.commit = change.commits[i].id;
      f.paths = protected_paths[i];
      f.people = facts.author_labels;
      f.message = missing_declaration_message(agreement.ai);
      f.fix = missing_declaration_fix(agreement.ai);
      j.findings.push_back(std::move(f));
    }
  }

  // A declaration the evidence contradicts (`Assisted-by: none` on a commit with AI markers or AI
  // lines in its notes) outside the labelled areas, where it blocked already: a warning, so the
  // record is put right. And the AI verdict of each commit, and of a change of several (CI).
  if (!change.net_effect) {
    for (std::size_t i = 0; i < change.commits.size(); ++i) {
      const CommitFacts& c = change.commits[i];
      if (ai[i].declared_none && !ai[i].evidence.empty() && !contradicted[i]) {
        Finding f;
        f.rule = rule::kAiLabelContradicted;
        f.severity = Severity::warn;
        f.commit = c.id;
        f.people = facts.author_labels;
        f.message = contradicted_message("", evidence_texts(ai[i].evidence), agreement.ai);
        f.fix = unlabeled_ai_fix(context, label_from_evidence(ai[i].evidence, agreement.ai), c.id, agreement.ai, true);
        j.findings.push_back(std::move(f));
      }
      j.ai.push_back(verdict_of(c.id, ai[i]));
    }
    if (change.commits.size() > 1 || (change.commits.size() == 1 && change.id != change.commits.front().id))
      j.ai.push_back(change_verdict(change.id, j.ai));
  }

  // Lane crossing: a non-member changed paths a lane with outsider_approvals owns.
  std::map<const Lane*, std::vector<std::string>> crossing;
  bool any_outsider_rule = std::any_of(agreement.lanes.begin(), agreement.lanes.end(),
                                       [](const Lane& l) { return l.outsider_approvals > 0; });
  for (std::size_t i = 0; any_outsider_rule && i < change.commits.size(); ++i) {
    for (const std::string& p : facts.judged_paths[i]) {
      Ownership own = index.owner_of(p);
      if (!own.lane || own.lane->outsider_approvals <= 0) continue;
      bool outsider = facts.agent_primary;
      for (const Author& a : facts.authors)
        if (a.primary && (a.person.empty() || !agreement.is_member(*own.lane, a.person))) outsider = true;
      if (outsider) crossing[own.lane].push_back(p);
    }
  }
  for (auto& [lane, paths] : crossing) {
    sort_unique(paths);
    Requirement req;
    req.area = "lane " + lane->key;
    req.lanes = {lane};
    req.count = lane->outsider_approvals;
    req.paths = paths;
    judge_requirement(agreement, change, context, req, "lane:" + lane->key, rule::kLaneCrossing,
                      lane_requirement_text(*lane), facts, j);
  }

  if (!agreement.tiers.empty() && !change.net_effect) {
    judge_tier_reviews(agreement, change, context, tiers, facts, j);
    judge_definition_of_done(agreement, change, facts.judged_paths, tiers, done_authors, index, context.message_known, j.findings);
  }
  for (const Promotion& p : find_promotions(agreement, change, index)) judge_promotion(agreement, change, context, p, facts, j);

  // AI approvals ignored, so nobody wonders why they did not count; claims the server ignored, so the
  // pusher knows why.
  report_ignored_approvals(facts, ResolvedApproval::Status::ai, rule::kAiApprovalIgnored, Severity::notice,
                           ai_approval_message, ai_approval_fix(), change.id, j);
  report_ignored_approvals(facts, ResolvedApproval::Status::unverified, rule::kUnverifiedApproval, Severity::warn,
                           unverified_message, unverified_fix(), change.id, j);
  return j;
}

void apply_override(const Agreement& agreement, const std::string& by_username, const std::string& reason,
                    std::vector<Finding>& findings) {
  const Person* person = resolve_person(agreement, account_identity(by_username));
  bool allowed = person && std::find(agreement.override_.people.begin(), agreement.override_.people.end(),
                                     person->key) != agreement.override_.people.end();
  bool has_reason = reason.find_first_not_of(" \t") != std::string::npos;
  Finding f;
  f.rule = rule::kOverride;
  f.people = {person ? person->key : by_username};
  if (!allowed || !has_reason) {
    f.severity = Severity::block;
    f.message = override_refused_message(by_username, person != nullptr, allowed, has_reason);
    f.fix = override_refused_fix(agreement);
    findings.push_back(std::move(f));
    return;
  }
  int overridden = 0;
  for (Finding& other : findings)
    if (other.severity == Severity::block) {
      other.severity = Severity::warn;
      other.message = "[overridden] " + other.message;
      ++overridden;
    }
  f.severity = Severity::notice;
  f.message = person->key + " broke glass: " + std::to_string(overridden) +
              " blocking finding(s) overridden. Reason: " + reason;
  f.fix = "This override is recorded in the audit log; follow up with a review after the fact.";
  findings.push_back(std::move(f));
}

}  // namespace laneguard
