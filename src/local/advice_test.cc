#include "local/advice.h"

#include <doctest/doctest.h>

using namespace laneguard;
using namespace laneguard::local;

namespace {

CommitFacts with_co_author(const std::string& name, const std::string& email) {
  CommitFacts c;
  c.id = "staged changes";
  c.author = {"Pat", "pat@acme.test", ""};
  c.committer = c.author;
  c.co_authors.push_back({name, email, ""});
  return c;
}

}  // namespace

TEST_CASE("exact_label_trailer names the tool and, when the identity says it, the model") {
  AiSettings ai;
  CHECK(exact_label_trailer(with_co_author("Claude Opus 4.5", "noreply@anthropic.com"), ai) ==
        "Assisted-by: Claude:opus-4.5");
  CHECK(exact_label_trailer(with_co_author("Claude", "noreply@anthropic.com"), ai) == "Assisted-by: Claude");
  CHECK(exact_label_trailer(with_co_author("aider (gpt-4o)", "aider@aider.chat"), ai) == "Assisted-by: aider:gpt-4o");
  ai.label_trailers = {"AI-Assisted"};
  CHECK(exact_label_trailer(with_co_author("Codex", "noreply@openai.com"), ai) == "AI-Assisted: Codex");
}

TEST_CASE("local_findings: pre-commit turns approvals into what the change will need") {
  Agreement a = parse_agreement(R"(
version = 1
[agreement]
protected_branches = ["main"]
[people.pat]
emails = ["pat@acme.test"]
[people.erin]
emails = ["erin@acme.test"]
[people.eli]
emails = ["eli@acme.test"]
[lanes.engineering]
members = ["erin", "eli", "pat"]
owns = ["**"]
[[protected]]
name = "authentication"
paths = ["src/auth/**"]
owners = ["engineering"]
)", "test.toml");
  CommitFacts c;
  c.id = "staged changes";
  c.author = c.committer = {"Pat", "pat@acme.test", ""};
  c.paths = {"src/auth/login.py"};
  Change change{c.id, {c}, {}, {}, {}};
  Judgement j = evaluate(a, change, Context{.trust_claims = true, .where = Context::Where::local});
  AdviceContext ctx{LocalHook::pre_commit, "main", {"pat"}, ""};
  auto out = local_findings(a, j, c, ctx);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::warn);
  CHECK(out[0].message == "Before this lands on main it needs 1 approval from engineering (erin or eli): it changes authentication.");
  // commit-msg in warn mode does not repeat it when the message gives no approval...
  ctx.hook = LocalHook::commit_msg;
  CHECK(local_findings(a, j, c, ctx).empty());
  // ...and blocks under [local] mode = "block".
  a.local_mode = LocalMode::block;
  auto blocked = local_findings(a, j, c, ctx);
  REQUIRE(blocked.size() == 1);
  CHECK(blocked[0].severity == Severity::block);
}
