#include "server/landing.h"

#include <git2.h>

#include <ostream>
#include <unordered_set>

#include "server/append_file.h"
#include "server/audit_log.h"
#include "server/history.h"
#include "util/error.h"

namespace laneguard::server {
namespace {

// The id a ref points to now (symbolic refs followed), "" when it does not exist.
std::string ref_value(const git::Repository& repo, const std::string& ref) {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.get(), ref.c_str()) != 0) {
    git_error_clear();
    return "";
  }
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

bool same_update(const RefUpdate& a, const RefUpdate& b) {
  return a.ref == b.ref && a.old_id == b.old_id && a.new_id == b.new_id;
}

}  // namespace

std::int64_t pending_grace(const git::Repository& repo, std::ostream* err) {
  auto text = repo.config_string("laneguard.pendingGrace");
  if (!text) return kDefaultPendingGraceSeconds;
  std::int64_t value = 0;
  bool valid = !text->empty() && text->size() <= 12;
  for (char c : *text) {
    if (c < '0' || c > '9') valid = false;
    else value = value * 10 + (c - '0');
  }
  if (valid) return value;
  if (err)
    *err << "laneguard: ignoring git config laneguard.pendingGrace = \"" << *text
         << "\" (not a whole number of seconds); using " << kDefaultPendingGraceSeconds << "\n";
  return kDefaultPendingGraceSeconds;
}

std::vector<bool> updates_on_refs(const git::Repository& repo, const std::vector<RefUpdate>& updates) {
  std::vector<bool> out;
  for (const RefUpdate& u : updates) {
    const std::string now = ref_value(repo, u.ref);
    bool landed = false;
    if (u.deletes()) {
      landed = now != u.old_id;
    } else if (now == u.new_id) {
      landed = true;
    } else if (!now.empty()) {
      try {
        std::string pushed = peel_to_commit(repo, u.new_id), current = peel_to_commit(repo, now);
        landed = !pushed.empty() && !current.empty() && is_fast_forward(repo, pushed, current);
      } catch (const std::exception&) {
        landed = false;  // the pushed commit is gone (pruned): no ref has it
      }
    }
    out.push_back(landed);
  }
  return out;
}

std::vector<std::string> unclaimed_commits(const git::Repository& repo, const std::vector<RefUpdate>& updates,
                                           const std::vector<bool>& landed) {
  std::vector<std::string> out;
  std::vector<std::string> tips;
  bool have_tips = false;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < updates.size(); ++i) {
    if ((i < landed.size() && landed[i]) || updates[i].deletes()) continue;
    if (!have_tips) {
      tips = ref_tips(repo);
      have_tips = true;
    }
    try {
      std::string tip = peel_to_commit(repo, updates[i].new_id);
      if (tip.empty()) continue;
      for (auto& id : repo.commits_between(tip, tips))
        if (seen.insert(id).second) out.push_back(std::move(id));
    } catch (const std::exception&) {
      // Objects pruned since: nothing to walk; rows for them stay (no ref can reach them either).
    }
  }
  return out;
}

std::optional<LandingOutcome> settle_push(const git::Repository& repo, const PushLedger& ledger, const PendingPush& push,
                                          const std::vector<bool>& landed, const std::string& by,
                                          const std::string& audit_path) {
  LandingOutcome outcome{push, landed, {}};
  outcome.settlement = ledger.settle(push, landed, by, unclaimed_commits(repo, push.updates, landed));
  if (!outcome.settlement.settled) return std::nullopt;
  if (!push.audited) return outcome;  // no decision line (unprotected refs): no landing line
  LandingEntry e;
  e.push_id = push.id;
  e.by = by;
  e.pusher = push.pusher;
  for (std::size_t i = 0; i < push.updates.size(); ++i) {
    e.refs.push_back({push.updates[i].ref, push.updates[i].old_id, push.updates[i].new_id, false, 0});
    e.ref_landed.push_back(i < landed.size() && landed[i]);
    e.landed = e.landed || e.ref_landed.back();
  }
  e.introducers_taken_back = outcome.settlement.introducers_taken_back;
  e.approvals_taken_back = outcome.settlement.approvals_taken_back;
  append_durably(audit_path, landing_json_line(e));
  return outcome;
}

std::optional<LandingOutcome> confirm_moved(const git::Repository& repo, const PushLedger& ledger,
                                            const std::vector<RefUpdate>& moved, std::int64_t receiver,
                                            const std::string& audit_path) {
  if (moved.empty()) return std::nullopt;
  const PendingPush* chosen = nullptr;
  std::vector<PendingPush> pending = ledger.pending(std::time(nullptr) + 1, 10000);
  for (const PendingPush& p : pending) {
    bool holds_all = true;
    for (const RefUpdate& m : moved) {
      bool found = false;
      for (const RefUpdate& u : p.updates) found = found || same_update(u, m);
      holds_all = holds_all && found;
    }
    if (!holds_all) continue;
    if (p.receiver == receiver) {
      chosen = &p;
      break;
    }
    if (!chosen) chosen = &p;  // oldest first
  }
  if (!chosen) return std::nullopt;
  std::vector<bool> landed;
  for (const RefUpdate& u : chosen->updates) {
    bool moved_too = false;
    for (const RefUpdate& m : moved) moved_too = moved_too || same_update(u, m);
    landed.push_back(moved_too);
  }
  return settle_push(repo, ledger, *chosen, landed, "post-receive", audit_path);
}

std::vector<LandingOutcome> reconcile(const git::Repository& repo, const PushLedger& ledger, const std::string& audit_path,
                                      std::int64_t grace, std::time_t now, std::size_t limit) {
  std::vector<LandingOutcome> out;
  for (const PendingPush& p : ledger.pending(now - static_cast<std::time_t>(grace), limit))
    if (auto o = settle_push(repo, ledger, p, updates_on_refs(repo, p.updates), "reconcile", audit_path))
      out.push_back(std::move(*o));
  return out;
}

}  // namespace laneguard::server
