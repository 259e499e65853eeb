// Facts about a change: plain data gathered by an adapter (git, the server's environment, a CI
// event) and judged by the evaluator (core/evaluate.h). Nothing here does I/O.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "facts/ai_evidence.h"
#include "facts/identity.h"
#include "facts/promotion.h"
#include "facts/trailers.h"

namespace laneguard {

// A path's entry in a tree: its mode (0: the path is not there) and object id, raw.
struct PathEntry {
  std::uint32_t mode = 0;
  std::array<unsigned char, 20> id{};
  bool operator==(const PathEntry& o) const { return mode == o.mode && (mode == 0 || id == o.id); }
};

// One commit as git stores it.
struct CommitFacts {
  std::string id;       // 40 hex
  std::string tree;     // 40 hex: the commit's tree
  std::string subject;  // first line of the message
  std::string message;  // full raw message
  Identity author;
  Identity committer;
  // When each signed: seconds since the epoch as the commit's headers say (claims, like the rest).
  std::int64_t author_time = 0;
  std::int64_t committer_time = 0;
  std::vector<Identity> co_authors;  // Co-authored-by trailers (claims, like everything here)
  std::vector<Trailer> trailers;
  std::vector<std::string> parents;  // 40 hex each
  // False when the reader saw that the commit carries no signature header (gpgsig, gpgsig-sha256):
  // then there is nothing to verify. True means "may be signed": a reader that does not look says so.
  bool maybe_signed = true;
  // Touched paths against the first parent (root commit: against the empty tree): added,
  // modified, deleted, type-changed, and renamed from or to. Sorted, unique.
  std::vector<std::string> paths;
  // Where the reader knows it (git's does; other adapters may leave it empty), each path's entry in
  // the commit's tree, parallel to `paths`: what the net effect compares, without a lookup.
  std::vector<PathEntry> path_entries;
  // Likewise, each path's entry in the first parent's tree (mode 0: not there), and that tree's id
  // (40 hex; empty for a root commit or where the reader does not know): what prototype-promotion
  // compares, without opening the parent's trees again.
  std::vector<PathEntry> path_entries_before;
  std::string parent_tree;
  // For a merge, what each touched path is (SPEC section 2, "a merge's own change"); both lists
  // are sorted subsets of `paths`, and the rest of `paths` is the merge's own change:
  // - brought_in: only another parent's side changed it since the merge base, and the merge took
  //   that parent's entry exactly; brought_from[i] is that parent's index (1 = second parent).
  // - clean_merged: both sides changed it and the automatic three-way merge gives the merge's
  //   content exactly (nothing for `git show --remerge-diff` to show).
  // Those changes are judged on the side commits that made them; the merge on its own paths.
  std::vector<std::string> brought_in;
  std::vector<unsigned> brought_from;
  std::vector<std::string> clean_merged;
  // Files this commit brings from a prototype lane into another lane's paths, where an adapter
  // looked (git/promotion_scan.h: only when the agreement has a [promotion] table).
  std::vector<CopyEvidence> copies;
  // The paths the commit is judged on: every path of a non-merge, a merge's own change.
  std::vector<std::string> own_paths() const;
  // Whether `path` (one of paths) is the commit's own change: neither brought in nor cleanly merged.
  bool is_own(const std::string& path) const;
  // Whether every path is the commit's own change (nothing brought in or merged cleanly).
  bool all_own() const { return brought_in.empty() && clean_merged.empty(); }
  // "brought in from parent 2 (1a2b3c4d5e6f)", "merged cleanly", "changed by the merge itself", or
  // "" for a non-merge.
  std::string origin_of(const std::string& path) const;
  // AI attribution in git notes (git/ai_notes.h): evidence about lines of its files (paths set), and
  // the humans the notes say directed the agent (authors of it too).
  std::vector<AiEvidence> notes_evidence;
  std::vector<Identity> agent_humans;
  bool is_merge() const { return parents.size() > 1; }
};

// Where an approval came from.
enum class ApprovalSource {
  trailer,    // Reviewed-by/Approved-by in a commit message: a claim
  pusher,     // the authenticated pusher on the server
  signature,  // the verified signer of a commit or merge that carries or brings in the change
  push,       // an approval push (laneguard approve) recorded on the server for this commit id
  review,     // the hosting platform's review (CI)
};

struct Approval {
  Identity who;             // email for trailers/signatures, username for pushers/reviews
  ApprovalSource source = ApprovalSource::trailer;
  bool authenticated = false;  // false: a claim, counted only where the context trusts claims
  std::string note;            // for messages: "pushed by erin", "signed merge 1a2b3c4"
  // The platform says the account is a bot (a GitHub review whose user type is "Bot"): never counts.
  bool platform_bot = false;
};

// Who else counts as an author of a change beyond what the commits say. `pr_assignee` (CI: an
// account assigned to the pull request) and `agent_human` (the human an AI attribution record says
// directed the agent) count only when an agent authored the change (core/evaluate.cc): then they
// are the human behind the agent, who cannot approve what it wrote.
enum class ExtraAuthorRole { introducer, pr_author, pr_pusher, local_user, pusher, signer, pr_assignee, agent_human };
struct ExtraAuthor {
  Identity who;
  ExtraAuthorRole role;
};

// What a Change's commits are of what lands (tiers' definitions of done and size limits are judged
// on what lands together, never on a part of it: splitting a change into commits does not hide it).
enum class Extent {
  commit,   // one commit of a push or range, judged on its own: every rule but those of the whole
  whole,    // all that lands together, judged at once (a pull request, the commit a local hook sees)
  landing,  // all that lands together, its commits already judged one by one: only the rules of the whole
};

// One changed path's line count: added plus deleted lines (binary files count 0).
struct PathLines {
  std::string path;
  std::uint64_t lines = 0;
};

// The unit the evaluator judges: one commit (check, local hooks, server) or a whole pull request
// (CI). Approvals apply to the change as a whole; AI rules are judged per commit.
struct Change {
  std::string id;  // 40-hex commit id, or "pull request #12"
  std::vector<CommitFacts> commits;
  std::vector<ExtraAuthor> extra_authors;  // server: introducers; CI: PR author, pushers
  std::vector<Approval> approvals;
  std::vector<std::string> pr_labels;      // CI only
  // CI only: the pull request's head branch and description, for the AI evidence they hold (an
  // agent's branch name, a tool's footer); the opener is the pr_author among extra_authors.
  std::string pr_head_branch;
  std::string pr_description;
  // A landed range's net effect (SPEC section 2): `commits` holds the range's last commit with
  // `paths` = the protected paths that differ between the range's ends and that no judged commit
  // of the range explains. Unmet requirements are `unexplained-change`; AI rules do not apply.
  bool net_effect = false;
  Extent extent = Extent::whole;
  // Where a tier limits changed lines (agreement/tiers.h), each changed path's lines between the
  // ends of what lands, sorted by path (git/line_counts.h); lines_counted says they were asked for.
  std::vector<PathLines> lines;
  bool lines_counted = false;
};

}  // namespace laneguard
