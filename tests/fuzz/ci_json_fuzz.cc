// The CI JSON readers (ci/json_file.cc and the GitHub, GitLab and neutral readers on top): the first
// byte picks the reader, the rest is the file. Malformed JSON or a payload without what a reader needs
// is a UsageError with its position; nothing else may escape (nlohmann's own exceptions included).
// Issue 10 defects 7 and 8 (`[][][]...` backtracking, `{"number": 1e999}`) are regression inputs in regressions/ci_json/.
#include <cstdint>

#include "ci/github.h"
#include "ci/gitlab.h"
#include "ci/json_file.h"
#include "ci/neutral.h"
#include "ci/reviews.h"
#include "fuzz.h"
#include "util/error.h"

using namespace laneguard;

namespace {
ci::PullRequest read(uint8_t which, const nlohmann::json& doc) {
  static const ci::Environment gitlab_env{{"CI_MERGE_REQUEST_IID", "7"},
                                          {"CI_MERGE_REQUEST_DIFF_BASE_SHA", std::string(40, 'a')},
                                          {"CI_COMMIT_SHA", std::string(40, 'b')}};
  ci::PullRequest pr;
  switch (which % 6) {
    case 0: return ci::read_github_event(doc, "event.json");
    case 1: ci::add_github_reviews(pr, doc, "reviews.json"); return pr;
    case 2: ci::add_github_commits(pr, doc, "commits.json"); return pr;
    case 3: return ci::read_gitlab_merge_request(doc, "mr.json", gitlab_env);
    case 4: ci::add_gitlab_approvals(pr, doc, "approvals.json"); return pr;
    default: return ci::read_neutral(doc, "pr.json");
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text = fuzz::bytes(data + 1, size - 1);
  try {
    nlohmann::json doc = ci::parse_json(text, "fuzz.json");
    ci::PullRequest pr = read(data[0], doc);
    (void)ci::select_approvals(pr, true);
    (void)ci::select_approvals(pr, false);
  } catch (const Error&) {
  }
  return 0;
}
