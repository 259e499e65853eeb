// The AI judgement of a commit (issue 16): all the evidence there is (markers in its metadata, the
// pull request's own facts, line-level attribution in git notes), its labels, and one verdict.
// Pure: the evaluator (core/evaluate.cc) applies the rules to it.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "core/finding.h"
#include "facts/ai_evidence.h"
#include "facts/change.h"

namespace laneguard {

struct CommitAi {
  // Everything that says AI wrote part of it: commit-wide evidence (markers, the pull request's
  // facts: paths empty) and notes about some of its files (paths set).
  std::vector<AiEvidence> evidence;
  std::vector<std::string> labels;  // label trailers (and pull request labels) that declare AI help
  bool declared = false;            // any label trailer, a none value included
  bool declared_none = false;       // a label trailer with a none value ("Assisted-by: none")
  // The evidence that counts for these of its paths: commit-wide evidence, and notes about one of them.
  std::vector<AiEvidence> evidence_for(const std::vector<std::string>& paths) const;
  bool involved_in(const std::vector<std::string>& paths) const {
    return !labels.empty() || !evidence_for(paths).empty();
  }
};

// `change_evidence`: what the change itself shows (CI: find_pull_request_ai_evidence), counted on
// every commit of it.
CommitAi commit_ai(const CommitFacts& c, const Change& change, const AiSettings& ai, const std::string& change_word,
                   const std::vector<AiEvidence>& change_evidence);

// labelled (an AI label), declared-none (only a none value), unlabelled (evidence, no label),
// unknown (neither).
AiVerdict verdict_of(const std::string& commit, const CommitAi& ai);
// A change's verdict from its commits': unlabelled if any is, else labelled if any is, else
// declared-none if every commit declared none, else unknown; the evidence of them all, once each.
AiVerdict change_verdict(const std::string& change, const std::vector<AiVerdict>& commits);

// The label that fits the evidence: `Assisted-by: Claude:opus-4.5` when the evidence names the tool
// and model, `Assisted-by: Claude:MODEL` when only the tool, `Assisted-by: TOOL:MODEL` otherwise.
std::string label_from_evidence(const std::vector<AiEvidence>& evidence, const AiSettings& ai);

// Texts of the evidence, for messages.
std::vector<std::string> evidence_texts(const std::vector<AiEvidence>& evidence);

}  // namespace laneguard
