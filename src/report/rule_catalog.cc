#include "report/rule_catalog.h"

#include <cctype>

namespace laneguard {

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> rules{
      {"self-approval", "SelfApproval", "A protected area's approval came only from the change's own authors.",
       "The change touches a protected area whose required approvals are not met, and at least one approval was "
       "discarded because its giver authored, co-authored or committed the change (or opened or pushed to the pull "
       "request).",
       "Ask a member of the owning lane who did not work on the change to review and approve it."},
      {"missing-approval", "MissingApproval", "A protected area lacks the approvals the agreement requires.",
       "The change touches a protected area and does not have the number of approvals the working agreement asks "
       "for from the owning lane(s).",
       "Ask members of the owning lane(s) to review and approve the change."},
      {"unverified-approval", "UnverifiedApproval", "An approval that could not be authenticated was ignored.",
       "An approval trailer in a commit message is a claim anyone can type; where identities are authenticated "
       "(the server, CI) it does not count.",
       "Get the approval through the platform (a review, a signed merge, or a push by the approver)."},
      {"ai-approval-ignored", "AiApprovalIgnored", "An approval from an AI tool or bot account was ignored.",
       "AI never approves: a review by an AI reviewer or bot account (`coderabbitai[bot]`, `claude[bot]`, "
       "`copilot-pull-request-reviewer[bot]`, any `NAME[bot]`) or an approval trailer naming an AI tool "
       "(`Reviewed-by: Claude <noreply@anthropic.com>`, `Reviewed-by: Claude:opus-4`), or a review whose account "
       "the platform calls a bot, never counts, even when the agreement lists that identity "
       "among a lane's members. This notice says why it did not count.",
       "Nothing to do: ask a person in the owning lane(s) to approve."},
      {"unlabeled-ai", "UnlabeledAi", "AI-generated changes to a protected area are not labelled.",
       "A commit shows AI evidence (an AI tool's identity as author, committer or co-author, a tool's footer or "
       "trailer, in CI a pull request an agent opened or named, or AI-written lines of the area's files in the "
       "git notes the agreement lists: git-ai's refs/notes/ai, Agent Trace records) and touches a protected area "
       "whose agreement asks AI involvement to be labelled, but carries no AI label trailer (and, in CI, the pull "
       "request has no AI label). The message names the evidence.",
       "Run the command the fix gives: `git commit --amend --no-edit --trailer \"Assisted-by: TOOL:MODEL\"` for "
       "the last commit (the tool and model taken from the evidence when it names them), a rebase that stops at "
       "an older one; or add one of the agreement's AI labels to the pull request."},
      {"ai-label-contradicted", "AiLabelContradicted", "A commit declares no AI help, but its evidence shows AI.",
       "A label trailer with a none value (`Assisted-by: none`) on a commit with AI markers or AI-written lines "
       "in its notes: the label and the evidence disagree. It blocks where the change touches a protected area "
       "that asks for labels (in place of unlabeled-ai), and is a warning elsewhere.",
       "If AI helped, replace the none trailer with `Assisted-by: TOOL:MODEL`; if it did not, remove the wrong "
       "evidence (the AI co-author or footer, or the note: `git notes --ref=refs/notes/ai remove COMMIT`)."},
      {"missing-ai-declaration", "MissingAiDeclaration", "A commit to protected code does not declare AI use.",
       "The agreement requires every commit touching protected code to say whether AI helped (a label trailer, "
       "or a none value such as `AI-Assisted: none`).",
       "Amend the commit message with `Assisted-by: TOOL:MODEL`, or `AI-Assisted: none` for a human-only change."},
      {"ai-forbidden", "AiForbidden", "AI-generated changes touch an area where AI is not allowed.",
       "A commit that is AI-labelled or shows AI markers touches a protected area with `ai = \"forbid\"`.",
       "Rewrite the change without AI assistance, or move the change out of the area."},
      {"lane-crossing", "LaneCrossing", "A change crosses into another lane without its approval.",
       "Someone outside a lane changed a path that lane owns, and the lane asks outsiders for approval "
       "(`outsider_approvals`).",
       "Ask members of the owning lane to approve the change."},
      {"protected-ref-deletion", "ProtectedRefDeletion", "A push deletes a protected branch.",
       "Deleting a protected branch is refused.", "Do not delete protected branches; ask an administrator."},
      {"non-fast-forward", "NonFastForward", "A push rewrites a protected branch's history.",
       "A force push to a protected branch would drop commits others have.",
       "Merge or rebase onto the branch's current tip and push again without --force."},
      {"agreement-error", "AgreementError", "The working agreement cannot be read or is invalid.",
       "laneguard could not read the agreement (.laneguard.toml); it follows `on_error`.",
       "Run `laneguard lint` and fix the errors it names."},
      {"override", "Override", "A break-glass override was used or refused.",
       "An override turns blocking findings into warnings; it is always recorded with who and why.",
       "Review the override in the audit log."},
      {"replace-ref", "ReplaceRef", "A push writes a replace ref (refs/replace/*).",
       "git reads a replace ref's object in place of the one it names, everywhere on the server (git show, git "
       "archive, clones and mirrors), so a replace ref can swap a protected file's content without touching a "
       "commit. Pushes to refs/replace/ are refused; only break glass lets one through.",
       "Push the change as a commit on a branch instead. If the replace ref is really needed, one of the "
       "agreement's [override] people pushes it with -o laneguard.override=\"REASON\" (recorded)."},
      {"bad-tree-entry", "BadTreeEntry", "A commit's tree holds an entry git cannot check out.",
       "A tree entry named `.`, `..`, `.git` (in any case, or a name macOS or Windows read as `.git`), an empty "
       "name or one holding `/` or NUL leaves the branch impossible to clone or check out safely.",
       "Rewrite the commit without the entry (git filter-repo, or recreate the tree with git add) and push again."},
      {"unexplained-change", "UnexplainedChange",
       "A landed range changes protected code that no judged commit in it explains.",
       "Where a range lands (a push to a protected branch, a pull request's base..head, `check A..B`), every "
       "protected path that differs between its two ends must have that content from a commit of the range that "
       "was judged for it. A merge that takes an old version back through its parents (for example a merge whose "
       "parents are listed in reverse, so that the first-parent diff is empty) changes the branch with no commit "
       "judged for it; the change is then judged as the last commit's own, with the pusher (or the pull request's "
       "author) among its authors.",
       "Make the change as an ordinary commit (git revert, or edit the files and commit) so it is judged, or get "
       "the owning lane's approval for the range as a whole."},
      {"approval-ref", "ApprovalRef", "A push to laneguard's approval refs was refused.",
       "refs/laneguard/ is reserved for approvals by push (`laneguard approve`): a ref there must be "
       "refs/laneguard/approvals/<person>/<commit>, named by the commit it points to, with commits that are "
       "already on the server and not yet on a protected branch. Approval refs are never deleted or moved (an "
       "approval is a record); a bot's approval push is refused (bots never approve).",
       "Approve with `laneguard approve REVISION` after the change's author pushed the branch. Only the agreement's "
       "[override] people may withdraw an approval, by break glass (recorded)."},
      {"forged-approval", "ForgedApproval", "An approval push was made in another person's name.",
       "An approval by push is the authenticated pusher's: a push into another person's approval namespace "
       "(refs/laneguard/approvals/<someone else>/...), or by a pusher the agreement does not know or the "
       "server cannot name, is refused, break glass or not.",
       "Approve in your own name: `laneguard approve REVISION` pushes to refs/laneguard/approvals/<you>/<commit>."},
      {"definition-of-done", "DefinitionOfDone", "A change to a tier's code misses an item of its definition of done.",
       "The agreement's tiers ([[tier]]) each have a definition of done ([[tier.done]]): companion files that must "
       "change with the tier's code (tests beside production code), a trailer every commit that changes it carries "
       "(`Rollback:`, `Refs:`), a changelog path the change must touch. Companions and changelogs are judged on "
       "what lands as a whole (a pull request, a push to a branch, the commit being made); trailers on each commit. "
       "Each item has its own severity.",
       "Add what the finding names: change the companion files in the same change, add the trailer to the "
       "commit message, or add the changelog entry."},
      {"oversized-change", "OversizedChange", "A change by a lane with size limits is too large for one review.",
       "A tier's size limits ([tier.size]) bound the changes members of the given lanes make to its code: files "
       "touched, changed lines (added plus deleted), protected areas touched. They are judged on what lands as a "
       "whole, so splitting the change into many commits of one push or pull request changes nothing.",
       "Split the change into smaller ones that each do one thing and land them separately, or hand it over to "
       "the lane that owns the code."},
      {"prototype-promotion", "PrototypePromotion", "Prototype code is promoted into production without a decision.",
       "A commit brings code from a prototype lane's files ([promotion] from_lanes, the PM lane by default) into "
       "paths another lane owns: a move, an exact copy, a run of at least min_lines consecutive non-trivial lines "
       "(whitespace-normalised; blank lines, braces, comments and imports ignored), or at least min_share of a "
       "file's added lines, that also stand in a prototype file of the parent tree or of the commit itself. "
       "Production is a rebuild: unless the commit declares the promotion (a `Promoted-from: PATH` trailer) and "
       "has the destination lane's approvals, it is reported at the table's severity; once declared and approved "
       "it is a notice.",
       "Rebuild the code instead of copying it; or, when promoting it is a decision, add `Promoted-from: PATH` to "
       "the commit message and get the destination lane's approvals."},
      {"stale-approval", "StaleApproval", "An approval was given before the latest push and does not count.",
       "The agreement dismisses stale approvals (`[review] dismiss_stale`): an approval counts only when given on "
       "the pull request's head commit.",
       "Ask the reviewer to look at the latest changes and approve again."},
  };
  return rules;
}

RuleInfo rule_info(const std::string& id) {
  for (const RuleInfo& rule : rule_catalog()) {
    if (rule.id == id) return rule;
  }
  RuleInfo generic;
  generic.id = id;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') { upper = true; continue; }
    generic.name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  generic.short_description = "laneguard finding: " + id + ".";
  generic.full_description = "A finding of the working agreement's rule `" + id + "`.";
  generic.help = "See the finding's message and fix.";
  return generic;
}

}  // namespace laneguard
