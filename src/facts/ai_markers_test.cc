// AI markers: each built-in marker, the agreement's additions, and look-alikes that are not markers.
#include "facts/ai_markers.h"

#include <doctest/doctest.h>

#include "agreement/agreement.h"

namespace laneguard {
namespace {

const Identity kHuman{"Pat Doe", "pat@acme.test", ""};

Identity who(const char* text) { return parse_identity(text).value(); }

std::vector<std::string> markers_of_message(std::string_view message,
                                            const AiSettings& settings = {}) {
  return find_ai_markers(kHuman, kHuman, {}, message, settings);
}

}  // namespace

TEST_CASE("ai markers: AI tools' identities") {
  AiSettings s;
  for (const char* text : {
           "Claude <noreply@anthropic.com>",
           "Claude Opus 4.5 <noreply@anthropic.com>",
           "Claude <NoReply@Anthropic.com>",
           "Copilot <198982749+Copilot@users.noreply.github.com>",
           "Copilot <223556219+Copilot@users.noreply.github.com>",
           "GitHub Copilot <copilot@github.com>",
           "Jane Doe (aider) <jane@acme.test>",
           "aider (gpt-4o) <aider@aider.chat>",
           "Codex <noreply@openai.com>",
           "Cursor <cursoragent@cursor.com>",
           "Qwen-Coder <qwen-coder@alibabacloud.com>",
           "Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
           "copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>",
       }) {
    CAPTURE(text);
    CHECK(is_ai_identity(who(text), s));
  }
  for (const char* login : {"devin-ai-integration[bot]", "google-labs-jules[bot]", "claude[bot]",
                            "Copilot-SWE-Agent[bot]"}) {
    CAPTURE(login);
    CHECK(is_ai_identity(Identity{"", "", login}, s));
  }
}

TEST_CASE("ai markers: people and platforms that are not AI tools") {
  AiSettings s;
  for (const char* text : {
           "GitHub <noreply@github.com>",                       // the web-flow committer
           "Claude Monet <claude@acme.test>",                   // a human named Claude
           "Pat <1234+pat@users.noreply.github.com>",           // a human's noreply address
           "Cursor Jones <cursor@acme.test>",
           "Aider Fan <aider-fan@acme.test>",                   // "aider" not as the suffix
           "Pat (aider fan) <pat@acme.test>",
           "Anthropic Person <person@anthropic.com>",
           "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
       }) {
    CAPTURE(text);
    CHECK_FALSE(is_ai_identity(who(text), s));
  }
  CHECK_FALSE(is_ai_identity(Identity{"", "", "claude"}, s));  // a login, not the bot
  CHECK_FALSE(is_ai_identity(Identity{}, s));
}

TEST_CASE("ai markers: AI reviewers and bot accounts never approve, people do") {
  AiSettings s;
  for (const char* login : {"coderabbitai[bot]", "copilot-pull-request-reviewer[bot]", "claude[bot]",
                            "CodeRabbitAI[bot]", "dependabot[bot]", "some-new-ai[bot]"}) {
    CAPTURE(login);
    CHECK(is_ai_approver(Identity{"", "", login}, s));
  }
  CHECK(is_ai_approver(who("CodeRabbit <136622811+coderabbitai[bot]@users.noreply.github.com>"), s));
  CHECK(is_ai_approver(who("Claude <noreply@anthropic.com>"), s));
  CHECK(is_ai_approver(who("Codex <noreply@openai.com>"), s));
  // coderabbitai reviews; it is no marker of authorship.
  CHECK_FALSE(is_ai_identity(Identity{"", "", "coderabbitai[bot]"}, s));
  for (const char* text : {"Claude Monet <claude@acme.test>", "Pat <1234+pat@users.noreply.github.com>",
                           "Bot Robertson <bot@acme.test>", "GitHub <noreply@github.com>"}) {
    CAPTURE(text);
    CHECK_FALSE(is_ai_approver(who(text), s));
  }
  for (const char* login : {"claude", "robot", "bot", "eli-bot", "coderabbitai"}) {
    CAPTURE(login);
    CHECK_FALSE(is_ai_approver(Identity{"", "", login}, s));
  }
  AiSettings extra;
  extra.marker_emails = {"reviewer@ai.acme.test"};
  CHECK(is_ai_approver(who("Acme AI <reviewer@ai.acme.test>"), extra));
  CHECK_FALSE(is_ai_approver(who("Acme AI <reviewer@ai.acme.test>"), s));
}

TEST_CASE("ai markers: each marker described for a person") {
  AiSettings s;
  auto co = find_ai_markers(kHuman, kHuman, {who("Claude <noreply@anthropic.com>")},
                            "Fix\n", s);
  REQUIRE(co.size() == 1);
  CHECK(co[0] == "co-author \"Claude <noreply@anthropic.com>\"");

  auto copilot = find_ai_markers(who("Copilot <198982749+Copilot@users.noreply.github.com>"),
                                 who("GitHub <noreply@github.com>"), {}, "Fix\n", s);
  REQUIRE(copilot.size() == 1);  // the web-flow committer is not a marker
  CHECK(copilot[0] == "author \"Copilot <198982749+Copilot@users.noreply.github.com>\"");

  auto committer = find_ai_markers(kHuman, who("Codex <noreply@openai.com>"), {}, "Fix\n", s);
  CHECK(committer == std::vector<std::string>{"committer \"Codex <noreply@openai.com>\""});

  auto pusher = find_ai_markers(Identity{"", "", "claude[bot]"}, kHuman, {}, "Fix\n", s);
  CHECK(pusher == std::vector<std::string>{"author \"claude[bot]\""});

  // the same identity as author and committer: both roles are named
  Identity aider = who("Pat (aider) <pat@acme.test>");
  CHECK(find_ai_markers(aider, aider, {}, "Fix\n", s).size() == 2);
}

TEST_CASE("ai markers: tools' message forms") {
  CHECK(markers_of_message("Add retry\n\n\xF0\x9F\xA4\x96 Generated with [Claude Code]"
                           "(https://claude.com/claude-code)\n\n"
                           "Co-Authored-By: Claude <noreply@anthropic.com>\n") ==
        std::vector<std::string>{"message footer \"Generated with [Claude Code]\""});
  CHECK(markers_of_message("Add retry\n\nGenerated with Claude Code\n") ==
        std::vector<std::string>{"message footer \"Generated with Claude Code\""});
  CHECK(markers_of_message("Refactor\r\n\r\nMade with [Cursor](https://cursor.com)\r\n") ==
        std::vector<std::string>{"message footer \"Made with [Cursor]\""});
  CHECK(markers_of_message("aider: fix the parser\n") ==
        std::vector<std::string>{"subject prefix \"aider:\""});
  CHECK(markers_of_message("Fix\n\nClaude-Session: 0123abcd\n") ==
        std::vector<std::string>{"trailer \"Claude-Session: 0123abcd\""});
  CHECK(markers_of_message("Fix\n\nclaude-session: x\n").size() == 1);
}

TEST_CASE("ai markers: prose that merely mentions a tool is not a marker") {
  for (const char* message : {
           "Fix login\n\nI tried Claude Code on this and it was wrong, so I wrote it by hand.\n",
           "Fix login\n\nThis was not generated with [Claude Code] at all.\n",
           "Docs: explain how aider: commits look\n",
           "Fix\n\nWe discussed Claude-Session: ids in the meeting.\nMore prose.\n",
           "Claude-Session: abc\n",  // a trailer-like subject is not a trailer
           "Fix\n\nCursor support in the editor widget.\n",
           "",
       }) {
    CAPTURE(message);
    CHECK(markers_of_message(message).empty());
  }
}

TEST_CASE("ai markers: the agreement adds markers") {
  AiSettings s;
  s.marker_emails = {"Robot@Acme.Test"};
  s.marker_names = {"acmebot"};
  s.marker_text = {"Written by AcmeGPT"};
  CHECK(is_ai_identity(who("Robot <robot@acme.test>"), s));
  CHECK(is_ai_identity(who("The AcmeBot 3000 <x@acme.test>"), s));
  CHECK_FALSE(is_ai_identity(who("Robot <robot2@acme.test>"), s));
  CHECK_FALSE(is_ai_identity(who("Robot <robot@acme.test>"), AiSettings{}));

  auto found = find_ai_markers(kHuman, kHuman, {who("Robot <robot@acme.test>")},
                               "Fix\n\nwritten by AcmeGPT v2\n", s);
  CHECK(found == std::vector<std::string>{"co-author \"Robot <robot@acme.test>\"",
                                          "message text \"Written by AcmeGPT\""});
  CHECK(markers_of_message("Fix\n", s).empty());
}

}  // namespace laneguard

namespace laneguard {

TEST_CASE("ai markers: a trailer value naming an AI tool, as people write them") {
  AiSettings s;
  for (const char* value : {"Claude", "claude", "Claude:opus-4", "Claude Code", "Claude Opus 4.5", "Copilot",
                            "GitHub Copilot", "Copilot (gpt-4.1)", "CodeRabbit", "coderabbitai", "Codex/o3",
                            "ChatGPT", "Cursor", "aider", "Devin", "Jules", "Gemini:2.5-pro", "Qwen-Coder",
                            "  Claude  "}) {
    CAPTURE(value);
    CHECK(names_ai_tool(value, s));
  }
  for (const char* value : {"Claudette", "Cursor-Jones", "erin", "Eli", "", "Claude Monet <claude@acme.test>",
                            "Claude <noreply@anthropic.com>", "Pat, who used no tool"}) {
    CAPTURE(value);
    CHECK_FALSE(names_ai_tool(value, s));
  }
  AiSettings extra;
  extra.marker_names = {"AcmeGPT"};
  CHECK(names_ai_tool("AcmeGPT v2", extra));
  CHECK_FALSE(names_ai_tool("AcmeGPT v2", s));
}

}  // namespace laneguard

namespace laneguard {

TEST_CASE("ai markers: the agent accounts with their numeric ids, as GitHub writes them") {
  AiSettings s;
  for (const char* text : {
           "Copilot <198982749+Copilot@users.noreply.github.com>",
           "claude[bot] <209825114+claude[bot]@users.noreply.github.com>",
           "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
           "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
           "chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>",
           "copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>",
           "Gemini <noreply@google.com>",
       }) {
    CAPTURE(text);
    CHECK(is_ai_identity(who(text), s));
    CHECK(!ai_tool_of(who(text)).empty());
  }
  for (const char* login : {"Copilot", "claude[bot]", "devin-ai-integration[bot]", "google-labs-jules[bot]",
                            "chatgpt-codex-connector[bot]", "copilot-swe-agent[bot]"}) {
    CAPTURE(login);
    CHECK(is_ai_identity(Identity{"", "", login}, s));
  }
  CHECK(ai_tool_of(who("Claude Opus 4.5 <noreply@anthropic.com>")) == "Claude");
  CHECK(ai_tool_of(Identity{"", "", "chatgpt-codex-connector[bot]"}) == "Codex");
  CHECK(ai_tool_of(who("Pat <pat@acme.test>")).empty());
  CHECK(named_ai_tool("claude:opus-4", s) == "Claude");
  CHECK(named_ai_tool("erin", s).empty());
}

TEST_CASE("ai markers: evidence names the tool, and the model when the identity's name gives it") {
  AiSettings s;
  auto e = find_ai_evidence(kHuman, kHuman, {who("Claude Opus 4.5 <noreply@anthropic.com>")}, "Fix\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].source == "marker");
  CHECK(e[0].tool == "Claude");
  CHECK(e[0].model == "opus-4.5");
  e = find_ai_evidence(kHuman, kHuman, {who("aider (gpt-4o) <aider@aider.chat>")}, "Fix\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].tool == "aider");
  CHECK(e[0].model == "gpt-4o");
  e = find_ai_evidence(who("Pat (aider) <pat@acme.test>"), kHuman, {}, "Fix\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].model.empty());
  e = find_ai_evidence(kHuman, kHuman, {}, "Fix\n\nClaude-Session: 3f2a\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].tool == "Claude");
  CHECK(e[0].text == "trailer \"Claude-Session: 3f2a\"");
}

TEST_CASE("ai markers: a pull request's own facts, CI only") {
  AiSettings s;
  Identity copilot{"", "", "Copilot"}, pat{"", "", "pat"};
  auto e = find_pull_request_ai_evidence(copilot, "copilot/fix-7", "", s);
  REQUIRE(e.size() == 2);
  CHECK(e[0].text == "opened by \"Copilot\"");
  CHECK(e[1].text == "head branch \"copilot/fix-7\"");
  CHECK(e[1].source == "pull request");
  for (const char* branch : {"codex/add-retry", "claude/issue-12-20250601", "cursor/fix-login", "Copilot/x"}) {
    CAPTURE(branch);
    CHECK(find_pull_request_ai_evidence(pat, branch, "", s).size() == 1);
  }
  auto body = find_pull_request_ai_evidence(
      pat, "feature", "Adds throttling.\n\n\xF0\x9F\xA4\x96 Generated with [Claude Code](https://claude.com/claude-code)\n", s);
  REQUIRE(body.size() == 1);
  CHECK(body[0].text == "description footer \"Generated with [Claude Code]\"");
  CHECK(body[0].tool == "Claude");
  // Not evidence: a person's branch that mentions a tool, prose in a description.
  for (const char* branch : {"feature/copilot-docs", "codexes", "claude", "main"}) {
    CAPTURE(branch);
    CHECK(find_pull_request_ai_evidence(pat, branch, "I did not use Claude Code for this.", s).empty());
  }
}

}  // namespace laneguard
