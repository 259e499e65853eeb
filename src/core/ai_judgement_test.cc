// The AI verdict of a commit and of a change, the evidence that counts for an area, the label a fix
// suggests.
#include "core/ai_judgement.h"

#include <doctest/doctest.h>

namespace laneguard {
namespace {

CommitFacts commit_with(std::vector<Trailer> trailers, std::vector<AiEvidence> notes = {}) {
  CommitFacts c;
  c.id = std::string(40, 'a');
  c.author = Identity{"Pat", "pat@acme.test", ""};
  c.committer = c.author;
  c.message = "Change\n\n";
  for (const Trailer& t : trailers) c.message += t.key + ": " + t.value + "\n";
  c.trailers = std::move(trailers);
  for (const Trailer& t : c.trailers)
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto who = parse_identity(t.value)) c.co_authors.push_back(*who);
  c.notes_evidence = std::move(notes);
  return c;
}

AiEvidence note_on(const std::string& path) {
  AiEvidence e;
  e.source = "git-ai";
  e.text = "git-ai: 3 lines of " + path + " by claude (claude-opus-4)";
  e.tool = "Claude";
  e.model = "claude-opus-4";
  e.paths = {path};
  return e;
}

AiVerdict verdict(const CommitFacts& c, const Change& change = {}) {
  return verdict_of(c.id, commit_ai(c, change, AiSettings{}, "pull request", {}));
}

}  // namespace

TEST_CASE("ai verdict: labelled, declared-none, unlabelled, unknown") {
  CHECK(verdict(commit_with({{"Assisted-by", "Claude:opus-4"}})).verdict == "labelled");
  CHECK(verdict(commit_with({{"Assisted-by", "none"}})).verdict == "declared-none");
  CHECK(verdict(commit_with({{"Co-authored-by", "Claude <noreply@anthropic.com>"}})).verdict == "unlabelled");
  CHECK(verdict(commit_with({}, {note_on("src/a.py")})).verdict == "unlabelled");
  CHECK(verdict(commit_with({})).verdict == "unknown");
  // A none declaration against the evidence stays declared-none (the evaluator reports the conflict).
  AiVerdict v = verdict(commit_with({{"AI-Assisted", "no"}, {"Co-authored-by", "Claude <noreply@anthropic.com>"}}));
  CHECK(v.verdict == "declared-none");
  CHECK(v.evidence.size() == 1);
  // A person credited in Assisted-by is no declaration; a pull request label is a label.
  CHECK(verdict(commit_with({{"Assisted-by", "Jane Doe <jane@x.org>"}})).verdict == "unknown");
  Change labelled;
  labelled.pr_labels = {"AI-Generated"};
  CHECK(verdict(commit_with({}), labelled).verdict == "labelled");
}

TEST_CASE("ai verdict: a change's verdict from its commits") {
  AiVerdict none{"c1", "declared-none", {}, {}}, unknown{"c2", "unknown", {}, {}};
  AiVerdict labelled{"c3", "labelled", {"Assisted-by: Claude"}, {note_on("a")}};
  AiVerdict unlabelled{"c4", "unlabelled", {}, {note_on("a"), note_on("b")}};
  CHECK(change_verdict("pr", {none, unknown}).verdict == "unknown");
  CHECK(change_verdict("pr", {none, none}).verdict == "declared-none");
  CHECK(change_verdict("pr", {none, labelled}).verdict == "labelled");
  AiVerdict all = change_verdict("pr", {labelled, unlabelled});
  CHECK(all.verdict == "unlabelled");
  CHECK(all.commit == "pr");
  CHECK(all.evidence.size() == 2);  // the same evidence once
  CHECK(change_verdict("pr", {}).verdict == "unknown");
}

TEST_CASE("ai judgement: a note's evidence counts only for its files, markers for every path") {
  CommitAi ai = commit_ai(commit_with({{"Co-authored-by", "Claude <noreply@anthropic.com>"}}, {note_on("src/auth/x.py")}),
                          Change{}, AiSettings{}, "pull request", {});
  CHECK(ai.evidence_for({"src/auth/x.py"}).size() == 2);
  CHECK(ai.evidence_for({"README.md"}).size() == 1);  // the co-author only
  CommitAi notes_only = commit_ai(commit_with({}, {note_on("src/auth/x.py")}), Change{}, AiSettings{}, "pull request", {});
  CHECK(notes_only.involved_in({"src/auth/x.py"}));
  CHECK_FALSE(notes_only.involved_in({"src/auth/y.py"}));
}

TEST_CASE("ai judgement: the label a fix suggests comes from the evidence") {
  AiSettings s;
  CHECK(label_from_evidence({note_on("a")}, s) == "Assisted-by: Claude:claude-opus-4");
  AiEvidence no_model{"marker", "co-author \"Claude <noreply@anthropic.com>\"", "Claude", "", {}};
  CHECK(label_from_evidence({no_model}, s) == "Assisted-by: Claude:MODEL");
  CHECK(label_from_evidence({no_model, note_on("a")}, s) == "Assisted-by: Claude:claude-opus-4");  // the model wins
  AiEvidence no_tool{"marker", "message text \"x\"", "", "", {}};
  CHECK(label_from_evidence({no_tool}, s) == "Assisted-by: TOOL:MODEL");
  s.label_trailers = {"AI-Assisted"};
  CHECK(label_from_evidence({note_on("a")}, s) == "AI-Assisted: Claude:claude-opus-4");
}

}  // namespace laneguard
