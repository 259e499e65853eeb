#include "agreement/agreement_text.h"

#include <cstdio>

#include "util/error.h"
#include "util/utf8.h"

namespace laneguard {
namespace {

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

std::string code_point(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

class Scanner {
 public:
  Scanner(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  void run() {
    if (text_.size() > kMaxAgreementBytes) {
      locate(kMaxAgreementBytes);
      fail("the agreement is " + std::to_string(text_.size()) + " bytes; the limit is 1 MiB (" +
           std::to_string(kMaxAgreementBytes) + " bytes): an agreement lists people, lanes and patterns, "
           "never data");
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") advance(3);  // a byte order mark
    while (i_ < text_.size()) step();
  }

 private:
  enum class State { code, comment, basic, literal, ml_basic, ml_literal };

  [[noreturn]] void fail(const std::string& message) const {
    throw AgreementError(source_, line_, column_, message);
  }

  // Moves line_/column_ to byte `target` (from the current position).
  void locate(std::size_t target) {
    while (i_ < target && i_ < text_.size()) advance(1);
  }

  void advance(std::size_t n) {
    for (std::size_t k = 0; k < n && i_ < text_.size(); ++k, ++i_) {
      unsigned char b = static_cast<unsigned char>(text_[i_]);
      if (b == '\n') {
        ++line_;
        column_ = 1;
      } else if ((b & 0xC0) != 0x80) {
        ++column_;  // a character starts here
      }
    }
  }

  bool at(std::string_view s) const { return text_.substr(i_, s.size()) == s; }

  // Checks the byte at i_ (NUL, UTF-8) and returns how many bytes its character has.
  std::size_t character() {
    unsigned char b = static_cast<unsigned char>(text_[i_]);
    if (b == 0) fail("not a text file (NUL byte); an agreement is TOML text");
    if (b < 0x80) return 1;
    char32_t c = 0;
    std::size_t n = utf8_length(text_, i_, &c);
    if (n == 0) fail("invalid UTF-8 (byte " + hex_byte(b) + "); save the agreement as UTF-8");
    last_ = c;
    return n;
  }

  void step() {
    std::size_t n = character();
    unsigned char b = static_cast<unsigned char>(text_[i_]);
    switch (state_) {
      case State::code: return code(b, n);
      case State::comment:
        if (b == '\n') state_ = State::code;
        return advance(n);
      case State::basic:
        if (b == '\\') {
          advance(1);
          if (i_ < text_.size() && text_[i_] != '\n') advance(character());  // the escaped character
          return;
        }
        if (b == '"' || b == '\n') state_ = State::code;  // an unterminated string is the parser's to report
        return advance(n);
      case State::literal:
        if (b == '\'' || b == '\n') state_ = State::code;
        return advance(n);
      case State::ml_basic:
        if (b == '\\') return ml_backslash();
        if (b == '"' && at("\"\"\"")) return close_ml('"');
        return advance(n);
      case State::ml_literal:
        if (b == '\'' && at("'''")) return close_ml('\'');
        return advance(n);
    }
  }

  void code(unsigned char b, std::size_t n) {
    if (b >= 0x80)
      fail("the character " + code_point(last_) +
           " stands outside a quoted string or comment; TOML keys and values outside quotes are ASCII: "
           "quote it (\"...\")");
    switch (b) {
      case '#': state_ = State::comment; break;
      case '"':
        if (at("\"\"\"")) {
          state_ = State::ml_basic;
          return advance(3);
        }
        state_ = State::basic;
        break;
      case '\'':
        if (at("'''")) {
          state_ = State::ml_literal;
          return advance(3);
        }
        state_ = State::literal;
        break;
      case '[':
      case '{':
        if (++depth_ > kMaxAgreementNesting)
          fail("arrays, tables and inline tables nest more than " + std::to_string(kMaxAgreementNesting) +
               " deep here; an agreement needs two or three levels");
        dots_ = 0;
        break;
      case ']':
      case '}':
        if (depth_ > 0) --depth_;
        dots_ = 0;
        break;
      case '.':
        if (++dots_ >= kMaxAgreementKeyParts)
          fail("a key or table header with more than " + std::to_string(kMaxAgreementKeyParts) +
               " dotted parts; an agreement's keys have two or three ([people.pat])");
        break;
      case '=':
      case ',':
      case '\n': dots_ = 0; break;
      default: break;
    }
    advance(n);
  }

  // In a multi-line basic string: an escape, or a line-ending backslash that swallows the
  // whitespace after it. toml++ classifies the first character after that whitespace with the
  // tables that are undefined for non-ASCII characters: refuse one there.
  void ml_backslash() {
    advance(1);
    if (i_ >= text_.size()) return;
    char c = text_[i_];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return advance(character());  // an escape
    while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\r' || text_[i_] == '\n'))
      advance(1);
    if (i_ < text_.size() && static_cast<unsigned char>(text_[i_]) >= 0x80) {
      character();  // invalid UTF-8 is reported as such
      fail("the character " + code_point(last_) +
           " directly after a line-ending backslash in a \"\"\" string is not supported; write it as \\u" +
           code_point(last_).substr(2) + " or move the backslash");
    }
  }

  // """ or ''' closes the string; TOML allows one or two quote characters right before it.
  void close_ml(char quote) {
    std::size_t run = 0;
    while (i_ + run < text_.size() && text_[i_ + run] == quote) ++run;
    advance(run > 5 ? 5 : run);
    state_ = State::code;
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t i_ = 0;
  int line_ = 1, column_ = 1;
  State state_ = State::code;
  int depth_ = 0;
  int dots_ = 0;  // dots seen in the current key (or value) outside quotes
  char32_t last_ = 0;
};

}  // namespace

void check_agreement_text(std::string_view text, const std::string& source) { Scanner(text, source).run(); }

}  // namespace laneguard
