#include "core/wording.h"

#include "facts/identity.h"

namespace laneguard {

std::string join_words(const std::vector<std::string>& items, const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " " + last + " " : ", ";
    out += items[i];
  }
  return out;
}

std::string lane_list(const std::vector<const Lane*>& lanes) {
  std::vector<std::string> names;
  for (const Lane* l : lanes) names.push_back(l->key);
  return join_words(names);
}

static std::string plural(int n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "1 approval from engineering"; several lanes: "1 approval from each of pm and engineering", or
// "3 approvals from pm and engineering, at least 1 from each" when the count exceeds the lanes.
// `more` is "" or "more ".
static std::string several_lanes_text(int n, const std::vector<const Lane*>& lanes, const std::string& more) {
  if (lanes.size() <= 1) return std::to_string(n) + " " + more + "approval" + (n == 1 ? "" : "s") + " from " + lane_list(lanes);
  if (n <= static_cast<int>(lanes.size())) return "1 " + more + "approval from each of " + lane_list(lanes);
  return std::to_string(n) + " " + more + "approvals from " + lane_list(lanes) + ", at least 1 from each";
}

std::string area_requirement_text(const ProtectedArea& area, const std::vector<const Lane*>& lanes, bool ai_involved) {
  int n = ai_involved && area.ai_approvals ? *area.ai_approvals : area.approvals;
  std::string s = several_lanes_text(n, lanes, "");
  if (ai_involved && area.ai_approvals) s += ", as the change is AI-assisted";
  else if (area.ai_approvals && *area.ai_approvals != area.approvals)
    s += " (" + std::to_string(*area.ai_approvals) + " when AI-assisted)";
  return s;
}

std::string lane_requirement_text(const Lane& lane) {
  return plural(lane.outsider_approvals, "approval") + " from " + lane.key + " for a change by a non-member";
}

std::string missing_text(int still_needed, const std::vector<const Lane*>& lanes_missing,
                         const std::vector<const Lane*>& lanes) {
  // Counted the way the requirement is said: what is missing per lane when lanes lack an approval.
  if (lanes.size() > 1 && !lanes_missing.empty() && still_needed <= static_cast<int>(lanes_missing.size()))
    return several_lanes_text(static_cast<int>(lanes_missing.size()), lanes_missing, "more ");
  if (lanes.size() > 1 && !lanes_missing.empty())
    return std::to_string(still_needed) + " more approvals, at least 1 from each of " + lane_list(lanes_missing);
  return std::to_string(still_needed) + " more approval" + (still_needed == 1 ? "" : "s") + " from " + lane_list(lanes);
}

std::string unmet_message(const std::string& rule, const std::string& area, const std::string& requirement,
                          const std::vector<std::string>& approved_by, const std::vector<std::string>& self_approvers,
                          const std::string& missing) {
  std::string what = rule == "lane-crossing" ? "paths owned by " + area.substr(area.find(' ') + 1) +
                                                   " were changed by someone outside that lane"
                                             : area + " was changed";
  std::string s = what + ": it needs " + requirement + "; ";
  s += approved_by.empty() ? "no approval counts" : "counted: " + join_words(approved_by);
  s += "; missing: " + missing + ".";
  if (!self_approvers.empty())
    s += " " + join_words(self_approvers) + (self_approvers.size() == 1 ? " is" : " are") +
         " an author of the change (author, committer, co-author, or whoever first pushed or opened it), so " +
         (self_approvers.size() == 1 ? "that approval does" : "those approvals do") +
         " not count: nobody merges on their own approval.";
  return s;
}

std::string unexplained_preamble() {
  return "These protected paths differ between the two ends of what lands, but no judged commit in it gives them "
         "this content (for example a merge that takes an old version back, or one whose parents are listed in "
         "reverse so that its first-parent diff is empty); the landed range as a whole is judged as the last "
         "commit's change, with whoever lands it among its authors. ";
}

std::string merge_own_change_note() {
  return "The merge changed these paths itself: neither brought in unchanged from a parent whose side changed "
         "them, nor a clean automatic merge of both sides (a conflict resolved by hand, one side taken over the "
         "other's change, an old version taken back, or an edit on top).";
}

std::string approval_fix(const Context& context, const std::vector<std::string>& approvers,
                         const std::vector<const Lane*>& lanes, const std::vector<std::string>& authors,
                         const Agreement& agreement, int still_needed, bool push_suffices) {
  const Context::Where where = context.where;
  std::string where_file = agreement.source.empty() || agreement.source[0] == '<' ? std::string(".laneguard.toml")
                                                                                  : agreement.source;
  std::vector<std::string> empty_lanes;
  bool anyone = false;  // a review from anyone the agreement lists (tiers' from = "anyone")
  for (const Lane* l : lanes) {
    if (l->key == kAnyoneLane) anyone = true;
    else if (l->members.empty()) empty_lanes.push_back(l->key);
  }
  if (anyone && lanes.size() == 1 && approvers.empty()) {
    if (agreement.people.empty())
      return "List the people who review in " + where_file + " ([people.NAME] emails = [...]): a review from anyone "
             "other than the change's authors counts only from someone the agreement lists, and it lists nobody.";
    return "Nobody else can approve this: everyone " + where_file + " lists is an author of the change or has "
           "already approved it. List the other people who review there ([people.NAME]), or split the change so "
           "that someone who did not write it can review it.";
  }
  if (!empty_lanes.empty()) {
    std::string s = "Add members to lane " + join_words(empty_lanes, "and") + " in " + where_file + " ([lanes." +
                    empty_lanes.front() + "] members = [...]): " + (empty_lanes.size() == 1 ? "it has" : "they have") +
                    " no members, so nobody can give " + (empty_lanes.size() == 1 ? "its" : "their") + " approval.";
    if (!approvers.empty()) s += " Then ask " + join_words(approvers, "or") + " to review it as well.";
    return s;
  }
  if (approvers.empty()) {
    return "Nobody else can approve this: every member of " + lane_list(lanes) +
           " is an author of the change or has already approved it. Add members to the lane in " +
           agreement.source + ", or split the change so that someone who did not write it can review it.";
  }
  std::string names = join_words(approvers, "or");
  std::string not_authors = authors.empty() ? "" : " (not " + join_words(authors, "or") + ")";
  switch (where) {
    case Context::Where::server: {
      const bool on_server = !context.approve_revision.empty();
      std::string revision = on_server ? context.approve_revision : "BRANCH";
      std::string s = on_server ? "Ask " : "Push your branch to the server first (any unprotected branch name), then ask ";
      s += names + not_authors + " to review it and approve it by push: `laneguard approve " + revision + "`";
      s += still_needed > 1 ? " (each of them; then push again)" : " (then push again)";
      if (push_suffices) s += "; or to push it to this branch themselves";
      return s + "; or to sign a merge of it with a key listed in the agreement.";
    }
    case Context::Where::ci: {
      // The platform's accounts (@octocat): whom a reviewer can mention or request a review from.
      auto accounts = [&context](const std::vector<std::string>& keys) {
        std::vector<std::string> out;
        for (const std::string& key : keys) {
          auto it = context.accounts.find(key);
          out.push_back(it == context.accounts.end() ? key : it->second);
        }
        return out;
      };
      std::string not_accounts = authors.empty() ? "" : " (not " + join_words(accounts(authors), "or") + ")";
      return "Ask " + join_words(accounts(approvers), "or") + not_accounts + " to approve the " + context.change_word +
             ".";
    }
    case Context::Where::check:
    case Context::Where::local: {
      std::string trailer = agreement.review.approval_trailers.empty() ? "Reviewed-by"
                                                                       : agreement.review.approval_trailers.front();
      std::string example;
      if (const Person* p = agreement.person(approvers.front()); p && !p->emails.empty())
        example = trailer + ": " + approvers.front() + " <" + p->emails.front() + ">";
      else
        example = trailer + ": Name <email>";
      if (where == Context::Where::check)
        return "Ask " + names + not_authors + " to review it; `check` reads approvals from trailers: record theirs as `" +
               example + "` in the commit message (git commit --amend, or git rebase -i to reword an older commit).";
      return "Ask " + names + not_authors + " to review it; after their review add the trailer `" + example +
             "` (the server counts only an approval its pusher, an approval push (`laneguard approve`) or a "
             "verified signature gives).";
    }
  }
  return "";
}

std::string suggested_label(const std::vector<std::string>& markers, const AiSettings& ai) {
  std::string key = ai.label_trailers.empty() ? "Assisted-by" : ai.label_trailers.front();
  std::string tool = "TOOL";
  std::string all = lower(join_words(markers));
  static const std::pair<const char*, const char*> kTools[] = {
      {"claude", "Claude"}, {"anthropic", "Claude"}, {"copilot", "Copilot"}, {"aider", "aider"},
      {"codex", "Codex"},   {"openai", "Codex"},     {"cursor", "Cursor"},   {"qwen", "Qwen"},
      {"jules", "Jules"},   {"devin", "Devin"}};
  for (const auto& [needle, name] : kTools)
    if (all.find(needle) != std::string::npos) { tool = name; break; }
  return key + ": " + tool + ":MODEL";
}

std::string unlabeled_ai_message(const std::string& area, const std::vector<std::string>& markers) {
  return "AI-generated change to " + area + " is not labelled: it shows " + join_words(markers) +
         " but carries no AI label trailer.";
}

std::string contradicted_message(const std::string& area, const std::vector<std::string>& evidence, const AiSettings& ai) {
  std::string key = ai.label_trailers.empty() ? "Assisted-by" : ai.label_trailers.front();
  std::string none = ai.none_values.empty() ? "none" : ai.none_values.front();
  return "The commit declares no AI help (`" + key + ": " + none + "`) but " +
         (area.empty() ? std::string("it") : "its change to " + area) + " shows " + join_words(evidence) +
         ": the label and the evidence disagree.";
}

// The command that adds `label` (item 6 of issue 16): for the last commit an amend, for an older one
// a rebase that stops at it. `git commit --trailer` needs git 2.32.
std::string unlabeled_ai_fix(const Context& context, const std::string& label, const std::string& commit,
                             const AiSettings& ai, bool contradicted) {
  std::string id = commit.size() >= 12 ? commit.substr(0, 12) : commit;
  std::string quoted = "\"" + label + "\"";
  std::string s;
  if (contradicted) {
    std::string key = ai.label_trailers.empty() ? "Assisted-by" : ai.label_trailers.front();
    s = "If AI helped, replace its `" + key + ": none` trailer with `" + label + "` (git commit --amend, or git rebase -i " +
        id + "^ to reword an older commit); if it did not, the evidence is wrong: remove the AI marker from the commit or " +
        "its note (git notes --ref=refs/notes/ai remove " + id + ").";
    return s;
  }
  bool unknown = label.find("MODEL") != std::string::npos;
  s = "Label it: `" + label + "`" + (unknown ? " (the tool and model you used, e.g. `Assisted-by: Claude:opus-4`)" : "") +
      ". For your last commit: git commit --amend --no-edit --trailer " + quoted +
      "; for an older one: git -c sequence.editor=\"sed -i.bak 1s/^pick/edit/\" rebase -i " + id +
      "^ && git commit --amend --no-edit --trailer " + quoted + " && git rebase --continue";
  if (context.where == Context::Where::ci) {
    s += ", then git push --force-with-lease";
    if (!ai.pr_labels.empty()) s += "; or add the " + context.change_word + " label `" + ai.pr_labels.front() + "`";
  } else if (context.where == Context::Where::server || context.where == Context::Where::local) {
    s += ", then push again";
  }
  return s + ".";
}

std::string ai_forbidden_message(const std::string& area, const std::vector<std::string>& markers,
                                 const std::vector<std::string>& labels) {
  std::vector<std::string> why = markers;
  why.insert(why.end(), labels.begin(), labels.end());
  return "The agreement forbids AI-generated changes to " + area + ", and this change shows " + join_words(why) + ".";
}

std::string ai_forbidden_fix(const std::string& area) {
  return "Have an engineer rewrite the change to " + area + " by hand, without AI assistance, and commit it "
         "without AI markers or labels.";
}

std::string missing_declaration_message(const AiSettings& ai) {
  std::string keys = join_words(ai.label_trailers, "or");
  return "This commit touches protected code but does not declare whether AI helped: the agreement "
         "requires a " + keys + " trailer on every such commit.";
}

std::string missing_declaration_fix(const AiSettings& ai) {
  std::string key = ai.label_trailers.empty() ? "AI-Assisted" : ai.label_trailers.front();
  std::string none = ai.none_values.empty() ? "none" : ai.none_values.front();
  return "Add `" + key + ": TOOL:MODEL` when AI helped, or `" + key + ": " + none +
         "` for a human-only change, as the last paragraph of the commit message.";
}

std::string unverified_message(const std::vector<std::string>& claims) {
  return "Approval trailers from " + join_words(claims) +
         " were ignored: on the server a trailer is a claim anyone can type.";
}

std::string unverified_fix() {
  return "An approval counts here when the approver (not its author) approves it by push (`laneguard approve "
         "BRANCH`), or pushes the change themselves, or signs a merge that brings it in with a key listed in the "
         "agreement.";
}

std::string ai_approval_message(const std::vector<std::string>& approvers) {
  return "Approval from " + join_words(approvers) +
         " did not count: AI tools and bot accounts never approve, even when the agreement lists them in a lane.";
}

std::string ai_approval_fix() {
  return "Nothing to do for this notice. An AI review is advice; the approvals a protected area needs come from "
         "people in its lanes.";
}

std::string override_refused_message(const std::string& user, bool known, bool allowed, bool has_reason) {
  if (!known) return "Override refused: the pusher '" + user + "' is not one of the agreement's people.";
  if (!allowed) return "Override refused: " + user + " is not allowed to break glass ([override] people).";
  if (!has_reason) return "Override refused: an override needs a reason, e.g. -o laneguard.override=\"INC-123: outage fix\".";
  return "Override refused.";
}

std::string override_refused_fix(const Agreement& agreement) {
  if (agreement.override_.people.empty())
    return "Nobody may override under this agreement; get the required approvals instead.";
  return "Ask " + join_words(agreement.override_.people, "or") +
         " to push with -o laneguard.override=\"TICKET: reason\", or get the required approvals.";
}

}  // namespace laneguard
