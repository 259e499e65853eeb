// The working agreement (SPEC section 1) as plain data, and the lookups every mode needs.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agreement/pattern.h"
#include "agreement/tiers.h"
#include "agreement/promotion.h"

namespace laneguard {

// Where a value came from in the agreement file, for messages ("file:line:column").
struct SourcePos {
  int line = 0;
  int column = 0;
};

struct Person {
  std::string key;                        // [people.KEY]
  std::vector<std::string> emails;       // lower-cased
  std::vector<std::string> usernames;    // compared case-insensitively
  std::vector<std::string> signing_keys;  // "ssh-ed25519 AAAA..." (key type and base64 blob)
  bool bot = false;                       // `bot = true`: never approves; what it introduces has no known introducer
  SourcePos pos;
};

struct Lane {
  std::string key;                   // [lanes.KEY]
  std::vector<std::string> members;  // person keys
  std::vector<PathPattern> owns;
  int outsider_approvals = 0;        // 0: no lane-crossing rule for this lane
  SourcePos pos;
};

enum class AiPolicy { label, forbid, allow };

struct ProtectedArea {
  std::string name;
  std::vector<PathPattern> paths;
  std::vector<std::string> owners;  // lane keys; several: at least one approval from each
  int approvals = 1;
  AiPolicy ai = AiPolicy::label;
  std::optional<int> ai_approvals;  // approvals needed instead when the change is AI-labelled/marked
  std::string builtin;              // not empty: added by laneguard whatever the file says, and why
  SourcePos pos;
};

struct AiSettings {
  std::vector<std::string> label_trailers{"Assisted-by", "AI-Assisted", "Generated-by"};
  std::vector<std::string> none_values{"none", "no"};
  bool require_declaration = false;
  std::vector<std::string> pr_labels{"ai-generated", "ai-assisted"};
  // Extra AI markers the agreement adds to the built-in table (see facts/ai_markers.h).
  std::vector<std::string> marker_emails;  // exact, case-insensitive
  std::vector<std::string> marker_names;   // substring of an identity's name, case-insensitive
  std::vector<std::string> marker_text;    // substring of the commit message
  // Git notes refs holding AI attribution records (git-ai's authorship log, Agent Trace records).
  std::vector<std::string> notes_refs{"refs/notes/ai"};
};

struct ReviewSettings {
  std::vector<std::string> approval_trailers{"Reviewed-by", "Approved-by"};
  bool dismiss_stale = true;
};

struct OverrideSettings {
  std::vector<std::string> people;  // person keys allowed to break glass
};

enum class OnError { block, allow };
enum class LocalMode { warn, block };

struct Agreement {
  int version = 1;
  bool version_stated = false;  // the file says `version = 1` (lint notes one that does not)
  std::string name;
  std::string source;  // the file it was read from, or "<embedded default>"
  std::vector<std::string> protected_branches{"main", "master"};
  std::vector<PathPattern> protected_branch_patterns;  // compiled, anchored, case-sensitive
  OnError on_error = OnError::block;
  bool case_sensitive = false;
  // [agreement] since: the commit the agreement starts from (`laneguard init` records HEAD).
  // `check` with no range judges only the commits after it. Empty: all of history.
  std::string since;
  std::vector<Person> people;
  std::vector<Lane> lanes;
  std::vector<ProtectedArea> areas;
  std::vector<Tier> tiers;  // [[tier]] (agreement/tiers.h)
  AiSettings ai;
  ReviewSettings review;
  OverrideSettings override_;
  LocalMode local_mode = LocalMode::warn;  // [local] mode
  PromotionSettings promotion;             // [promotion]

  // Lookups (case-insensitive for emails and usernames). nullptr when unknown.
  const Person* person(std::string_view key) const;
  const Person* person_by_email(std::string_view email) const;
  const Person* person_by_username(std::string_view username) const;
  const Lane* lane(std::string_view key) const;
  bool is_member(const Lane& lane, std::string_view person_key) const;
  // `branch` is a short name ("main", "release/1.2"), not "refs/heads/...".
  bool is_protected_branch(std::string_view branch) const;
};

// Reads and validates an agreement. Throws AgreementError naming file, line and column:
// TOML syntax, unknown keys, unknown lanes/people referenced, an identity claimed by two
// people, empty areas, bad values.
Agreement parse_agreement(std::string_view toml_text, const std::string& source_name);
Agreement load_agreement_file(const std::string& path);  // file unreadable: AgreementError too (exit 3)
// The same for a file named on the command line (`--agreement FILE`, `lint FILE`): an unreadable
// one says how it was named (`named_by`: "named by --agreement").
Agreement load_named_agreement(const std::string& path, const std::string& named_by);
Agreement load_default_agreement();                       // the embedded policies/default.toml
std::string_view embedded_default_agreement();             // generated at build time
// Every policy shipped in policies/ (default, growth-team, ...), by name, sorted: generated at
// build time (cmake/embed_policies.cmake) for `laneguard init --from NAME`.
struct EmbeddedPolicy {
  std::string_view name;
  std::string_view text;
};
std::vector<EmbeddedPolicy> embedded_policies();

// The agreement file is always a protected area (SPEC section 4): unless an area of the agreement
// already covers `.laneguard.toml` with an approval from every lane that has members, adds one that
// does (named kAgreementAreaName, `builtin` set). Called by parse_agreement; no lane with members:
// nobody could approve, and nothing is added.
inline constexpr const char* kAgreementAreaName = "the agreement itself";
void protect_agreement_file(Agreement& agreement);

// Non-fatal observations `laneguard lint` prints (ties between lanes, members without people...).
struct LintNote {
  SourcePos pos;
  std::string message;
};
std::vector<LintNote> lint_notes(const Agreement& agreement);

// Who owns a path: the lane whose matching `owns` pattern is the most specific.
struct Ownership {
  const Lane* lane = nullptr;                // nullptr: no lane owns it
  const PathPattern* pattern = nullptr;
  std::vector<const Lane*> tied;             // other lanes matching with the same specificity
};
Ownership owner_of(const Agreement& agreement, std::string_view path);

// Every protected area whose patterns match the path, with the first pattern that matched.
struct AreaMatch {
  const ProtectedArea* area;
  const PathPattern* pattern;
};
std::vector<AreaMatch> areas_covering(const Agreement& agreement, std::string_view path);

}  // namespace laneguard
