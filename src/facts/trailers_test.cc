// Trailers: examples, and a differential test against git itself. Every message of a corpus of
// awkward messages and of a fixed-seed generator becomes a real commit (git fast-import, stored
// verbatim); parse_trailers(stored message) must render exactly what
// `git log --format='%(trailers:only,unfold)'` prints for that commit.
#include "facts/trailers.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace laneguard {
namespace {

std::string render(const std::vector<Trailer>& trailers) {
  std::string out;
  for (const Trailer& t : trailers) out += t.key + ": " + t.value + "\n";
  return out;
}

std::string rendered(std::string_view message) { return render(parse_trailers(message)); }

// ---------------------------------------------------------------------------------------------
// The corpus: messages people and tools actually write, and the corners of git's reading.
const std::vector<std::string>& corpus() {
  static const std::vector<std::string> messages = {
      // AI tool footers
      "Add checkout retry\n\nRetries the charge twice.\n\n"
      "\xF0\x9F\xA4\x96 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
      "Co-Authored-By: Claude <noreply@anthropic.com>\n",
      "Add checkout retry\n\n"
      "\xF0\x9F\xA4\x96 Generated with [Claude Code](https://claude.com/claude-code)\n"
      "Co-Authored-By: Claude <noreply@anthropic.com>\n",
      "Fix bug\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\nClaude-Session: abc123\n",
      "aider: fix the parser\n\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>\n",
      "Refactor\n\nMade with [Cursor](https://cursor.com)\n\n"
      "Co-authored-by: Cursor <cursoragent@cursor.com>\n",
      "Tweak\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n"
      "Co-authored-by: Codex <noreply@openai.com>\n",
      "Label\n\nAssisted-by: Claude:claude-opus-4 coccinelle\nSigned-off-by: Pat <pat@acme.test>\n",
      "Declare none\n\nAI-Assisted: none\n",
      // URLs in the last paragraph
      "Docs\n\nhttps://example.com/issue/1\n",
      "Docs\n\nSee https://example.com/issue/1\n",
      "Docs\n\nLink: https://lore.kernel.org/r/123\nReviewed-by: Erin <erin@acme.test>\n",
      "Docs\n\nhttps://example.com\nReviewed-by: Erin <erin@acme.test>\n",
      // `---` is text for commit reading
      "Patch\n\nbody\n---\nReviewed-by: Erin <erin@acme.test>\n",
      "Patch\n\n---\n\nReviewed-by: Erin <erin@acme.test>\n",
      "Patch\n\nReviewed-by: Erin <erin@acme.test>\n--- \nnotes\n",
      "Patch\n\nReviewed-by: Erin <erin@acme.test>\n---\n",
      // cherry-pick lines and the 25% rule
      "Backport\n\nReviewed-by: Erin <erin@acme.test>\n(cherry picked from commit "
      "0123456789abcdef0123456789abcdef01234567)\n",
      "Backport\n\nsome prose\nmore prose\nthird line\n(cherry picked from commit abc)\n",
      "Mixed\n\nThis explains things.\nSigned-off-by: Pat <pat@acme.test>\n",
      "Mixed\n\nOne.\nTwo.\nThree.\nSigned-off-by: Pat <pat@acme.test>\n",
      "Mixed\n\nOne.\nTwo.\nThree.\nFour.\nSigned-off-by: Pat <pat@acme.test>\n",
      "Mixed\n\nOne.\nTwo.\nThree.\nFour.\nReviewed-by: Erin <e@x>\nSigned-off-by: P <p@x>\n",
      "Mixed\n\nprose line\nReviewed-by: Erin <erin@acme.test>\n",
      "Mixed\n\nSigned-off-by: Pat <pat@acme.test>\n[pat: fixed typo]\nSigned-off-by: Erin <e@x>\n",
      "Mixed\n\nSigned-off-by:Pat <pat@acme.test>\nprose\n",
      // continuation lines
      "Wrap\n\nReviewed-by: Erin\n  <erin@acme.test>\nAcked-by: Someone\n\tElse\n",
      "Wrap\n\n  leading continuation\nReviewed-by: Erin <erin@acme.test>\n",
      "Wrap\n\nReviewed-by: a\n \n b\n",
      "Wrap\n\nReviewed-by: a   \n   b  \n",
      "Wrap\n\nKey:\n value on next line\n",
      // key shapes
      "Keys\n\nreviewed-by: erin <erin@acme.test>\nREVIEWED-BY: ERIN <E@X>\n",
      "Keys\n\nReviewed-by : Erin <erin@acme.test>\nAcked-by\t: Tab\n",
      "Keys\n\nReviewed by: Erin <erin@acme.test>\n",
      "Keys\n\nFixes: 1234\nBug: 99\n123: numeric\n-: dash\n",
      "Keys\n\n: no key\n",
      "Keys\n\nKey:no-space\nEmpty:\n",
      "Keys\n\nKey: value: with: colons\n",
      "Keys\n\nCo_authored_by: x <x@y>\n",
      // only the first paragraph
      "Reviewed-by: Erin <erin@acme.test>\n",
      "Reviewed-by: Erin <erin@acme.test>\nSigned-off-by: Pat <pat@acme.test>\n",
      "Reviewed-by: Erin <erin@acme.test>\n\nbody text\n",
      "Subject: looks like a trailer\n\nReviewed-by: Erin <erin@acme.test>\n",
      // blank lines, comments, scissors
      "Subject\n\nReviewed-by: Erin <erin@acme.test>\n\n\n\n",
      "Subject\n\nReviewed-by: Erin <erin@acme.test>\n  \n",
      "Subject\n\nReviewed-by: Erin <erin@acme.test>",
      "\n\nSubject after blank lines\n\nReviewed-by: Erin <erin@acme.test>\n",
      "\n\nReviewed-by: Erin <erin@acme.test>\n",
      "   \n\t\nSubject\n\nKey: v\n",
      "",
      "\n",
      "   \n\n",
      "Subject only",
      "Subject\n\nReviewed-by: Erin <erin@acme.test>\n# Please enter the commit message\n#\n",
      "Subject\n\nReviewed-by: Erin <erin@acme.test>\n# a comment inside\nAcked-by: X <x@y>\n",
      "# comment first\nSubject\n\nKey: v\n",
      "Subject\n\nKey: v\n# ------------------------ >8 ------------------------\nOther: w\n",
      "Subject\n\nbody\n\nKey: v\n# ------------------------ >8 ------------------------\n",
      "Subject\n\nKey: v\n\nConflicts:\n\tsrc/a.c\n\tsrc/b.c\n",
      "Subject\n\nKey: v\nConflicts:\n\tsrc/a.c\n",
      // CRLF and other bytes
      "Subject\r\n\r\nReviewed-by: Erin <erin@acme.test>\r\n",
      "Subject\r\n\r\nBody\r\n\r\nReviewed-by: Erin <erin@acme.test>\r\n",
      "Subject\r\n\r\nReviewed-by: Erin\r\n <erin@acme.test>\r\n",
      "Subject\n\nReviewed-by: Ren\xE9 <rene@acme.test>\n",
      "Subject \xFF\xFE\n\n\xC3\x28 prose\n\nKey: \xFF\n",
      "Subject\n\nK\xC3\xA9y: non-ascii key\n",
      "Subject\n\nKey: v\v\nOther:\fw\n",
      "Merge branch 'feature'\n\n# Conflicts:\n#\tsrc/x.c\n",
  };
  return messages;
}

// A fixed-seed generator of messages built from the pieces git is subtle about.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {  // xorshift64*: the same sequence on every platform
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

std::string generated_line(Rng& rng) {
  static const char* const pieces[] = {
      "Reviewed-by: Erin <erin@acme.test>",
      "Signed-off-by: Pat <pat@acme.test>",
      "Signed-off-by:Pat",
      "signed-off-by: pat <pat@acme.test>",
      "(cherry picked from commit 0123abcd)",
      "Co-Authored-By: Claude <noreply@anthropic.com>",
      "Assisted-by: Claude:opus-4",
      "Key : spaced",
      "Key\t: tabbed",
      "Two words: not a key",
      "https://example.com/x",
      "See https://example.com/x",
      "Closes: #12",
      "Empty:",
      ": colon first",
      "-: dash",
      "prose line here",
      "Prose with a colon: inside",
      "\xF0\x9F\xA4\x96 Generated with [Claude Code](https://claude.com/claude-code)",
      "  continued",
      "\tcontinued with tab",
      " ",
      "\t",
      "# a comment",
      "#Key: commented",
      "---",
      "--- x",
      "Conflicts:",
      "\tpath/in/conflicts",
      "# ------------------------ >8 ------------------------",
      "Key: v\r",
      "\r",
      "Key: \xFF\xFE bytes",
      "K\xC3\xA9y: accent",
      "Key:\vvt",
      "\fform feed",
      "",
  };
  return pieces[rng.below(sizeof(pieces) / sizeof(pieces[0]))];
}

std::string generated_message(Rng& rng) {
  static const char* const subjects[] = {
      "Fix the thing", "Reviewed-by: Erin <erin@acme.test>", "", "  ", "# comment subject",
      "aider: change", "Subject\r",
  };
  std::string msg;
  if (rng.below(8) == 0) msg += "\n";
  msg += subjects[rng.below(sizeof(subjects) / sizeof(subjects[0]))];
  msg += "\n";
  std::size_t paragraphs = rng.below(4);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    msg += rng.below(6) == 0 ? " \n" : "\n";
    std::size_t lines = 1 + rng.below(6);
    for (std::size_t l = 0; l < lines; ++l) msg += generated_line(rng) + "\n";
  }
  switch (rng.below(5)) {
    case 0: msg += "\n\n"; break;
    case 1:
      if (!msg.empty()) msg.pop_back();  // no final newline
      break;
    default: break;
  }
  return msg;
}

// ---------------------------------------------------------------------------------------------
// A throwaway repository with isolated git configuration.
struct TempRepo {
  std::filesystem::path dir;
  TempRepo() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "lg-trailers-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
    REQUIRE(git("init -q -b main") == 0);
  }
  ~TempRepo() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  int git(const std::string& args) const {
    // Runs in the repository, so redirections name its files.
    std::string cmd =
        "cd '" + dir.string() + "' && env GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Tester "
        "GIT_AUTHOR_EMAIL=tester@example.test GIT_COMMITTER_NAME=Tester "
        "GIT_COMMITTER_EMAIL=tester@example.test LC_ALL=C git " + args;
    return std::system(cmd.c_str());
  }
};

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string escaped(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

TEST_CASE("trailers: the last paragraph of an AI-assisted commit") {
  auto t = parse_trailers(
      "Add retry\n\nBody.\n\n\xF0\x9F\xA4\x96 Generated with "
      "[Claude Code](https://claude.com/claude-code)\n\n"
      "Co-Authored-By: Claude <noreply@anthropic.com>\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].key == "Co-Authored-By");
  CHECK(t[0].value == "Claude <noreply@anthropic.com>");
  CHECK(trailer_key_is(t[0], "co-authored-by"));
  CHECK_FALSE(trailer_key_is(t[0], "co-authored"));
}

TEST_CASE("trailers: git's corners") {
  // the first paragraph is never trailers
  CHECK(rendered("Reviewed-by: Erin <e@x>\n") == "");
  CHECK(rendered("Subject only") == "");
  CHECK(rendered("") == "");
  // a URL at the start of a line is a trailer to git (key "https")
  CHECK(rendered("S\n\nhttps://example.com\n") == "https: //example.com\n");
  // prose mixed in: all-trailers rule fails without a git-generated line ...
  CHECK(rendered("S\n\nprose\nReviewed-by: E <e@x>\n") == "");
  // ... and the 25% rule applies with one, dropping the prose
  CHECK(rendered("S\n\nprose\nReviewed-by: E <e@x>\nSigned-off-by: P <p@x>\n") ==
        "Reviewed-by: E <e@x>\nSigned-off-by: P <p@x>\n");
  CHECK(rendered("S\n\nOne.\nTwo.\nThree.\nFour.\nSigned-off-by: P <p@x>\n") == "");
  CHECK(rendered("S\n\nOne.\nTwo.\nThree.\nSigned-off-by: P <p@x>\n") ==
        "Signed-off-by: P <p@x>\n");
  // space before the colon, continuation lines unfolded
  CHECK(rendered("S\n\nReviewed-by : E\n  <e@x>\n") == "Reviewed-by: E <e@x>\n");
  CHECK(rendered("S\n\nTwo words: no\n") == "");
  // `---` is text when reading commits
  CHECK(rendered("S\n\nbody\n---\nReviewed-by: E <e@x>\n") == "");
  CHECK(rendered("S\n\n---\n\nReviewed-by: E <e@x>\n") == "Reviewed-by: E <e@x>\n");
  // trailing comments and blank lines do not end the block
  CHECK(rendered("S\n\nKey: v\n\n# comment\n\n") == "Key: v\n");
  // leading blank lines are skipped: the trailer-looking line becomes the subject
  CHECK(rendered("\n\nKey: v\n") == "");
}

TEST_CASE("trailers: differential test against git log %(trailers:only,unfold)") {
  std::vector<std::string> messages = corpus();
  const std::size_t corpus_size = messages.size();
  Rng rng{0x5eed1e55c0ffeeULL};
  for (int i = 0; i < 600; ++i) messages.push_back(generated_message(rng));
  REQUIRE(corpus_size >= 40);

  TempRepo repo;
  // One fast-import stream: one commit per message, stored byte for byte.
  std::string stream;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    stream += "commit refs/heads/main\nmark :" + std::to_string(i + 1) +
              "\ncommitter Tester <tester@example.test> 1700000000 +0000\ndata " +
              std::to_string(messages[i].size()) + "\n" + messages[i] + "\n";
  }
  write_file(repo.path("stream"), stream);
  REQUIRE(repo.git("fast-import --quiet --export-marks=marks < stream") == 0);

  std::map<std::string, std::size_t> index_of;  // commit id -> message index
  std::istringstream marks(read_file(repo.path("marks")));
  std::string mark, id, ids;
  while (marks >> mark >> id) {
    index_of[id] = std::stoul(mark.substr(1)) - 1;
    ids += id + "\n";
  }
  REQUIRE(index_of.size() == messages.size());

  // The stored messages, exactly.
  write_file(repo.path("ids"), ids);
  REQUIRE(repo.git("cat-file --batch < ids > objects") == 0);
  std::map<std::string, std::string> stored;
  {
    std::string objects = read_file(repo.path("objects"));
    std::size_t pos = 0;
    while (pos < objects.size()) {
      std::size_t eol = objects.find('\n', pos);
      std::istringstream header(objects.substr(pos, eol - pos));
      std::string oid, type;
      std::size_t size = 0;
      header >> oid >> type >> size;
      std::string body = objects.substr(eol + 1, size);
      stored[oid] = body.substr(body.find("\n\n") + 2);
      pos = eol + 1 + size + 1;
    }
  }
  REQUIRE(stored.size() == messages.size());

  // What git reports, for every commit in one run.
  REQUIRE(repo.git("log --format='%H%x00%(trailers:only,unfold)%x00' main > trailers") == 0);
  std::string out = read_file(repo.path("trailers"));
  std::size_t compared = 0, with_trailers = 0, mismatches = 0;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t a = out.find('\0', pos);
    std::size_t b = out.find('\0', a + 1);
    REQUIRE(b != std::string::npos);
    std::string oid = out.substr(pos, a - pos);
    std::string expected = out.substr(a + 1, b - a - 1);
    pos = b + 2;  // the NUL and the newline git ends each commit with
    REQUIRE(index_of.count(oid) == 1);
    const std::string& message = stored[oid];
    CHECK(message == messages[index_of[oid]]);  // fast-import kept it verbatim
    std::string actual = rendered(message);
    ++compared;
    if (!expected.empty()) ++with_trailers;
    if (actual != expected && ++mismatches <= 20) {
      CAPTURE(index_of[oid]);
      CHECK_MESSAGE(actual == expected, "message: \"" << escaped(message) << "\"\n  git:  \""
                                                      << escaped(expected) << "\"\n  ours: \""
                                                      << escaped(actual) << "\"");
    }
  }
  CHECK(mismatches == 0);
  CHECK(compared == messages.size());
  MESSAGE("compared " << compared << " messages (" << corpus_size << " corpus, "
                      << compared - corpus_size << " generated); " << with_trailers
                      << " have trailers");
  CHECK(with_trailers > compared / 5);  // the corpus and generator exercise real trailers
}

}  // namespace laneguard
