// Approval trailers (Reviewed-by, Approved-by, ...) read from a commit: claims, which `check` and the
// local hooks take as stated and the server reports as unverified.
#pragma once
#include <vector>

#include "facts/change.h"

namespace laneguard {

struct ReviewSettings;

// One Approval (source trailer, authenticated=false) per approval trailer of the commit. A value
// "Name <email>" gives an email; a bare word is taken as a username.
std::vector<Approval> trailer_approvals(const CommitFacts& commit, const ReviewSettings& review);

}  // namespace laneguard
