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
  CHECK(unicode_path_key("\xff\xfe/x", false) == "\xff\xfe/x");          // not UTF-8: kept
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
