// AI attribution notes: the examples of git-ai's standard v3.0.0 (specs/git_ai_standard_v3.0.0.md,
// sections 1.2.5 to 1.2.7) and of Agent Trace v0.1.0 (cursor/agent-trace README 6.2 and appendix A),
// as published, and what is not evidence.
#include "git/ai_note_formats.h"

#include <doctest/doctest.h>

#include "agreement/agreement.h"

namespace laneguard::git {
namespace {

const AiSettings kSettings;

std::vector<std::string> texts(const AiNoteReading& r) {
  std::vector<std::string> out;
  for (const AiEvidence& e : r.evidence) out.push_back(e.text);
  return out;
}

// Section 1.2.5, the sessions format.
const char* kSessions = R"(src/main.rs
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
  s_c9883b05a2487d::t_a1b2c3d4e5f678 25,30-35
  h_31dce776f88375 42-50
src/lib.rs
  s_e7f2a90b31cc48::t_deadbeef012345 1-50
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "humans": {
    "h_31dce776f88375": {
      "author": "Developer <dev@example.com>"
    }
  },
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {
        "tool": "cursor",
        "id": "6ef2299e-a67f-432b-aa80-3d2fb4d28999",
        "model": "claude-sonnet-4-5-20250514"
      },
      "human_author": "dev@example.com"
    },
    "s_e7f2a90b31cc48": {
      "agent_id": {
        "tool": "claude",
        "id": "conv_abc123def456",
        "model": "claude-sonnet-4-5-20250514"
      },
      "human_author": "dev@example.com",
      "custom_attributes": {
        "team": "backend"
      }
    }
  }
}
)";

}  // namespace

TEST_CASE("ai notes: git-ai's sessions format, as its standard's example") {
  AiNoteReading r = read_ai_note(kSessions, kSettings);
  REQUIRE(r.readable);
  CHECK(r.format == "git-ai");
  // 16 + 7 lines of src/main.rs by the cursor session (the known human's 42-50 are not AI's).
  CHECK(texts(r) == std::vector<std::string>{"git-ai: 23 lines of src/main.rs by cursor (claude-sonnet-4-5-20250514)",
                                             "git-ai: 50 lines of src/lib.rs by claude (claude-sonnet-4-5-20250514)"});
  CHECK(r.evidence[0].paths == std::vector<std::string>{"src/main.rs"});
  CHECK(r.evidence[0].tool == "Cursor");
  CHECK(r.evidence[1].tool == "Claude");
  CHECK(r.evidence[1].model == "claude-sonnet-4-5-20250514");
  REQUIRE(r.humans.size() == 1);  // the same human_author twice: once
  CHECK(r.humans[0].email == "dev@example.com");
}

TEST_CASE("ai notes: git-ai's legacy and mixed formats, a quoted path") {
  const char* legacy = R"(src/main.rs
  abcd1234abcd1234 1-10,15-20
  ef0b5678ef0b5678 25,30-35
"src/my file.rs"
  abcd1234abcd1234 1-50
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.0.23",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "abcd1234abcd1234": {
      "agent_id": {"tool": "cursor", "id": "6ef2299e", "model": "claude-4.5-opus"},
      "human_author": "Developer <dev@example.com>",
      "total_additions": 25, "total_deletions": 5, "accepted_lines": 20, "overriden_lines": 0
    },
    "ef0b5678ef0b5678": {
      "agent_id": {"tool": "cursor", "id": "a1b2c3d4", "model": "claude-3-sonnet"},
      "human_author": "Developer <dev@example.com>",
      "total_additions": 6, "total_deletions": 0, "accepted_lines": 6, "overriden_lines": 0
    }
  }
}
)";
  AiNoteReading r = read_ai_note(legacy, kSettings);
  REQUIRE(r.readable);
  CHECK(texts(r) == std::vector<std::string>{"git-ai: 7 lines of src/main.rs by cursor (claude-3-sonnet)",
                                             "git-ai: 16 lines of src/main.rs by cursor (claude-4.5-opus)",
                                             "git-ai: 50 lines of src/my file.rs by cursor (claude-4.5-opus)"});
  REQUIRE(r.humans.size() == 1);
  CHECK(r.humans[0].name == "Developer");
}

TEST_CASE("ai notes: a git-ai note with no AI lines is readable and no evidence") {
  const char* human_only = "src/main.rs\n  h_31dce776f88375 1-3\n---\n"
                           R"({"schema_version": "authorship/3.0.0", "base_commit_sha": "7734793b", "prompts": {},)"
                           R"( "humans": {"h_31dce776f88375": {"author": "Pat <pat@acme.test>"}}})";
  AiNoteReading r = read_ai_note(human_only, kSettings);
  CHECK(r.readable);
  CHECK(r.evidence.empty());
  CHECK(read_ai_note("---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"x\", \"prompts\": {}}\n",
                     kSettings).readable);  // an empty commit's log
}

TEST_CASE("ai notes: Agent Trace records, as its specification's examples") {
  const char* example = R"({
  "version": "0.1.0",
  "id": "550e8400-e29b-41d4-a716-446655440000",
  "timestamp": "2026-01-23T14:30:00Z",
  "vcs": {"type": "git", "revision": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"},
  "tool": {"name": "cursor", "version": "2.4.0"},
  "files": [
    {"path": "src/utils/parser.ts",
     "conversations": [{"url": "https://api.cursor.com/v1/conversations/12345",
       "contributor": {"type": "ai", "model_id": "anthropic/claude-opus-4-5-20251101"},
       "ranges": [{"start_line": 42, "end_line": 67, "content_hash": "murmur3:9f2e8a1b"}],
       "related": [{"type": "session", "url": "https://api.cursor.com/v1/sessions/67890"}]}]},
    {"path": "src/utils/helpers.ts",
     "conversations": [{"url": "https://api.cursor.com/v1/conversations/12345",
       "contributor": {"type": "ai", "model_id": "openai/gpt-4o"},
       "ranges": [{"start_line": 10, "end_line": 25}]}]}
  ],
  "metadata": {"confidence": 0.95, "dev.cursor": {"workspace_id": "ws-abc123"}}
})";
  AiNoteReading r = read_ai_note(example, kSettings);
  REQUIRE(r.readable);
  CHECK(r.format == "agent-trace");
  CHECK(texts(r) == std::vector<std::string>{"agent-trace: 26 lines of src/utils/parser.ts by cursor (claude-opus-4-5-20251101)",
                                             "agent-trace: 16 lines of src/utils/helpers.ts by cursor (gpt-4o)"});
  CHECK(r.evidence[0].tool == "Cursor");
  // Appendix A, the minimal record: no tool, no model.
  AiNoteReading minimal = read_ai_note(R"({"version": "0.1.0", "id": "550e8400-e29b-41d4-a716-446655440000",
    "timestamp": "2026-01-25T10:00:00Z", "files": [{"path": "src/app.ts", "conversations": [
    {"contributor": {"type": "ai"}, "ranges": [{"start_line": 1, "end_line": 50}]}]}]})", kSettings);
  CHECK(texts(minimal) == std::vector<std::string>{"agent-trace: 50 lines of src/app.ts by an AI agent"});
}

TEST_CASE("ai notes: Agent Trace contributors: human and unknown lines are no evidence, mixed and overrides are") {
  // Two records, one a line (JSON Lines, as Cursor's reference trace store appends them).
  const char* record =
      R"({"version": "0.1.0", "id": "1", "timestamp": "t", "files": [{"path": "a.py", "conversations": [)"
      R"({"contributor": {"type": "human"}, "ranges": [{"start_line": 1, "end_line": 9}, )"
      R"({"start_line": 10, "end_line": 11, "contributor": {"type": "ai", "model_id": "x/m"}}]}, )"
      R"({"contributor": {"type": "unknown"}, "ranges": [{"start_line": 20, "end_line": 29}]}, )"
      R"({"contributor": {"type": "mixed"}, "ranges": [{"start_line": 30, "end_line": 30}]}]}]})"
      "\n"
      R"({"version": "0.1.0", "id": "2", "timestamp": "t", "files": [{"path": "b.py", "conversations": [)"
      R"({"contributor": {"type": "human"}, "ranges": [{"start_line": 1, "end_line": 5}]}]}]})";
  AiNoteReading r = read_ai_note(record, kSettings);  // two records, one a line
  REQUIRE(r.readable);
  CHECK(texts(r) == std::vector<std::string>{"agent-trace: 1 line of a.py by an AI agent",
                                             "agent-trace: 2 lines of a.py by an AI agent (m)"});
}

TEST_CASE("ai notes: what is neither format is unreadable") {
  for (const char* text : {"", "Assisted-by: Claude:opus-4\nReviewed-by: Erin <erin@acme.test>\n",
                           "src/a.py\n  s_1::t_2 1-3\n---\nnot json\n",
                           "src/a.py\n  s_1::t_2 1-3\n---\n{\"schema_version\": \"other/1\"}\n",
                           "src/a.py\n  s_1::t_2 3-1\n---\n{\"schema_version\": \"authorship/3.0.0\"}\n",
                           "src/a.py\n  s_1::t_2 x\n---\n{\"schema_version\": \"authorship/3.0.0\"}\n",
                           "{\"files\": []}", "{\"version\": \"0.1.0\", \"files\": [{\"path\": \"a\"}]}",
                           "[1, 2]"}) {
    CAPTURE(text);
    CHECK_FALSE(read_ai_note(text, kSettings).readable);
  }
}

}  // namespace laneguard::git
