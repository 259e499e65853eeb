#include "facts/approvals.h"

#include "agreement/agreement.h"

namespace laneguard {

std::vector<Approval> trailer_approvals(const CommitFacts& commit, const ReviewSettings& review) {
  std::vector<Approval> out;
  for (const Trailer& t : commit.trailers) {
    bool is_approval = false;
    for (const std::string& key : review.approval_trailers)
      if (trailer_key_is(t, key)) is_approval = true;
    if (!is_approval) continue;
    if (t.value.find_first_not_of(" \t") == std::string::npos) continue;  // `Reviewed-by:` alone names nobody
    Approval a;
    if (auto id = parse_identity(t.value)) {
      a.who = *id;
    } else {
      std::string v = t.value;
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
      a.who.username = v;
    }
    a.source = ApprovalSource::trailer;
    a.authenticated = false;
    a.note = t.key + " trailer in " + commit.id.substr(0, 12);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace laneguard
