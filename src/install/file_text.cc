#include "install/file_text.h"

#include <fstream>
#include <sstream>

#include "util/error.h"

namespace fs = std::filesystem;

namespace laneguard::install {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw GitError("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& content, bool executable) {
  std::error_code ec;
  fs::perms perms = fs::exists(p, ec) ? fs::status(p).permissions()
                                      : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                            fs::perms::others_read;
  if (executable) perms |= fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  fs::path tmp = p;
  tmp += ".laneguard-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw GitError("cannot write " + tmp.string());
  }
  fs::permissions(tmp, perms, ec);
  fs::rename(tmp, p, ec);
  if (ec) throw GitError("cannot replace " + p.string() + ": " + ec.message());
}

}  // namespace laneguard::install
