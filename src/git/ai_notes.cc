#include "git/ai_notes.h"

#include <git2.h>

#include "agreement/agreement.h"
#include "git/ai_note_formats.h"

namespace laneguard::git {
namespace {

using NotePtr = Handle<git_note, git_note_free>;

// A note larger than this is not read (a record of a huge commit still names its files in far less).
constexpr std::size_t kMaxNote = 8u << 20;

CommitPtr commit_of(git_repository* repo, const git_oid& id) {
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, repo, &id) != 0) return nullptr;
  return CommitPtr(c);
}

}  // namespace

AiNotes::AiNotes(git_repository* repo, const AiSettings& settings,
                 const std::vector<std::pair<std::string, std::string>>& pushed)
    : repo_(repo), settings_(&settings) {
  for (const std::string& ref : settings.notes_refs) {
    git_oid id;
    if (git_reference_name_to_id(&id, repo, ref.c_str()) == 0)
      if (CommitPtr c = commit_of(repo, id)) sources_.push_back({ref, std::move(c)});
    for (const auto& [pushed_ref, commit] : pushed) {
      if (pushed_ref != ref || git_oid_fromstr(&id, commit.c_str()) != 0 || git_oid_is_zero(&id)) continue;
      if (CommitPtr c = commit_of(repo, id)) sources_.push_back({ref, std::move(c)});
    }
  }
}

void AiNotes::attach(CommitFacts& c) const {
  git_oid id;
  if (sources_.empty() || git_oid_fromstr(&id, c.id.c_str()) != 0) return;
  std::vector<std::string> seen;  // a note read through the ref and the pushed commit alike: once
  for (const Source& s : sources_) {
    git_note* raw = nullptr;
    if (git_note_commit_read(&raw, repo_, s.notes_commit.get(), &id) != 0) continue;
    NotePtr note(raw);
    const char* message = git_note_message(note.get());
    std::string text = message ? message : "";
    std::string key = s.ref + '\0' + text;
    bool again = false;
    for (const std::string& k : seen) again = again || k == key;
    if (again) continue;
    seen.push_back(key);
    AiNoteReading r = text.size() <= kMaxNote ? read_ai_note(text, *settings_) : AiNoteReading{};
    if (!r.readable) {
      AiEvidence e;
      e.source = s.ref;
      e.text = s.ref + ": a note that is neither a git-ai authorship log nor an Agent Trace record (" +
               std::to_string(text.size()) + " bytes): the agreement lists this ref as AI attribution";
      c.notes_evidence.push_back(std::move(e));
      continue;
    }
    for (AiEvidence& e : r.evidence) {
      if (s.ref != "refs/notes/ai") e.text += " (" + s.ref + ")";
      c.notes_evidence.push_back(std::move(e));
    }
    for (Identity& h : r.humans) c.agent_humans.push_back(std::move(h));
  }
}

}  // namespace laneguard::git
