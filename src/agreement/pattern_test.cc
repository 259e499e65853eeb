// PathPattern: hand-written cases for each rule of SPEC section 1, and a differential test
// against git's own gitignore matcher (`git ls-files --others --ignored`) on generated patterns.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "agreement/pattern.h"
#include "agreement/unicode_fold.h"
#include "util/text.h"

using laneguard::PathPattern;

namespace {

bool match(const char* pattern, const char* path, bool case_sensitive = true) {
  return PathPattern::compile(pattern, case_sensitive).matches(path);
}

std::string rejection(const char* pattern) {
  try {
    PathPattern::compile(pattern);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("pattern: literal and single-segment wildcards never cross '/'") {
  CHECK(match("src/main.cc", "src/main.cc"));
  CHECK_FALSE(match("src/main.cc", "src/main.c"));
  CHECK_FALSE(match("src/main.cc", "lib/src/main.cc"));  // a middle '/' anchors
  CHECK(match("src/*.cc", "src/a.cc"));
  CHECK_FALSE(match("src/*.cc", "src/sub/a.cc"));
  CHECK_FALSE(match("src/*.cc", "src/a.cc.bak"));
  CHECK(match("src/?.cc", "src/a.cc"));
  CHECK_FALSE(match("src/?.cc", "src/ab.cc"));
  CHECK_FALSE(match("a?b", "a/b"));
  CHECK_FALSE(match("a*b", "a/b"));
  CHECK(match("src/a*b*c", "src/aXbYc"));
  CHECK_FALSE(match("src/a*b*c", "src/aXbY"));
  CHECK(match("*", "anything/at/all"));
}

TEST_CASE("pattern: ** spans directories") {
  // leading **/
  CHECK(match("**/session.py", "session.py"));
  CHECK(match("**/session.py", "a/b/c/session.py"));
  CHECK(match("**/*.md", "docs/x/README.md"));
  CHECK(match("**/*.md", "README.md"));
  CHECK_FALSE(match("**/*.md", "README.mdx"));
  // trailing /**
  CHECK(match("src/auth/**", "src/auth/login.py"));
  CHECK(match("src/auth/**", "src/auth/a/b/c.py"));
  CHECK_FALSE(match("src/auth/**", "src/auth"));  // the directory itself is not below itself
  CHECK_FALSE(match("src/auth/**", "src/authz/x.py"));
  CHECK_FALSE(match("src/auth/**", "lib/src/auth/x.py"));
  // middle /**/
  CHECK(match("a/**/b", "a/b"));
  CHECK(match("a/**/b", "a/x/b"));
  CHECK(match("a/**/b", "a/x/y/z/b"));
  CHECK(match("a/**/b", "a/x/b/file"));  // b is a directory: everything below it
  CHECK_FALSE(match("a/**/b", "a/x/bb"));
  CHECK(match("a/**/**/b", "a/b"));
  CHECK(match("a/**/x*/**/c", "a/1/x2/3/4/c"));
  CHECK_FALSE(match("a/**/x*/**/c", "a/1/y2/3/4/c"));
  // ** alone, and ** that is not a whole segment is a plain *
  CHECK(match("**", "a"));
  CHECK(match("**", "a/b/c"));
  CHECK(match("/**", "a/b"));
  CHECK(match("a**b", "aXYb"));
  CHECK_FALSE(match("src/a**b", "src/a/b"));
}

TEST_CASE("pattern: leading / anchors, no / matches at any depth") {
  CHECK(match("/README.md", "README.md"));
  CHECK_FALSE(match("/README.md", "docs/README.md"));
  CHECK(match("README.md", "docs/README.md"));
  CHECK(match("*.md", "a/b/c.md"));
  CHECK(match("/*.md", "c.md"));
  CHECK_FALSE(match("/*.md", "a/c.md"));
  CHECK(match("session*", "src/auth/session_store.py"));
  CHECK(match("build", "a/build/out.o"));  // a matching directory at any depth
  CHECK_FALSE(match("build", "a/builder/out.o"));
}

TEST_CASE("pattern: trailing / matches a directory and everything below, not a file") {
  CHECK(match("logs/", "logs/a.txt"));
  CHECK(match("logs/", "x/logs/y/a.txt"));  // no other '/': any depth
  CHECK_FALSE(match("logs/", "logs"));        // a file named logs
  CHECK_FALSE(match("logs/", "x/logs"));
  CHECK(match("/logs/", "logs/a"));
  CHECK_FALSE(match("/logs/", "x/logs/a"));
  CHECK(match("a/b/", "a/b/c"));
  CHECK_FALSE(match("a/b/", "a/b"));
  CHECK(match("a/*/", "a/x/y"));
  CHECK_FALSE(match("a/*/", "a/x"));
  CHECK(match("a/**/", "a/x/y"));
  CHECK_FALSE(match("a/**/", "a/x"));
  CHECK(match("**/", "a/b"));
  CHECK_FALSE(match("**/", "a"));
}

TEST_CASE("pattern: a matched directory covers everything below it (gitignore)") {
  CHECK(match("docs/*", "docs/guide/x.md"));  // docs/guide is matched by docs/*
  CHECK(match("src/auth", "src/auth/deep/file"));
  CHECK(match("src/a?th", "src/auth/file"));
  CHECK(match("*.d", "x/conf.d/a"));
}

TEST_CASE("pattern: character classes and escapes") {
  CHECK(match("file[abc].txt", "fileb.txt"));
  CHECK_FALSE(match("file[abc].txt", "filed.txt"));
  CHECK(match("v[0-9]", "v7"));
  CHECK_FALSE(match("v[0-9]", "vx"));
  CHECK(match("x[!a]", "xb"));
  CHECK_FALSE(match("x[!a]", "xa"));
  CHECK(match("x[^a]", "xb"));
  CHECK_FALSE(match("a[!x]b", "a/b"));  // a class never matches '/'
  CHECK(match("x[]]", "x]"));          // a leading ']' is literal
  CHECK(match("x[a-]", "x-"));
  CHECK(match("x[[:digit:]]", "x5"));
  CHECK_FALSE(match("x[[:digit:]]", "xa"));
  CHECK(match("x[[:upper:]_]", "x_"));
  CHECK(match("\\*.md", "*.md"));
  CHECK_FALSE(match("\\*.md", "a.md"));
  CHECK(match("a\\?", "a?"));
  CHECK_FALSE(match("a\\?", "ab"));
  CHECK(match("\\!important", "!important"));
  CHECK(match("\\#notes", "#notes"));
  CHECK(match("#notes", "#notes"));  // not a comment: the agreement has no comment lines in strings
  CHECK(match("x[\\]]", "x]"));
}

TEST_CASE("pattern: case-insensitive when asked") {
  CHECK_FALSE(match("src/Auth/**", "src/auth/x"));
  CHECK(match("src/Auth/**", "SRC/AUTH/x", false));
  CHECK(match("*.MD", "docs/readme.md", false));
  CHECK(match("README.md", "a/readme.MD", false));
  CHECK(match("x[A-C]", "xb", false));
  CHECK(match("x[a-c]", "xB", false));
  CHECK(match("x[B]", "xb", false));  // unlike git, where [B] never matches under ignorecase
  CHECK(match("\\Docs", "docs/a", false));  // and \D, which git never matches under ignorecase
  CHECK_FALSE(match("x[!b]", "xB", false));
  CHECK(match("x[[:lower:]]", "xQ", false));
  CHECK_FALSE(match("x[[:lower:]]", "xQ", true));
  CHECK(match("/Docs/", "docs/a", false));
  CHECK(match("src/*", "SRC/x", false));
}

TEST_CASE("pattern: a case-insensitive class is folded as a set, then negated") {
  // git's core.ignorecase lowers the text but compares a class's upper-case members as written,
  // so under git `[Y]` matches neither y nor Y and `[!Y]` matches both. laneguard folds the
  // members: `[!Y]` is the complement of `[Y]`, whichever case the text is in (docs/agreement.md).
  for (const char* text : {"xy", "xY"}) {
    CAPTURE(text);
    CHECK(match("x[Y]", text, false));
    CHECK_FALSE(match("x[!Y]", text, false));
    CHECK_FALSE(match("x[^xY]", text, false));
    CHECK(match("x[!X]", text, false));
  }
  CHECK(match("x[!Y]", "xY", true) == false);
  CHECK(match("x[!Y]", "xy", true));
  // the fuzz stage's input (regressions/pattern/negated-class-upper-case): `y` is in `[xY]`
  CHECK_FALSE(match("src/[a-c]?[!xY[[:digit:]]*.py", "src/aby01.py", false));
  CHECK(match("src/[a-c]?[!xY[[:digit:]]*.py", "src/aby01.py", true));
  CHECK(match("src/[a-c]?[!xY[[:digit:]]*.py", "src/abz01.py", false));
  CHECK_FALSE(match("src/[a-c]?[!xY[[:digit:]]*.py", "src/ab101.py", false));
}

TEST_CASE("pattern: malformed patterns are rejected with a reason") {
  CHECK(rejection("").find("empty") != std::string::npos);
  CHECK(rejection("!src/**").find("negation") != std::string::npos);
  CHECK(rejection("/").find("names no path") != std::string::npos);
  CHECK(rejection("a//b").find("empty segment") != std::string::npos);
  CHECK(rejection("./src").find("'.'") != std::string::npos);
  CHECK(rejection("src/../x").find("'..'") != std::string::npos);
  CHECK(rejection("a[bc").find("never closed") != std::string::npos);
  CHECK(rejection("a[b/c]").find("never closed") != std::string::npos);
  CHECK(rejection("a[[:word:]]").find("unknown character class") != std::string::npos);
  CHECK(rejection("abc\\").find("lone '\\'") != std::string::npos);
  CHECK(rejection("src/ ").find("whitespace") != std::string::npos);
  CHECK(rejection("src/foo**/bar").find("whole segment") != std::string::npos);
  CHECK(rejection("foo**/").empty());  // no '/' after the stars: same as foo*/ everywhere
  CHECK(rejection("src/foo**").empty());
  CHECK(rejection("src/**").empty());
  CHECK(rejection("a\\ ").empty());
  CHECK(match("a\\ ", "a "));
}

TEST_CASE("pattern: text() and specificity()") {
  CHECK(PathPattern::compile("src/Auth/**", false).text() == "src/Auth/**");
  auto spec = [](const char* p) { return PathPattern::compile(p).specificity(); };
  CHECK(spec("**") == 0);
  CHECK(spec("*") == 0);
  CHECK(spec("/**") == 0);
  CHECK(spec("**") < spec("*.md"));
  CHECK(spec("*.md") < spec("/*.md"));     // anchoring breaks a tie in literal characters
  CHECK(spec("src/**") < spec("src/auth/**"));
  CHECK(spec("prototypes/**") > spec("**"));
  CHECK(spec("docs/*.md") > spec("docs/**"));
  CHECK(spec("a/b/c") > spec("abc"));      // same letters: the anchored, segmented one
  CHECK(spec("src/auth/") == spec("src/auth/**"));  // same set of paths, a tie
  CHECK(spec("**/session*") == spec("session*"));
}

TEST_CASE("pattern: root_component() names the first component of every match, or nothing") {
  auto root = [](const char* p, bool cs = true) { return std::string(PathPattern::compile(p, cs).root_component()); };
  CHECK(root("prototypes/**") == "prototypes");
  CHECK(root("/prototypes") == "prototypes");
  CHECK(root("/Docs/*.md", false) == "docs");  // folded when case-insensitive
  CHECK(root("/Docs/*.md") == "Docs");
  CHECK(root("src/*/x") == "src");
  CHECK(root("prototypes") == "");   // no '/': any depth
  CHECK(root("prototypes/") == "");  // a directory at any depth
  CHECK(root("**/auth/**") == "");
  CHECK(root("*/x") == "");
  CHECK(root("proto*/**") == "");
  CHECK(root("/**") == "");
  CHECK(root("donn\xc3\xa9" "es/**") == "");  // non-ASCII: its keys may start otherwise
}

// ---- differential test against git ------------------------------------------------------

namespace {

// Deterministic across standard libraries (unlike std::uniform_int_distribution).
struct Rng {
  unsigned long long s;
  unsigned next(unsigned n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<unsigned>((s >> 11) % n);
  }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[next(static_cast<unsigned>(v.size()))]; }
};

std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* f = popen(command.c_str(), "r");
  REQUIRE(f != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  *status = pclose(f);
  return out;
}

std::vector<std::string> generate_files(Rng& rng) {
  const std::vector<std::string> names = {
      "a", "b", "ab", "ba", "abc", "A", "B", "Ab", "src", "Src", "SRC", "auth", "session", "session.py",
      "Session.PY", "x.md", "X.MD", "ab.md", "a.b", "a.b.c", "b-c", "a-b.txt", "readme", "README.md",
      ".hidden", ".a", "c1", "c2", "9", "docs", "Docs", "main.cc", "Main.CC", "test_a.py", "a_b", "s", "x"};
  std::set<std::string> files, dirs;
  std::vector<std::string> out;
  auto add = [&](const std::string& path) {
    // No path may be both a file and a directory.
    if (dirs.count(path) || files.count(path)) return;
    for (size_t k = path.find('/'); k != std::string::npos; k = path.find('/', k + 1))
      if (files.count(path.substr(0, k))) return;
    for (size_t k = path.find('/'); k != std::string::npos; k = path.find('/', k + 1)) dirs.insert(path.substr(0, k));
    files.insert(path);
    out.push_back(path);
  };
  for (const char* fixed : {"src/auth/login.py", "src/auth/session/store.py", "docs/guide/intro.md",
                            "README.md", "a/b/c/d/e/f.txt", "prototypes/x/y.py", "tools/internal/run.sh"})
    add(fixed);
  const unsigned depth_weights[] = {1, 1, 2, 2, 2, 3, 3, 4, 5, 6};
  for (int i = 0; i < 220; ++i) {
    unsigned depth = depth_weights[rng.next(10)];
    std::string path;
    for (unsigned d = 0; d < depth; ++d) path += (d ? "/" : "") + rng.pick(names);
    add(path);
  }
  return out;
}

std::string generate_pattern(Rng& rng, bool case_sensitive) {
  const std::vector<std::string> literals = {"a", "b", "ab", "src", "auth", "session", ".md", ".py", "md",
                                             "s", "x", "A", "S", "-", "c", "1", "_", ".b", "doc", "READ"};
  std::vector<std::string> classes = {"[ab]", "[a-c]", "[!a]", "[^b]", "[A-Z]", "[[:upper:]]", "[[:digit:]]",
                                      "[.-]", "[]a]", "[!.]", "[a-z0-9]", "[[:alpha:]_]", "[\\]a]", "[x-]"};
  if (case_sensitive) {  // git never matches an upper-case class member under core.ignorecase (a git bug)
    classes.push_back("[AB]");
    classes.push_back("[!S]");
  }
  const std::vector<std::string> escapes = {"\\a", "\\.", "\\*", "\\-"};
  std::string pattern;
  if (rng.next(10) < 3) pattern += "/";
  const unsigned segment_weights[] = {1, 1, 1, 2, 2, 2, 3, 3, 4};
  unsigned segments = segment_weights[rng.next(9)];
  for (unsigned s = 0; s < segments; ++s) {
    if (s) pattern += "/";
    if (rng.next(100) < 18) {
      pattern += rng.next(8) ? "**" : "***";
      continue;
    }
    std::string seg;
    do {
      seg.clear();
      unsigned pieces = 1 + rng.next(3);
      for (unsigned k = 0; k < pieces; ++k) {
        unsigned r = rng.next(100);
        if (r < 45) seg += rng.pick(literals);
        else if (r < 70) seg += "*";
        else if (r < 80) seg += "?";
        else if (r < 95) seg += rng.pick(classes);
        else seg += rng.pick(escapes);
      }
    } while (seg == "." || seg == "..");
    pattern += seg;
  }
  if (rng.next(10) < 2) pattern += "/";
  if (pattern == "/" || pattern == "//") pattern = "a";
  return pattern;
}

// A pattern derived from a real path: components kept, turned into wildcards, classes or
// `**`, cut short; these match often and miss narrowly, where bugs hide.
std::string derive_pattern(Rng& rng, const std::string& path, bool case_sensitive) {
  std::vector<std::string> parts;
  for (size_t pos = 0, end; pos <= path.size(); pos = end + 1) {
    end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(pos, end - pos));
  }
  parts.resize(1 + rng.next(static_cast<unsigned>(parts.size())));
  std::string pattern = rng.next(10) < 4 ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) pattern += "/";
    std::string part = parts[k];
    unsigned r = rng.next(100);
    if (r < 12) {
      pattern += "**";
      continue;
    }
    if (r < 22) {
      pattern += "*";
      continue;
    }
    std::string seg;
    for (size_t c = 0; c < part.size(); ++c) {
      unsigned char ch = part[c];
      unsigned q = rng.next(100);
      if (!case_sensitive && ch >= 'a' && ch <= 'z' && q < 15) ch -= 32;  // case differs
      if (q < 6) seg += "?";
      else if (q < 10 && c + 1 < part.size()) { seg += "*"; c += rng.next(2); }
      else if (q < 13) seg += std::string("[") + (ch >= 'A' && ch <= 'Z' && !case_sensitive ? "a-z" : "!a") + "]";
      else if (q < 15 && (case_sensitive || !(ch >= 'A' && ch <= 'Z')))  // git: `\D` never matches
        seg += std::string("\\") + static_cast<char>(ch);                // under ignorecase
      else if (q < 17) seg += "[[:alnum:]._-]";
      else seg += static_cast<char>(ch);
    }
    if (rng.next(10) == 0) seg += rng.next(2) ? "*" : "?";  // a near miss or a longer name
    if (seg == "." || seg == ".." || seg.empty()) seg = "*";
    pattern += seg;
  }
  if (rng.next(10) < 2) pattern += "/";
  return pattern;
}

void differential(bool case_sensitive, unsigned long long seed, int pattern_count) {
  namespace fs = std::filesystem;
  char dir_template[] = "/tmp/laneguard-pattern-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const fs::path dir = dir_template;
  const std::string git = "env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_COMMON_DIR "
                          "GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -C '" + dir.string() +
                          "' -c core.excludesFile=/dev/null -c core.ignorecase=" +
                          (case_sensitive ? "false" : "true") + " ";
  int status = 0;
  run(git + "init -q -b main 2>&1", &status);
  REQUIRE(status == 0);

  Rng rng{seed};
  const std::vector<std::string> files = generate_files(rng);
  for (const std::string& f : files) {
    fs::create_directories((dir / f).parent_path());
    std::ofstream(dir / f) << "x\n";
  }

  int mismatches = 0, partial = 0, refused = 0, rooted = 0;
  for (int i = 0; i < pattern_count; ++i) {
    const std::string pattern = i % 2 ? derive_pattern(rng, rng.pick(files), case_sensitive)
                                      : generate_pattern(rng, case_sensitive);
    std::ofstream(dir / ".gitignore", std::ios::trunc) << pattern << "\n";
    const std::string out = run(git + "ls-files -z --others --ignored --exclude-standard", &status);
    REQUIRE(status == 0);
    std::set<std::string> by_git;
    for (size_t pos = 0, end; pos < out.size(); pos = end + 1) {
      end = out.find('\0', pos);
      if (end == std::string::npos) end = out.size();
      by_git.insert(out.substr(pos, end - pos));
    }
    by_git.erase(".gitignore");

    PathPattern compiled;
    try {
      compiled = PathPattern::compile(pattern, case_sensitive);
    } catch (const std::invalid_argument& e) {
      // The one shape we refuse although git accepts it (see pattern.h): `a**/b`.
      if (std::string(e.what()).find("whole segment") != std::string::npos) {
        ++refused;
        continue;
      }
      FAIL_CHECK("pattern '" << pattern << "' rejected: " << e.what());
      continue;
    }
    size_t ours_count = 0;
    // root_component(): no path that git matches starts with another ASCII component.
    std::string root(compiled.root_component());
    rooted += !root.empty();
    auto starts_elsewhere = [&](const std::string& f) {
      std::string_view first = std::string_view(f).substr(0, f.find('/'));
      return laneguard::is_ascii(first) && !laneguard::iequals(first, root);
    };
    for (const std::string& f : files) {
      bool ours = compiled.matches(f);
      ours_count += ours;
      bool theirs = by_git.count(f) > 0;
      if (!root.empty() && theirs && starts_elsewhere(f) && ++mismatches <= 25)
        FAIL_CHECK("pattern '" << pattern << "' names its root '" << root << "' but git matches '" << f << "'");
      if (ours != theirs && ++mismatches <= 25)
        FAIL_CHECK("pattern '" << pattern << "' (case_sensitive=" << case_sensitive << ") on path '" << f
                               << "': git " << std::string(theirs ? "matches" : "does not match")
                               << ", PathPattern " << std::string(ours ? "matches" : "does not"));
    }
    partial += ours_count > 0 && ours_count < files.size();
  }
  CHECK(mismatches == 0);
  // The generator must exercise something: many patterns match some files but not all.
  MESSAGE("differential (case_sensitive=" << case_sensitive << "): " << pattern_count << " patterns x "
                                          << files.size() << " files, " << partial << " match a strict subset, "
                                          << refused << " refused as ambiguous ('a**/b'), " << rooted
                                          << " name their root component");
  CHECK(partial >= pattern_count / 3);
  CHECK(rooted >= pattern_count / 10);
  CHECK(refused < pattern_count / 10);
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("pattern: agrees with git's gitignore matching (case-sensitive)") {
  differential(true, 0x5eed1234abcdULL, 260);
}

TEST_CASE("pattern: agrees with git's gitignore matching (core.ignorecase)") {
  differential(false, 0xfeedbeef42ULL, 200);
}

// The split PathIndex relies on (pattern.h): for `dir/name`,
// matches == covers_directory(dir) || matches_name(path, dir.size()), on every generated pattern
// and path, both case modes; and may_match_name() false means matches_name() never is.
TEST_CASE("pattern: matching split at the last '/' agrees with matches()") {
  for (bool case_sensitive : {true, false}) {
    Rng rng{case_sensitive ? 0xd1ULL : 0xd2ULL};
    std::vector<std::string> files = generate_files(rng);
    for (const char* extra : {"a/b", "a/b/c", "a/x/b/c", "src/auth", "src/auth/x", "src/auth/a/b", "logs/a",
                              "x/logs/a", "docs/guide/x.md", "a/b/c/d/e/f/g", "A/B/c"})
      files.push_back(extra);
    int mismatches = 0, by_directory = 0, by_name = 0;
    for (int i = 0; i < 3000; ++i) {
      std::string pattern;
      if (i < 40) {
        static const char* fixed[] = {"**", "*", "/**", "**/", "a/", "/a/", "a/b", "a/b/", "a/*", "a/*/", "a/**",
                                      "a/**/", "src/auth/**", "**/auth/**", "auth/", "logs/", "session*", "*.md",
                                      "README.md", "/README.md", "a/**/b", "a/**/b/", "docs/*", "a?", "[ab]/",
                                      "**/x*", "src/*.cc", "a/b/c", "/a", "b", "*b", "a*", "a/?/c", "x/**/*.md",
                                      "A/", "SRC/AUTH/**", "*/b", "a/*/c/", "**/b/**", "a/b/**/"};
        pattern = fixed[i % 40];
      } else {
        pattern = i % 2 ? derive_pattern(rng, rng.pick(files), case_sensitive) : generate_pattern(rng, case_sensitive);
      }
      PathPattern p;
      try {
        p = PathPattern::compile(pattern, case_sensitive);
      } catch (const std::invalid_argument&) {
        continue;
      }
      for (const std::string& f : files) {
        size_t slash = f.rfind('/');
        if (slash == std::string::npos) continue;
        bool dir = p.covers_directory(std::string_view(f).substr(0, slash));
        bool name = p.matches_name(f, slash);
        by_directory += dir;
        by_name += name && !dir;
        if (!p.may_match_name() && name && ++mismatches <= 10)
          FAIL_CHECK("pattern '" << pattern << "': may_match_name() is false but matches_name('" << f << "') is true");
        if (p.matches(f) != (dir || name) && ++mismatches <= 25)
          FAIL_CHECK("pattern '" << pattern << "' (case_sensitive=" << case_sensitive << ") on '" << f
                                 << "': matches " << p.matches(f) << ", covers_directory " << dir << ", matches_name "
                                 << name);
      }
    }
    CHECK(mismatches == 0);
    // Both halves decide a good share of the matches, so either being wrong would show.
    CHECK(by_directory > 10000);
    CHECK(by_name > 2000);
    MESSAGE("split (case_sensitive=" << case_sensitive << "): " << by_directory << " by directory, " << by_name
                                     << " by name alone");
  }
}
