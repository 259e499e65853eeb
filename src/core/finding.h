// Findings: what the evaluator says about a change (SPEC section 3).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "facts/ai_evidence.h"

namespace laneguard {

enum class Severity { notice, warn, block };
const char* severity_name(Severity s);  // "notice" | "warn" | "block"

// Rule ids the interface guarantees.
namespace rule {
inline constexpr const char* kSelfApproval = "self-approval";
inline constexpr const char* kMissingApproval = "missing-approval";
inline constexpr const char* kUnverifiedApproval = "unverified-approval";
inline constexpr const char* kAiApprovalIgnored = "ai-approval-ignored";
inline constexpr const char* kUnlabeledAi = "unlabeled-ai";
inline constexpr const char* kAiLabelContradicted = "ai-label-contradicted";
inline constexpr const char* kMissingAiDeclaration = "missing-ai-declaration";
inline constexpr const char* kAiForbidden = "ai-forbidden";
inline constexpr const char* kLaneCrossing = "lane-crossing";
inline constexpr const char* kProtectedRefDeletion = "protected-ref-deletion";
inline constexpr const char* kNonFastForward = "non-fast-forward";
inline constexpr const char* kAgreementError = "agreement-error";
inline constexpr const char* kOverride = "override";
inline constexpr const char* kReplaceRef = "replace-ref";
inline constexpr const char* kBadTreeEntry = "bad-tree-entry";
inline constexpr const char* kUnexplainedChange = "unexplained-change";
inline constexpr const char* kApprovalRef = "approval-ref";
inline constexpr const char* kForgedApproval = "forged-approval";
inline constexpr const char* kPrototypePromotion = "prototype-promotion";
}  // namespace rule

struct Finding {
  std::string rule;
  Severity severity = Severity::block;
  std::string commit;  // 40-hex commit id, "pull request #N", or a ref name for ref rules
  std::string area;    // protected area or lane; empty when none
  std::vector<std::string> paths;
  std::vector<std::string> people;  // person keys (or raw identities when unknown)
  std::string message;              // what is wrong, for a person
  std::string fix;                  // how to get it through
};

// How one protected area (or a lane's outsider rule) stands for one change: for explain-style
// reports (CI markdown table) and messages.
struct AreaStatus {
  std::string change;                    // Change::id
  std::string area;                      // protected area name, or "lane:KEY" for lane-crossing
  std::vector<std::string> paths;
  std::string requirement;               // "1 approval from engineering (2 when AI-assisted)"
  std::vector<std::string> approved_by;  // person keys whose approval counted
  // Parallel to approved_by: how each gave it ("approval pushed by eli", "Reviewed-by trailer in
  // 1a2b3c4d5e6f", "pushed by erin", "signed merge 1a2b3c4d5e6f").
  std::vector<std::string> approved_how;
  std::vector<std::string> discarded;    // "pat (an author of the change)", "erin (unverified trailer)"
  std::string missing;                   // "1 more approval from engineering"; empty when satisfied
  bool satisfied = false;
};

// The AI judgement of one commit, or of a change as a whole (CI), with what it rests on.
struct AiVerdict {
  std::string commit;  // 40-hex commit id, or the change's id ("pull request #12")
  // "labelled" (an AI label), "declared-none" (a label trailer's none value, and no AI label),
  // "unlabelled" (AI evidence, no label), "unknown" (neither).
  std::string verdict;
  std::vector<std::string> labels;  // "Assisted-by: Claude:opus-4", "pull request label ai-generated"
  std::vector<AiEvidence> evidence;  // markers, the pull request's facts, notes
};

// The result of judging one or more changes.
struct Report {
  std::vector<Finding> findings;
  std::vector<AreaStatus> areas;
  std::vector<AiVerdict> ai;  // AI verdicts (core/evaluate.h Judgement::ai)
  // Commit id (or change id) -> a one-line title ("Add OAuth login (Pat <pat@acme.test>)"), for text
  // output grouped by commit. Optional.
  std::vector<std::pair<std::string, std::string>> titles;
  std::size_t commits = 0;  // commits judged
  std::size_t paths = 0;    // distinct paths judged
  // The repository path of the agreement that judged: where reports that need a location for every
  // finding (SARIF for GitHub code scanning) put the findings that name no path.
  std::string agreement_path = ".laneguard.toml";
  bool blocks() const;      // any finding with Severity::block
};

}  // namespace laneguard
