// The words of findings: messages and fixes a person can act on. Pure string building, shared by
// the evaluator so every mode says the same thing the same way.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "core/evaluate.h"

namespace laneguard {

std::string join_words(const std::vector<std::string>& items, const std::string& last = "and");
std::string lane_list(const std::vector<const Lane*>& lanes);
std::string area_requirement_text(const ProtectedArea& area, const std::vector<const Lane*>& lanes, bool ai_involved);
std::string lane_requirement_text(const Lane& lane);
std::string missing_text(int still_needed, const std::vector<const Lane*>& lanes_missing,
                         const std::vector<const Lane*>& lanes);
std::string unmet_message(const std::string& rule, const std::string& area, const std::string& requirement,
                          const std::vector<std::string>& approved_by, const std::vector<std::string>& self_approvers,
                          const std::string& missing);
// `still_needed`: approvals still missing; `push_suffices`: (server) a reviewer pushing the change
// herself would complete it (one approval missing, and not the pusher's own already counted).
// The lane a tier's `from = "anyone"` review asks of: everyone the agreement lists ([people]),
// the change's authors aside. approval_fix() speaks of people, not of a lane, for it.
inline constexpr const char* kAnyoneLane = "anyone other than the change's authors";

std::string approval_fix(const Context& context, const std::vector<std::string>& approvers,
                         const std::vector<const Lane*>& lanes, const std::vector<std::string>& authors,
                         const Agreement& agreement, int still_needed = 1, bool push_suffices = true);
// unexplained-change: what the finding's message starts with.
std::string unexplained_preamble();
// Appended to an unmet requirement of a merge: its paths are the merge's own change.
std::string merge_own_change_note();
std::string suggested_label(const std::vector<std::string>& markers, const AiSettings& ai);
std::string unlabeled_ai_message(const std::string& area, const std::vector<std::string>& markers);
// The fix of unlabeled-ai (and of ai-label-contradicted when `contradicted`): the command that adds
// `label` to `commit` (an amend for the last commit, a rebase recipe for an older one).
std::string unlabeled_ai_fix(const Context& context, const std::string& label, const std::string& commit,
                             const AiSettings& ai, bool contradicted = false);
// ai-label-contradicted: a none declaration against the evidence (`area` empty: outside any area).
std::string contradicted_message(const std::string& area, const std::vector<std::string>& evidence, const AiSettings& ai);
std::string ai_forbidden_message(const std::string& area, const std::vector<std::string>& markers,
                                 const std::vector<std::string>& labels);
std::string ai_forbidden_fix(const std::string& area);
std::string missing_declaration_message(const AiSettings& ai);
std::string missing_declaration_fix(const AiSettings& ai);
std::string unverified_message(const std::vector<std::string>& claims);
std::string unverified_fix();
std::string ai_approval_message(const std::vector<std::string>& approvers);
std::string ai_approval_fix();
std::string override_refused_message(const std::string& user, bool known, bool allowed, bool has_reason);
std::string override_refused_fix(const Agreement& agreement);

}  // namespace laneguard
