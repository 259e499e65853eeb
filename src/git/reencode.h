// Commit text in its declared `encoding` (the commit header git writes under
// i18n.commitEncoding), converted to UTF-8 the way `git log` shows it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace laneguard::git {

// True for the names git treats as UTF-8 ("UTF-8", "utf8", any case).
bool is_utf8_encoding_name(std::string_view name);

// `text` converted from `encoding` to UTF-8 with iconv; nullopt when iconv does not know the
// encoding or the text is not valid in it (git then shows the bytes unchanged, and so do we).
std::optional<std::string> to_utf8(std::string_view text, const std::string& encoding);

}  // namespace laneguard::git
