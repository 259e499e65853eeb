// Unicode keys for path matching: what macOS and Windows checkouts treat as the same name.
#include <doctest/doctest.h>

#include "agreement/pattern.h"
#include "agreement/unicode_fold.h"

using namespace laneguard;

TEST_CASE("unicode keys: folding and normalisation as case-insensitive file systems see names") {
  CHECK(is_ascii("src/auth/login.py"));
  CHECK_FALSE(is_ascii("src/\xc3\xa9t\xc3\xa9/x"));
  CHECK(unicode_path_key("\xc5\xbfrc/auth", false) == "src/auth");        // U+017F long s
  CHECK(unicode_path_key("\xe2\x84\xaa" "ey", false) == "key");              // U+212A Kelvin sign
  CHECK(unicode_path_key("caf\xc3\xa9", true) == "cafe");                // NFC é
  CHECK(unicode_path_key("cafe\xcc\x81", true) == "cafe");               // NFD e + U+0301
  CHECK(unicode_path_key("CAF\xc3\x89", false) == "CAFe");               // É folds, ASCII left to the matcher
  CHECK(unicode_path_key("\xce\xa3\xce\xb5", false) == "\xcf\x83\xce\xb5");  // Greek capital sigma -> small
  CHECK(unicode_path_key("a\xe2\x80\x8c" "b", true) == "ab");            // U+200C, ignored by HFS+
  CHECK(unicode_path_key("stra\xc3\x9f" "e", false) == "strasse");       // full case folding
  // Not UTF-8: as Git for Windows checks the bytes out (0xA0..0xFF as U+00A0..U+00FF, 0x80..0x9F as hex).
  CHECK(unicode_path_key("\xff\xfe/x", false) == "y\xc3\xbe/x");          // ÿ keys as y, þ stays
  CHECK(unicode_path_key("donn\xe9" "es", false) == "donnees");            // Latin-1 é
  CHECK(unicode_path_key("DONN\xc9" "ES", false) == "DONNeES");
  CHECK(unicode_path_key("x\x86/\x87x.py", true) == "x86/87x.py");        // stray continuation bytes
  CHECK(unicode_path_key("\xc0\xaf", true) == "A\xc2\xaf");             // overlong '/': two Latin-1 bytes, no '/'
  CHECK(unicode_path_key("\xe0\x80\xaf", true) == "a80\xc2\xaf");      // overlong 3-byte '/'
  CHECK(unicode_path_key("\xc3", true) == "A");                         // a truncated sequence
  CHECK(unicode_path_key("\xf4\x90\x80\x80", true) == "o908080");  // above U+10FFFF: ô (keyed o), then hex
  CHECK(unicode_path_key("\xe6\x97\xa5\xe6\x9c\xac", false) == "\xe6\x97\xa5\xe6\x9c\xac");  // no folding in CJK
}

TEST_CASE("pattern: non-ASCII spellings of a protected path do not slip past it") {
  auto insensitive = PathPattern::compile("src/auth/**", false);
  CHECK(insensitive.matches("\xc5\xbfrc/auth/login.py"));   // ſrc
  CHECK(insensitive.matches("SRC/AUTH/login.py"));
  CHECK(insensitive.matches("src/\xe2\x80\x8c" "auth/x"));    // an HFS+-ignored code point inside
  CHECK_FALSE(insensitive.matches("srcx/auth/login.py"));
  auto sensitive = PathPattern::compile("src/auth/**", true);
  CHECK_FALSE(sensitive.matches("\xc5\xbfrc/auth/login.py"));  // case-sensitive: ſ is not s
  // A pattern with a non-ASCII literal matches both normal forms, whatever form it is written in.
  for (bool cs : {true, false}) {
    auto nfc = PathPattern::compile("donn\xc3\xa9" "es/**", cs);
    auto nfd = PathPattern::compile("donne\xcc\x81" "es/**", cs);
    CHECK(nfc.matches("donne\xcc\x81" "es/clients.csv"));
    CHECK(nfd.matches("donn\xc3\xa9" "es/clients.csv"));
    CHECK(nfc.matches("donn\xc3\xa9" "es/clients.csv"));
  }
  CHECK(PathPattern::compile("**/session*", false).matches("app/S\xc3\x89SSION.py"));  // over-protect: É keys as e
}

TEST_CASE("pattern: bytes that are not UTF-8 match as a Windows checkout names them") {
  for (bool cs : {true, false}) {
    CAPTURE(cs);
    // `donn\xe9es/` (Latin-1) is checked out as `données/` by Git for Windows.
    auto data = PathPattern::compile("donn\xc3\xa9" "es/**", cs);
    CHECK(data.matches("donn\xe9" "es/export.csv"));
    auto x86 = PathPattern::compile("arch/x86/", cs);
    CHECK(x86.matches("arch/x\x86/boot.S"));           // 0x86 is checked out as "86"
    CHECK(x86.matches("arch/x86/boot.S"));
    CHECK_FALSE(x86.matches("arch/x\x87/boot.S"));
    // The path's bytes still count: a stray byte inside a protected directory stays inside it.
    auto auth = PathPattern::compile("src/auth/**", cs);
    CHECK(auth.matches("src/auth/\x87x.py"));
    CHECK(auth.matches("src/auth/\x87"));
    CHECK_FALSE(auth.matches("src/\x87" "auth/x.py"));
  }
  CHECK(PathPattern::compile("donn\xc3\xa9" "es/**", false).matches("DONN\xc9" "ES/export.csv"));
  CHECK(PathPattern::compile("src/auth/**", false).matches("SRC/AUTH/\x87x.py"));
  CHECK(PathPattern::compile("src/auth/**", false).matches("SRC/Auth/\x92\x87"));
}

// Found by tests/fuzz/pattern_fuzz.cc: a key replaced the bytes it was made from, so folding could
// lose a match (a case-sensitive match must be a case-insensitive one) or change validity.
TEST_CASE("pattern: a case-sensitive match is a case-insensitive match, whatever the bytes") {
  struct Case { const char* pattern; const char* path; };
  for (const Case& c : {
           Case{"??", "\xc5\xbf"},                   // ſ: 2 bytes, folded "s" is 1: `??` matched only the bytes
           Case{"src/?" "?/", "src/\xc3\xa9/x"},         // git's `??` takes the two bytes of é (key: "e")
           Case{"[a-\xc5\xbf]", "t"},                 // a byte range up to 0xC5 (folded key: [a-s])
           Case{"\xc6\\\x87", "\xc6\x87"},            // Ƈ's bytes split by an escape, against Ƈ
           Case{"x\xcd\x85?", "x\xcd\x85y"},           // U+0345 folds to ι (2 bytes), is dropped when exact
       }) {
    CAPTURE(c.pattern);
    CAPTURE(c.path);
    auto exact = PathPattern::compile(c.pattern, true);
    auto folded = PathPattern::compile(c.pattern, false);
    CHECK(exact.matches(c.path));
    CHECK(folded.matches(c.path));
  }
  // U+0345 is dropped when exact and folds to ι otherwise: `x**<U+0345>**/c` is `x****/c` exactly,
  // which is refused; so it is refused in both modes.
  const char* ypogegrammeni = "dcntrl**\xcd\x85**/c";
  CHECK_THROWS_AS(PathPattern::compile(ypogegrammeni, true), std::invalid_argument);
  CHECK_THROWS_AS(PathPattern::compile(ypogegrammeni, false), std::invalid_argument);
}
