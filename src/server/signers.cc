#include "server/signers.h"

#include <algorithm>

#include "server/ssh_signature.h"

namespace laneguard::server {
namespace {

struct Buf {
  git_buf b = GIT_BUF_INIT;
  ~Buf() { git_buf_dispose(&b); }
  std::string str() const { return b.ptr ? std::string(b.ptr, b.size) : std::string(); }
};

}  // namespace

const Person* CommitSigners::signer(const std::string& commit_id) {
  auto it = cache_.find(commit_id);
  if (it != cache_.end()) return it->second;
  const Person* p = verify(commit_id);
  cache_.emplace(commit_id, p);
  return p;
}

void CommitSigners::note(const std::string& problem) {
  if (std::find(problems_.begin(), problems_.end(), problem) == problems_.end()) problems_.push_back(problem);
}

const Person* CommitSigners::verify(const std::string& commit_id) {
  git_oid oid;
  if (git_oid_fromstr(&oid, commit_id.c_str()) != 0) return nullptr;
  Buf signature, data;
  int rc = git_commit_extract_signature(&signature.b, &data.b, repo_.get(), &oid, nullptr);
  if (rc == GIT_ENOTFOUND) return nullptr;  // unsigned
  git::check(rc, "cannot read the signature of commit " + commit_id);
  std::string armored = signature.str();
  auto key = sshsig_public_key(armored);
  if (!key) return nullptr;  // GPG or X.509: not verified on the server
  for (const Person& person : agreement_.people) {
    for (const std::string& line : person.signing_keys) {
      auto blob = ssh_public_key_blob(line);
      if (!blob || *blob != *key) continue;
      budget_.check("verifying commit signatures");
      VerifyResult r = ssh_verify(armored, data.str(), line, budget_.remaining());
      if (r.valid) return &person;
      note("the signature of commit " + commit_id.substr(0, 12) + " was not accepted: " + r.error);
      budget_.check("verifying commit signatures");
      return nullptr;
    }
  }
  return nullptr;  // signed with a key the agreement does not list
}

}  // namespace laneguard::server
