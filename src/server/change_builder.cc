#include "server/change_builder.h"

#include "facts/ai_markers.h"
#include "facts/identity.h"

namespace laneguard::server {
namespace {

Identity identity_of(const Person& person) {
  Identity id;
  id.name = person.key;
  if (!person.emails.empty()) id.email = person.emails.front();
  if (!person.usernames.empty()) id.username = person.usernames.front();
  return id;
}

}  // namespace

bool introducer_unknown(const Agreement& agreement, const ServerChangeInput& input) {
  if (input.introduced == Introduced::unknown) return true;
  if (input.introduced != Introduced::by_account) return false;
  Identity account = account_identity(input.introducer);
  // An agent's or bot's account (claude[bot] pushing its branch): the human behind it is unknown.
  if (is_ai_approver(account, agreement.ai)) return true;
  const Person* p = resolve_person(agreement, account);
  return p && p->bot;
}

Change build_server_change(const Agreement& agreement, ServerChangeInput input) {
  Change change;
  change.id = input.commit.id;
  const bool unknown = introducer_unknown(agreement, input);
  if (input.introduced == Introduced::by_account && !input.introducer.empty())
    change.extra_authors.push_back({account_identity(input.introducer), ExtraAuthorRole::introducer});
  if (input.signer) change.extra_authors.push_back({identity_of(*input.signer), ExtraAuthorRole::signer});
  for (const Identity& who : input.inherited_authors) change.extra_authors.push_back({who, ExtraAuthorRole::introducer});
  if (input.original_committer) input.commit.committer = *input.original_committer;
  if (!input.pusher.empty() && !unknown) {
    Approval a;
    a.who = account_identity(input.pusher);
    a.source = ApprovalSource::pusher;
    a.authenticated = true;
    a.note = "pushed by " + input.pusher;
    change.approvals.push_back(std::move(a));
  }
  if (!unknown)
    for (const std::string& account : input.approved_by_push) {
      Approval a;
      a.who = account_identity(account);
      a.source = ApprovalSource::push;
      a.authenticated = true;
      a.note = "approval pushed by " + account;
      change.approvals.push_back(std::move(a));
    }
  for (const SignedApproval& s : input.signatures) {
    if (!s.signer) continue;
    Approval a;
    a.who = identity_of(*s.signer);
    a.source = ApprovalSource::signature;
    a.authenticated = true;
    a.note = std::string(s.merge ? "signed merge " : "signed commit ") + s.commit.substr(0, 12);
    change.approvals.push_back(std::move(a));
  }
  for (const Trailer& t : input.commit.trailers) {
    bool is_approval = false;
    for (const auto& key : agreement.review.approval_trailers) is_approval = is_approval || trailer_key_is(t, key);
    if (!is_approval) continue;
    Approval a;
    if (auto id = parse_identity(t.value)) a.who = *id;
    else a.who.name = t.value;
    a.source = ApprovalSource::trailer;
    a.authenticated = false;
    a.note = t.key + " trailer";
    change.approvals.push_back(std::move(a));
  }
  change.commits.push_back(std::move(input.commit));
  return change;
}

}  // namespace laneguard::server
