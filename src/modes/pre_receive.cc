// laneguard pre-receive: the server gate (SPEC section 4). Reads "<old> <new> <ref>" lines, judges
// what each update lands on a protected branch, prints findings for the pusher (git shows them as
// `remote:` lines), appends the decision to the audit log and answers 0 (accept) or 1 (reject).
// It fails closed: an unreadable agreement, a missing object, an internal error or the time
// budget running out rejects a protected-branch push with a one-line reason (per on_error).
#include <unistd.h>

#include <atomic>
#include <map>
#include <set>
#include <iostream>
#include <sstream>

#include "git/repository.h"
#include "modes/modes.h"
#include "report/report.h"
#include "server/append_file.h"
#include "server/audit_log.h"
#include "server/budget.h"
#include "server/environment.h"
#include "server/gate.h"
#include "server/introducer_store.h"
#include "server/landing.h"
#include "server/push_ledger.h"
#include "server/ref_update.h"
#include "util/error.h"

namespace laneguard {
namespace {

using namespace server;

// How many earlier pending pushes one push settles at most (each costs a ref lookup or a walk).
constexpr std::size_t kReconcilePerPush = 10;

double timeout_of(const git::Repository& repo, std::ostream& err) {
  auto text = repo.config_string("laneguard.timeout");
  if (!text) return kDefaultTimeoutSeconds;
  if (auto t = parse_timeout(*text)) return *t;
  err << "laneguard: ignoring git config laneguard.timeout = \"" << *text << "\" (not a number of seconds)\n";
  return kDefaultTimeoutSeconds;
}

AuditEntry audit_entry(const std::vector<RefUpdate>& updates, const Pusher& pusher,
                       const std::optional<std::string>& override_reason) {
  AuditEntry e;
  e.pusher = pusher.username;
  e.pusher_source = pusher.source;
  e.override_reason = override_reason;
  for (const auto& u : updates) e.refs.push_back({u.ref, u.old_id, u.new_id, false, 0});
  return e;
}

// Branches and laneguard's own refs: what an error cannot let through unjudged.
bool touches_branches(const std::vector<RefUpdate>& updates) {
  for (const auto& u : updates)
    if (u.branch() || u.ref.rfind(kReservedRefPrefix, 0) == 0) return true;
  return false;
}

// The answer to an accepted approval push: what was recorded, and where it will not count.
void print_approvals(std::ostream& err, const std::vector<ApprovalToRecord>& approvals) {
  for (const ApprovalToRecord& a : approvals) {
    if (a.withdraw)
      err << "laneguard: withdrew the approvals " << a.ref << " recorded (break glass)\n";
    if (a.commits.empty()) continue;
    err << "laneguard: recorded " << a.person << "'s approval" << (a.approver == a.person ? "" : " (as " + a.approver + ")")
        << " of " << a.commits.size() << " commit(s), for when they land on a protected branch:\n";
    constexpr std::size_t kShown = 10;
    for (std::size_t i = 0; i < a.commits.size() && i < kShown; ++i)
      err << "laneguard:   " << a.commits[i].substr(0, 12) << " " << (i < a.titles.size() ? a.titles[i] : "") << "\n";
    if (a.commits.size() > kShown) err << "laneguard:   ... and " << a.commits.size() - kShown << " more\n";
    for (const std::string& n : a.not_counted) err << "laneguard:   it will not count for " << n << "\n";
  }
}

// What the pusher sees: text they control (override reasons, subjects, ref names) must not move
// their terminal's cursor or rewrite earlier lines, so control characters other than newline and
// tab are printed as \xNN.
std::string escape_controls(std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {  // C1 controls (U+0080..U+009F)
      out += "\\u00";
      out += kHex[(static_cast<unsigned char>(text[i + 1]) >> 4) & 15];
      out += kHex[static_cast<unsigned char>(text[i + 1]) & 15];
      ++i;
    } else {
      out += ch;
    }
  }
  return out;
}

// The watchdog claimed the answer and is ending the process: give it the floor.
[[noreturn]] void wait_for_watchdog() {
  for (;;) ::pause();
}

// The one-line answer when the gate cannot decide.
int fail_closed(std::ostream& err, const std::string& reason, OnError on_error) {
  if (on_error == OnError::allow) {
    err << "laneguard: warning: could not judge this push (" << reason << "); accepted because on_error = \"allow\"\n";
    return kExitOk;
  }
  err << "laneguard: rejected: " << reason << "\n";
  return kExitBlocked;
}

// The one line the pusher sees when nothing blocks: what was judged, who approved which area.
std::string accept_line(const GateResult& r) {
  std::map<std::string, std::set<std::string>> approvers;  // area -> people whose approval counted
  for (const auto& a : r.report.areas) {
    auto& who = approvers[a.area.rfind("lane:", 0) == 0 ? "lane " + a.area.substr(5) : a.area];
    who.insert(a.approved_by.begin(), a.approved_by.end());
  }
  std::string branches;
  for (const auto& j : r.refs)
    if (j.is_protected && !j.approval) {
      std::string name = j.update.branch() ? *j.update.branch() : j.update.ref;
      if (branches.find(name) == std::string::npos) branches += (branches.empty() ? "" : ", ") + name;
    }
  if (branches.empty()) return "";  // approval pushes only: print_approvals answers
  std::string line = "accepted: " + std::to_string(r.report.commits) + " commit(s) judged for " + branches;
  if (approvers.empty()) return line + "; no protected area or lane rule applied";
  line += ";";
  bool first = true;
  for (const auto& [area, who] : approvers) {
    line += first ? " " : "; ";
    first = false;
    std::string names;
    for (const auto& p : who) names += (names.empty() ? "" : ", ") + p;
    line += area + " approved by " + (names.empty() ? "nobody (overridden)" : names);
  }
  return line;
}

std::string closing_hint(const GateResult& r) {
  if (!r.report.blocks()) return "";
  if (r.override_people.empty() || r.override_accepted) return "";
  std::string who;
  for (std::size_t i = 0; i < r.override_people.size(); ++i) who += (i ? ", " : "") + r.override_people[i];
  return "break glass (recorded): git push -o laneguard.override=\"INC-123: reason\" (allowed: " + who + ")";
}

int judge_and_answer(std::istream& in, std::ostream& err) {
  const auto start = Budget::Clock::now();
  EnvLookup env = process_env();
  std::vector<RefUpdate> updates;
  try {
    updates = parse_ref_updates(in);
  } catch (const std::exception& e) {
    return fail_closed(err, e.what(), OnError::block);
  }
  Pusher pusher = pusher_from_env(env);
  std::optional<std::string> override_reason = override_reason_of(push_options_from_env(env));
  AuditEntry audit = audit_entry(updates, pusher, override_reason);
  std::string audit_path, database_path;
  std::atomic<bool> allow_on_error{false};
  std::atomic<bool> decided{false};  // claimed by whoever answers: this thread or the watchdog

  try {
    git::Repository repo = git::Repository::open_for_hook();
    audit_path = audit_log_path(repo);
    Budget budget(timeout_of(repo, err), start);
    // A step that hangs past the deadline (a huge object, a stuck subprocess): answer anyway, but
    // only for a hook that has not decided. One decision, one record, taken by one thread: the
    // watchdog works on its own copy of the entry and gives up once the hook has claimed the answer.
    Watchdog watchdog(budget.deadline(), std::chrono::milliseconds(300),
                      [&decided, seconds = budget.seconds(), audit_path, timed_out = audit]() mutable {
      if (decided.exchange(true)) return;  // the hook has answered (or is writing its answer)
      std::ostringstream line;
      line << "the push is too large to judge within the " << seconds
           << " s time budget (git config laneguard.timeout)";
      timed_out.error = line.str();
      timed_out.accepted = false;
      try { append_audit(audit_path, timed_out); } catch (...) {}
      // Running out of time is something the pusher can cause (push 60,000 commits): never "allow".
      int rc = fail_closed(std::cerr, line.str(), OnError::block);
      std::cerr.flush();
      ::_exit(rc);
    });
    IntroducerStore store = IntroducerStore::for_repository(repo);
    ApprovalStore approvals = ApprovalStore::for_repository(repo);
    database_path = store.path();
    PushLedger ledger(database_path);
    // Earlier accepted pushes still pending past the grace period: settled against the refs
    // before this one is judged (their records must not claim commits that never landed).
    // GitHub Enterprise Server runs no post-receive, so this is where they settle there.
    try {
      reconcile(repo, ledger, audit_path, pending_grace(repo, nullptr), std::time(nullptr), kReconcilePerPush);
    } catch (const std::exception& e) {
      err << "laneguard: warning: could not settle earlier pending pushes: " << e.what() << "\n";
    }
    AgreementChoice gate = gate_agreement(repo);
    allow_on_error = on_error_of(gate) == OnError::allow;
    GateInput input{updates, pusher, override_reason, {}};
    if (const char* author = env("GITHUB_PULL_REQUEST_AUTHOR_LOGIN"); author && *author) input.pull_request_author = author;
    GateResult result = judge_push(repo, gate, input, store, approvals, budget);
    if (decided.exchange(true)) wait_for_watchdog();  // it answered first and ends the process

    // Who first brought each commit here, on every accepting path, before the hook answers: GitHub
    // Enterprise Server runs no post-receive to catch up. A store that cannot be written rejects a
    // push to a protected branch (its commits would have no introducer).
    std::string store_error;
    if (result.accepted()) {
      try {
        // Pending until the refs move (git can still fail to lock one): the records below name
        // it, so that those of a push that does not land can be taken back.
        if (result.any_protected || !result.introduced.empty() || !result.inherited.empty() || !result.approvals.empty())
          audit.push_id = ledger.open_pending(updates, pusher.username, ::getppid(), result.any_protected);
        // Rebased commits first: the first record for a commit wins.
        std::map<std::string, std::vector<std::string>> inherited;
        for (const auto& [commit, who] : result.inherited) inherited[who].push_back(commit);
        const std::time_t now = std::time(nullptr);
        for (const auto& [who, commits] : inherited) store.record(commits, who, now, audit.push_id);
        store.record(result.introduced, result.introducer, now, audit.push_id);
      } catch (const std::exception& e) {
        store_error = std::string("cannot record who introduced the pushed commits (") + store.path() + "): " + e.what();
      }
      // Approvals by push, in the same durable store, before the hook answers.
      if (store_error.empty())
        try {
          for (const ApprovalToRecord& a : result.approvals) {
            if (a.withdraw) approvals.withdraw(a.ref);
            approvals.record(a.commits, a.approver, a.ref, std::time(nullptr), audit.push_id);
          }
        } catch (const std::exception& e) {
          store_error = std::string("cannot record the approvals (") + approvals.path() + "): " + e.what();
        }
    }
    const bool accepted = result.accepted() && (store_error.empty() || !result.any_protected);
    if (!store_error.empty() && !result.any_protected) err << "laneguard: warning: " << store_error << "\n";

    if (result.any_protected) {
      ReportOptions options;
      options.title = "laneguard pre-receive";
      options.hint = closing_hint(result);
      if (!result.report.findings.empty()) write_report(err, result.report, Format::text, options);
      for (const auto& note : result.notes) err << "laneguard: " << note << "\n";
      audit.accepted = accepted;
      audit.error = result.accepted() ? store_error : "";
      audit.findings = result.report.findings;
      audit.override_accepted = result.override_accepted;
      if (accepted)
        for (const ApprovalToRecord& a : result.approvals)
          audit.approvals.push_back({a.ref, a.approver, a.person, a.commits, a.withdraw});
      for (std::size_t i = 0; i < result.refs.size() && i < audit.refs.size(); ++i) {
        audit.refs[i].is_protected = result.refs[i].is_protected;
        audit.refs[i].commits = result.refs[i].judged.size();
        audit.commits.insert(audit.commits.end(), result.refs[i].judged.begin(), result.refs[i].judged.end());
      }
      // The decision is on disk before the hook answers; no record, no acceptance.
      try {
        append_audit(audit_path, audit);
      } catch (const std::exception& e) {
        return fail_closed(err, std::string("cannot write the audit log: ") + e.what(), result.on_error);
      }
    }
    if (!result.accepted()) {
      err << "laneguard: push rejected by the working agreement";
      if (result.report.commits) err << " (" << result.report.commits << " commit(s) judged)";
      err << "\n";
      return kExitBlocked;
    }
    if (!accepted) {
      err << "laneguard: rejected: " << store_error << "\n";
      return kExitBlocked;
    }
    print_approvals(err, result.approvals);
    if (std::string line = accept_line(result); result.any_protected && !line.empty()) err << "laneguard: " << line << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::string reason = e.what();
    OnError on_error = allow_on_error.load() ? OnError::allow : OnError::block;
    // The pusher can exhaust the budget at will (push enough commits): on_error = "allow" covers
    // only failures the pusher cannot cause.
    const bool out_of_time = dynamic_cast<const BudgetExceeded*>(&e) != nullptr;
    if (out_of_time || dynamic_cast<const StoreUnavailable*>(&e)) on_error = OnError::block;
    // Tags and other refs pass, except when the budget ran out: then nobody recorded who introduced
    // the commits they bring, and every accepting path records that.
    if (!touches_branches(updates) && !out_of_time) {
      err << "laneguard: warning: " << reason << "\n";
      return kExitOk;  // tags and other refs pass
    }
    audit.error = reason;
    audit.accepted = on_error == OnError::allow;
    if (audit.accepted && audit.push_id.empty() && !database_path.empty()) {
      try { audit.push_id = PushLedger(database_path).open_pending(updates, pusher.username, ::getppid(), true); } catch (...) {}
    }
    if (!audit_path.empty()) {
      try { append_audit(audit_path, audit); } catch (...) {}
    }
    return fail_closed(err, reason, on_error);
  }
}

// Everything the pusher sees goes through escape_controls.
int run_pre_receive(std::istream& in, std::ostream& err) {
  std::ostringstream out;
  int rc = judge_and_answer(in, out);
  err << escape_controls(out.str());
  err.flush();
  return rc;
}

}  // namespace

void register_pre_receive(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("pre-receive",
                                 "server hook: judge what a push lands on protected branches (ref updates on stdin)");
  cmd->callback([&exit_code] { exit_code = run_pre_receive(std::cin, std::cerr); });
}

}  // namespace laneguard
