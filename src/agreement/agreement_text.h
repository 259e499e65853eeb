// What the agreement text must be before the TOML parser sees it.
//
// toml++ 3.3 parses recursively (a 50,000-part dotted key or table header overflows the stack) and
// reaches undefined behaviour when a non-ASCII character stands outside a string or comment (its
// whitespace tables end in __builtin_unreachable for most code points). So the loader checks the
// text first, with a small scanner that knows TOML's strings and comments: the size, UTF-8, NUL
// bytes, how deeply arrays and inline tables nest, how many parts a key has, and that non-ASCII
// text appears only where TOML allows it. Every refusal is an AgreementError at file:line:col.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace laneguard {

inline constexpr std::size_t kMaxAgreementBytes = 1 << 20;  // 1 MiB
inline constexpr int kMaxAgreementNesting = 32;             // [ and { inside each other
inline constexpr int kMaxAgreementKeyParts = 32;            // a.b.c in a key or [table.header]

// Throws AgreementError (source:line:col: what is wrong and what to do) when `text` is not an
// agreement the parser may be given. Columns count characters, as the TOML parser's do.
void check_agreement_text(std::string_view text, const std::string& source);

}  // namespace laneguard
