#include "core/ai_judgement.h"

#include <algorithm>
#include <set>

#include "facts/ai_markers.h"

namespace laneguard {
namespace {

bool is_label_trailer(const Trailer& t, const AiSettings& ai) {
  return std::any_of(ai.label_trailers.begin(), ai.label_trailers.end(),
                     [&](const std::string& k) { return trailer_key_is(t, k); });
}

bool is_none_value(const std::string& value, const AiSettings& ai) {
  return std::any_of(ai.none_values.begin(), ai.none_values.end(),
                     [&](const std::string& v) { return iequals(v, trim(value)); });
}

}  // namespace

std::vector<AiEvidence> CommitAi::evidence_for(const std::vector<std::string>& paths) const {
  std::vector<AiEvidence> out;
  for (const AiEvidence& e : evidence) {
    bool counts = e.paths.empty();
    for (const std::string& p : e.paths)
      if (std::find(paths.begin(), paths.end(), p) != paths.end()) counts = true;
    if (counts) out.push_back(e);
  }
  return out;
}

CommitAi commit_ai(const CommitFacts& c, const Change& change, const AiSettings& ai, const std::string& change_word,
                   const std::vector<AiEvidence>& change_evidence) {
  CommitAi r;
  r.evidence = find_ai_evidence(c.author, c.committer, c.co_authors, c.message, ai);
  for (AiEvidence e : change_evidence) {
    e.text = change_word + " " + e.text;
    r.evidence.push_back(std::move(e));
  }
  r.evidence.insert(r.evidence.end(), c.notes_evidence.begin(), c.notes_evidence.end());
  bool none = false;
  for (const Trailer& t : c.trailers) {
    if (!is_label_trailer(t, ai) || label_names_a_person(t.value, ai)) continue;  // a person credited: no AI label
    r.declared = true;
    if (is_none_value(t.value, ai)) none = true;
    else r.labels.push_back(t.key + ": " + t.value);
  }
  for (const std::string& l : change.pr_labels)
    for (const std::string& want : ai.pr_labels)
      if (iequals(l, want)) r.labels.push_back(change_word + " label " + l);
  r.declared_none = none && r.labels.empty();
  return r;
}

AiVerdict verdict_of(const std::string& commit, const CommitAi& ai) {
  AiVerdict v;
  v.commit = commit;
  v.labels = ai.labels;
  v.evidence = ai.evidence;
  v.verdict = !ai.labels.empty() ? "labelled" : ai.declared_none ? "declared-none" : !ai.evidence.empty() ? "unlabelled" : "unknown";
  return v;
}

AiVerdict change_verdict(const std::string& change, const std::vector<AiVerdict>& commits) {
  AiVerdict v;
  v.commit = change;
  std::set<std::string> seen_evidence, seen_labels;
  bool any_unlabelled = false, any_labelled = false, all_none = !commits.empty();
  for (const AiVerdict& c : commits) {
    any_unlabelled = any_unlabelled || c.verdict == "unlabelled";
    any_labelled = any_labelled || c.verdict == "labelled";
    all_none = all_none && c.verdict == "declared-none";
    for (const AiEvidence& e : c.evidence)
      if (seen_evidence.insert(e.text).second) v.evidence.push_back(e);
    for (const std::string& l : c.labels)
      if (seen_labels.insert(l).second) v.labels.push_back(l);
  }
  v.verdict = any_unlabelled ? "unlabelled" : any_labelled ? "labelled" : all_none ? "declared-none" : "unknown";
  return v;
}

std::string label_from_evidence(const std::vector<AiEvidence>& evidence, const AiSettings& ai) {
  std::string key = ai.label_trailers.empty() ? "Assisted-by" : ai.label_trailers.front();
  const AiEvidence* best = nullptr;
  for (const AiEvidence& e : evidence) {
    if (e.tool.empty()) continue;
    if (!best || (best->model.empty() && !e.model.empty())) best = &e;
  }
  if (!best) return key + ": TOOL:MODEL";
  return key + ": " + best->tool + ":" + (best->model.empty() ? "MODEL" : best->model);
}

std::vector<std::string> evidence_texts(const std::vector<AiEvidence>& evidence) {
  std::vector<std::string> out;
  for (const AiEvidence& e : evidence) out.push_back(e.text);
  return out;
}

}  // namespace laneguard
