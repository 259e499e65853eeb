// SSH signatures on commits (`gpg.format = ssh`), verified against the keys the agreement lists.
// The key is read from the signature itself (PROTOCOL.sshsig) to find its owner; the signature is
// then checked by `ssh-keygen -Y verify` in the "git" namespace, as git does.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace laneguard::server {

std::optional<std::string> base64_decode(std::string_view text);

// The public key blob (SSH wire format) inside an armored "-----BEGIN SSH SIGNATURE-----" block,
// or nullopt when the text is not a well-formed SSH signature.
std::optional<std::string> sshsig_public_key(std::string_view armored);

// The key blob of an authorized_keys-style line "ssh-ed25519 AAAA... [comment]", or nullopt.
std::optional<std::string> ssh_public_key_blob(std::string_view key_line);

struct VerifyResult {
  bool valid = false;
  std::string error;  // why not, for a person: "ssh-keygen not found", "bad signature"
};

// Runs `ssh-keygen -Y verify -n git` with an allowed-signers file holding only `key_line`. Kills it
// when `timeout` passes. Never throws for a bad signature or a missing ssh-keygen.
VerifyResult ssh_verify(const std::string& armored_signature, const std::string& signed_data,
                        const std::string& key_line, std::chrono::milliseconds timeout);

}  // namespace laneguard::server
