#include "server/signers.h"

#include <algorithm>

#include "server/ssh_signature.h"

namespace laneguard::server {

SignedCommitText split_signed_commit(std::string_view raw) {
  SignedCommitText out;
  std::size_t header_end = raw.find("\n\n");
  std::string_view headers = raw.substr(0, header_end == std::string_view::npos ? raw.size() : header_end + 1);
  std::string_view rest = header_end == std::string_view::npos ? std::string_view() : raw.substr(header_end + 1);
  std::size_t pos = 0;
  while (pos < headers.size()) {
    // One header: its first line and every continuation line (starting with a space).
    std::size_t end = pos;
    do {
      std::size_t nl = headers.find('\n', end);
      end = nl == std::string_view::npos ? headers.size() : nl + 1;
    } while (end < headers.size() && headers[end] == ' ');
    std::string_view header = headers.substr(pos, end - pos);
    std::string_view key = header.substr(0, header.find(' '));
    if (key == "gpgsig" || key == "gpgsig-sha256") {
      std::string value;
      std::string_view body = header.substr(std::min(header.size(), key.size() + 1));
      for (std::size_t i = 0; i < body.size(); ++i) {
        value += body[i];
        if (body[i] == '\n' && i + 1 < body.size() && body[i + 1] == ' ') ++i;  // drop the continuation space
      }
      out.signatures.push_back(std::move(value));
    } else {
      out.payload.append(header);
    }
    pos = end;
  }
  out.payload.append(rest);
  return out;
}

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
  if (!odb_) {
    git_odb* odb_raw = nullptr;
    git::check(git_repository_odb(&odb_raw, repo_.get()), "cannot open the object database");
    odb_.reset(odb_raw);
  }
  git_odb_object* obj_raw = nullptr;
  git::check(git_odb_read(&obj_raw, odb_.get(), &oid), "cannot read commit " + commit_id);
  git::OdbObjectPtr obj(obj_raw);
  std::string_view raw(static_cast<const char*>(git_odb_object_data(obj.get())), git_odb_object_size(obj.get()));
  if (raw.find("\ngpgsig") == std::string_view::npos) return nullptr;  // unsigned: the common case, cheap
  // Both headers (gpgsig for SHA-1, gpgsig-sha256) sign the commit without either of them, as git
  // verifies it; libgit2 1.5 leaves the other header in the payload when both are present.
  SignedCommitText signed_text = split_signed_commit(raw);
  for (const std::string& armored : signed_text.signatures) {
    auto key = sshsig_public_key(armored);
    if (!key) continue;  // GPG or X.509: not verified on the server
    for (const Person& person : agreement_.people) {
      for (const std::string& line : person.signing_keys) {
        auto blob = ssh_public_key_blob(line);
        if (!blob || *blob != *key) continue;
        budget_.check("verifying commit signatures");
        VerifyResult r = ssh_verify(armored, signed_text.payload, line, budget_.remaining());
        if (r.valid) return &person;
        note("the signature of commit " + commit_id.substr(0, 12) + " was not accepted: " + r.error);
        budget_.check("verifying commit signatures");
      }
    }
  }
  return nullptr;  // unsigned, or signed with a key the agreement does not list
}

}  // namespace laneguard::server
