// RAII for libgit2 handles: business code never calls git_*_free itself.
#pragma once
#include <git2.h>

#include <memory>
#include <string>

#include "util/error.h"

namespace laneguard::git {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { if (p) Free(p); }
};
template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using OdbObjectPtr = Handle<git_odb_object, git_odb_object_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;

// Value types libgit2 fills in and the caller disposes of.
struct OidArray {
  git_oidarray value{};
  OidArray() = default;
  ~OidArray() { git_oidarray_free(&value); }
  OidArray(const OidArray&) = delete;
  OidArray& operator=(const OidArray&) = delete;
};
struct Buf {
  git_buf value = GIT_BUF_INIT;
  Buf() = default;
  ~Buf() { git_buf_dispose(&value); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
};

// Keeps libgit2 initialised for the life of the process (construct one in main / test main).
struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

// Throws GitError "<what>: <libgit2's last error>" when rc < 0.
inline void check(int rc, const std::string& what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  throw GitError(what + ": " + (e && e->message ? e->message : "unknown libgit2 error"));
}

inline std::string oid_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

}  // namespace laneguard::git
