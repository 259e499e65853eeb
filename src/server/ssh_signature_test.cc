#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/ssh_signature.h"

using namespace laneguard::server;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
bool have_ssh_keygen() { return std::system("command -v ssh-keygen >/dev/null 2>&1") == 0; }
}  // namespace

TEST_CASE("base64") {
  CHECK(base64_decode("aGVsbG8=") == std::optional<std::string>("hello"));
  CHECK(base64_decode("aGVs\nbG8=") == std::optional<std::string>("hello"));
  CHECK_FALSE(base64_decode("a*b").has_value());
}

TEST_CASE("SSH signatures: key from the signature, verified by ssh-keygen (real keys)") {
  if (!have_ssh_keygen()) {
    MESSAGE("ssh-keygen not installed: skipped");
    return;
  }
  char buf[] = "/tmp/lg-sig-test-XXXXXX";
  std::string dir = ::mkdtemp(buf);
  std::string cmd = "cd " + dir +
                    " && ssh-keygen -q -t ed25519 -N '' -C erin -f erin && ssh-keygen -q -t ed25519 -N '' -C eli -f eli"
                    " && printf 'tree 0\\n\\nsigned data\\n' > data && ssh-keygen -q -Y sign -f erin -n git data";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string signature = slurp(dir + "/data.sig"), data = slurp(dir + "/data");
  std::string erin = slurp(dir + "/erin.pub"), eli = slurp(dir + "/eli.pub");
  erin.erase(erin.find_last_not_of("\n") + 1);
  eli.erase(eli.find_last_not_of("\n") + 1);

  auto key = sshsig_public_key(signature);
  REQUIRE(key.has_value());
  CHECK(ssh_public_key_blob(erin) == key);
  CHECK(ssh_public_key_blob(eli) != key);
  CHECK_FALSE(ssh_public_key_blob("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIDeadbeef").has_value());  // type mismatch
  CHECK_FALSE(sshsig_public_key("-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----").has_value());

  auto budget = std::chrono::milliseconds(10000);
  CHECK(ssh_verify(signature, data, erin, budget).valid);
  CHECK_FALSE(ssh_verify(signature, data + "tampered", erin, budget).valid);
  CHECK_FALSE(ssh_verify(signature, data, eli, budget).valid);
  std::filesystem::remove_all(dir);
}

#include "server/signers.h"

TEST_CASE("a signed commit split as git verifies it: both signature headers out of the payload") {
  std::string raw =
      "tree 1111111111111111111111111111111111111111\n"
      "author A <a@x> 1 +0000\n"
      "committer A <a@x> 1 +0000\n"
      "gpgsig -----BEGIN SSH SIGNATURE-----\n"
      " AAAA\n"
      " -----END SSH SIGNATURE-----\n"
      "gpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n"
      " BBBB\n"
      " -----END SSH SIGNATURE-----\n"
      "\n"
      "subject\n\nbody\n";
  auto split = laneguard::server::split_signed_commit(raw);
  REQUIRE(split.signatures.size() == 2);
  CHECK(split.signatures[0] == "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n");
  CHECK(split.signatures[1] == "-----BEGIN SSH SIGNATURE-----\nBBBB\n-----END SSH SIGNATURE-----\n");
  CHECK(split.payload ==
        "tree 1111111111111111111111111111111111111111\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\n"
        "subject\n\nbody\n");
  auto unsigned_commit = laneguard::server::split_signed_commit("tree 1\n\nmsg\n");
  CHECK(unsigned_commit.signatures.empty());
  CHECK(unsigned_commit.payload == "tree 1\n\nmsg\n");
}
