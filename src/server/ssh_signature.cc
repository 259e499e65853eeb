#include "server/ssh_signature.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

extern char** environ;

namespace laneguard::server {
namespace {

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Reads an SSH wire-format "string" (uint32 length, bytes).
bool read_string(std::string_view& in, std::string_view& out) {
  if (in.size() < 4) return false;
  uint32_t n = (uint32_t(uint8_t(in[0])) << 24) | (uint32_t(uint8_t(in[1])) << 16) |
               (uint32_t(uint8_t(in[2])) << 8) | uint32_t(uint8_t(in[3]));
  in.remove_prefix(4);
  if (in.size() < n) return false;
  out = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

// A private temporary directory removed on every path out.
struct TempDir {
  std::string path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/laneguard-sig-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data())) path = buf.data();
  }
  ~TempDir() {
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

bool write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  return bool(out.flush());
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    int v = b64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((acc >> bits) & 0xff));
    }
  }
  return out;
}

std::optional<std::string> sshsig_public_key(std::string_view armored) {
  static constexpr std::string_view kBegin = "-----BEGIN SSH SIGNATURE-----";
  static constexpr std::string_view kEnd = "-----END SSH SIGNATURE-----";
  std::size_t b = armored.find(kBegin);
  std::size_t e = armored.find(kEnd);
  if (b == std::string_view::npos || e == std::string_view::npos || e < b) return std::nullopt;
  auto blob = base64_decode(armored.substr(b + kBegin.size(), e - b - kBegin.size()));
  if (!blob || blob->size() < 10 || blob->compare(0, 6, "SSHSIG") != 0) return std::nullopt;
  std::string_view in(*blob);
  in.remove_prefix(6 + 4);  // magic, version
  std::string_view key;
  if (!read_string(in, key) || key.empty()) return std::nullopt;
  return std::string(key);
}

std::optional<std::string> ssh_public_key_blob(std::string_view key_line) {
  std::size_t s = key_line.find_first_not_of(" \t");
  if (s == std::string_view::npos) return std::nullopt;
  key_line.remove_prefix(s);
  std::size_t sp = key_line.find_first_of(" \t");
  if (sp == std::string_view::npos) return std::nullopt;
  std::string_view type = key_line.substr(0, sp);
  std::string_view rest = key_line.substr(sp);
  rest.remove_prefix(rest.find_first_not_of(" \t") == std::string_view::npos ? rest.size()
                                                                               : rest.find_first_not_of(" \t"));
  std::string_view b64 = rest.substr(0, rest.find_first_of(" \t"));
  auto blob = base64_decode(b64);
  if (!blob || blob->empty()) return std::nullopt;
  // The blob starts with its own key type, which must agree with the line's.
  std::string_view in(*blob), inner_type;
  if (!read_string(in, inner_type) || inner_type != type) return std::nullopt;
  return blob;
}

VerifyResult ssh_verify(const std::string& armored_signature, const std::string& signed_data,
                        const std::string& key_line, std::chrono::milliseconds timeout) {
  TempDir dir;
  if (dir.path.empty()) return {false, "cannot create a temporary directory"};
  const std::string allowed = dir.path + "/allowed_signers";
  const std::string sig = dir.path + "/signature";
  const std::string data = dir.path + "/data";
  if (!write_file(allowed, "laneguard-signer namespaces=\"git\" " + key_line + "\n") ||
      !write_file(sig, armored_signature) || !write_file(data, signed_data))
    return {false, "cannot write temporary files"};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, data.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = {"ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "laneguard-signer",
                                   "-n", "git", "-s", sig};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, "ssh-keygen", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return {false, "ssh-keygen not found (install openssh-client on the server)"};

  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return {false, "cannot wait for ssh-keygen"};
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return {false, "ssh-keygen did not answer within the time budget"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, ""};
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return {false, "ssh-keygen not found"};
  return {false, "the signature does not verify"};
}

}  // namespace laneguard::server
