// Approvals and AI labels read from trailers: an empty value names nobody; a person credited in
// `Assisted-by:` (the trailer predates AI tools) is not an AI label; a tool is.
#include <doctest/doctest.h>

#include "core/evaluate.h"
#include "facts/ai_markers.h"
#include "facts/approvals.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {

const Agreement& agreement() {
  static Agreement a = parse_agreement(testing::team_agreement(), "t.toml");
  return a;
}

CommitFacts commit_with(const std::string& trailers, std::vector<std::string> paths = {"src/auth/login.py"}) {
  CommitFacts c;
  c.id = "0123456789abcdef0123456789abcdef01234567";
  c.subject = "change";
  c.message = "change\n\n" + trailers;
  c.author = c.committer = Identity{"Erin", "erin@acme.test", ""};
  c.trailers = parse_trailers(c.message);
  c.paths = std::move(paths);
  return c;
}

Judgement judge(const CommitFacts& c) {
  Change ch;
  ch.id = c.id;
  ch.commits.push_back(c);
  ch.approvals = trailer_approvals(c, agreement().review);
  return evaluate(agreement(), ch, Context{true, Context::Where::check});
}

bool has_rule(const Judgement& j, const std::string& rule) {
  for (const Finding& f : j.findings)
    if (f.rule == rule) return true;
  return false;
}

}  // namespace

TEST_CASE("approvals: an empty trailer value is no approver") {
  CHECK(trailer_approvals(commit_with("Reviewed-by:\n"), agreement().review).empty());
  CHECK(trailer_approvals(commit_with("Reviewed-by:   \nApproved-by:\t\n"), agreement().review).empty());
  auto one = trailer_approvals(commit_with("Reviewed-by:\nReviewed-by: Eli <eli@acme.test>\n"), agreement().review);
  REQUIRE(one.size() == 1);
  CHECK(one[0].who.email == "eli@acme.test");
  CHECK(has_rule(judge(commit_with("Reviewed-by:\n")), "missing-approval"));
  CHECK_FALSE(has_rule(judge(commit_with("Reviewed-by: Eli <eli@acme.test>\n")), "missing-approval"));
}

TEST_CASE("AI labels: a person in Assisted-by is credited, not an AI label: a tool is a label") {
  const AiSettings& ai = agreement().ai;
  CHECK(label_names_a_person("Jane Doe <jane@x.org>", ai));
  CHECK(label_names_a_person("<jane@x.org>", ai));
  CHECK_FALSE(label_names_a_person("Claude:opus-4", ai));
  CHECK_FALSE(label_names_a_person("Copilot", ai));
  CHECK_FALSE(label_names_a_person("Claude <noreply@anthropic.com>", ai));  // a tool's own identity
  CHECK_FALSE(label_names_a_person("aider (gpt-4) <aider@aider.chat>", ai));
  CHECK_FALSE(label_names_a_person("Claude:opus-4 <tools>", ai));

  // A labelled change needs the AI approvals (2 in the test team); a human Assisted-by does not.
  std::string approved = "Reviewed-by: Eli <eli@acme.test>\n";
  CHECK_FALSE(has_rule(judge(commit_with("Assisted-by: Jane Doe <jane@x.org>\n" + approved)), "missing-approval"));
  CHECK(has_rule(judge(commit_with("Assisted-by: Claude:opus-4\n" + approved)), "missing-approval"));
  CHECK(has_rule(judge(commit_with("Assisted-by: Claude <noreply@anthropic.com>\n" + approved)), "missing-approval"));
  // And it is no declaration of AI help where one is required.
  Agreement strict = parse_agreement(testing::team_agreement({"[ai]\nrequire_declaration = true"}), "t.toml");
  CommitFacts human = commit_with("Assisted-by: Jane Doe <jane@x.org>\n" + approved);
  Change ch;
  ch.id = human.id;
  ch.commits.push_back(human);
  ch.approvals = trailer_approvals(human, strict.review);
  Judgement j = evaluate(strict, ch, Context{true, Context::Where::check});
  CHECK(has_rule(j, "missing-ai-declaration"));
}
