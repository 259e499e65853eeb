#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "util/utf8.h"

using namespace laneguard;

TEST_CASE("valid_utf8: bytes F5..FF never start a character") {
  // The JSON report took F5..FF for the start of a 3-byte sequence and failed ("internal error").
  for (int b = 0xF5; b <= 0xFF; ++b) {
    std::string s = "src/auth/";
    s += static_cast<char>(b);
    s += "ab.py";
    CHECK(valid_utf8(s) == "src/auth/\xEF\xBF\xBD" "ab.py");
  }
  CHECK(valid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");  // valid: unchanged
  CHECK(valid_utf8("a\xE2\x82z") == "a\xEF\xBF\xBDz");            // a truncated sequence: one U+FFFD
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate: three
  CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // overlong
  char32_t cp = 0;
  CHECK(utf8_length("\xEF\xB9\xBF", 0, &cp) == 3);
  CHECK(cp == 0xFE7F);
  CHECK(utf8_length("\xF4\x90\x80\x80", 0) == 0);
}

TEST_CASE("valid_utf8 replaces exactly as nlohmann::json's error_handler_t::replace (differential)") {
  std::mt19937 rng(12345);
  // Bytes around the interesting boundaries, so that long valid and invalid sequences both occur.
  const unsigned char pool[] = {'a', '/', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) s += static_cast<char>(pool[rng() % sizeof pool]);
    // Runs of ASCII around them, read eight bytes at a time: a bad byte at every offset of a word.
    if (round % 2) s = std::string(rng() % 20, 'x') + s + std::string(rng() % 20, 'y');
    std::string ours = valid_utf8(s);
    std::string theirs = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // The pool holds no byte JSON escapes: strip the quotes and compare.
    theirs = theirs.substr(1, theirs.size() - 2);
    if (ours != theirs) {
      std::string hex;
      for (unsigned char c : s) hex += " " + std::to_string(c);
      FAIL_CHECK("differs on bytes" << hex);
      break;
    }
    // And the result is valid: nlohmann's strict dump accepts it.
    CHECK_NOTHROW(nlohmann::json(ours).dump());
  }
}
