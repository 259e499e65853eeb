// Differential test: commits written under i18n.commitEncoding read as `git log` prints them
// (author, committer, subject, message in UTF-8), and trailers read from the converted text.
#include <doctest/doctest.h>

#include "git/reencode.h"
#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {

git::Library library;

}  // namespace

TEST_CASE("git: to_utf8 converts like iconv, refuses what is not text in that encoding") {
  CHECK(is_utf8_encoding_name("UTF-8"));
  CHECK(is_utf8_encoding_name("utf8"));
  CHECK_FALSE(is_utf8_encoding_name("ISO-8859-1"));
  CHECK(to_utf8("Ren\xe9", "ISO-8859-1") == std::optional<std::string>("Ren\xc3\xa9"));
  CHECK(to_utf8("\x93quoted\x94", "windows-1252") == std::optional<std::string>("\xe2\x80\x9cquoted\xe2\x80\x9d"));
  CHECK(to_utf8("\xa4\xa2", "EUC-JP") == std::optional<std::string>("\xe3\x81\x82"));
  CHECK(to_utf8("x", "no-such-encoding") == std::nullopt);
  CHECK(to_utf8("\xa4", "EUC-JP") == std::nullopt);  // cut in the middle of a character
  CHECK(to_utf8(std::string(100000, '\xe9'), "ISO-8859-1")->size() == 200000);
}

TEST_CASE("git: commit_facts honours the encoding header as git log does") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  struct Case {
    std::string encoding, author, message;
  };
  std::vector<Case> cases = {
      {"ISO-8859-1", "Ren\xe9 Fran\xe7ois", "Caf\xe9 au lait\n\nCorps du message, na\xefve.\n\nReviewed-by: Zo\xeb <zoe@acme.test>\n"},
      {"windows-1252", "Jos\xe9", "\x93Smart\x94 quotes \x80\n\nAssisted-by: Claude:opus-4\n"},
      {"EUC-JP", "\xa4\xa2\xa4\xa4", "\xc6\xfc\xcb\xdc\xb8\xec\n"},
      {"UTF-8", "Ren\xc3\xa9", "d\xc3\xa9j\xc3\xa0 UTF-8\n"},
      {"ISO-8859-1", "Ascii Only", "nothing to convert\n"},
      {"no-such-encoding", "Ren\xe9", "unknown encoding: bytes kept\n"},  // git shows the bytes as they are
  };
  std::vector<std::string> ids;
  int i = 0;
  for (const Case& c : cases) {
    cli.write("f", std::to_string(i++));
    cli.write(".git/lg-message", c.message);
    cli.run("git add -A && GIT_AUTHOR_NAME=" + quote(c.author) + " GIT_COMMITTER_NAME=" + quote(c.author) +
            " git -c i18n.commitEncoding=" + quote(c.encoding) + " commit -q --cleanup=verbatim -F .git/lg-message");
    cli.tick();
    ids.push_back(cli.head());
  }
  // The encoding header is really there (git writes none for UTF-8).
  CHECK(cli.run("git cat-file commit " + ids[0]).find("\nencoding ISO-8859-1\n") != std::string::npos);
  auto repo = Repository::discover(cli.dir);
  for (size_t k = 0; k < ids.size(); ++k) {
    CAPTURE(cases[k].encoding);
    CommitFacts f = repo.commit_facts(ids[k]);
    std::string fields = cli.run("git log -1 --format='%an%x00%ae%x00%cn%x00%s%x00%B' " + ids[k]);
    std::vector<std::string> g = split(fields, '\0');
    REQUIRE(g.size() == 5);
    CHECK(f.author.name == g[0]);
    CHECK(f.author.email == g[1]);
    CHECK(f.committer.name == g[2]);
    CHECK(f.subject == g[3]);
    CHECK(f.message + "\n" == g[4]);  // %B ends with a newline of its own
  }
  CommitFacts latin = repo.commit_facts(ids[0]);
  REQUIRE(latin.trailers.size() == 1);
  CHECK(latin.trailers[0].value == "Zo\xc3\xab <zoe@acme.test>");
  CHECK(repo.commit_facts(ids[0]).author.name == "Ren\xc3\xa9 Fran\xc3\xa7ois");
}
