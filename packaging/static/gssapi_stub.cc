// GSSAPI stand-ins for the self-contained build (laneguard-static).
//
// Debian's libgit2.a is built with Negotiate (Kerberos/SPNEGO) HTTP authentication and so references
// the GSSAPI, but Debian ships no static libgssapi_krb5. laneguard never speaks HTTP: it reads
// repositories on disk. These definitions satisfy the linker and make every GSSAPI call fail, so a
// Negotiate attempt (which nothing in laneguard makes) would end with libgit2's own "could not find
// Kerberos SPNEGO mechanism" error instead of crashing. They are linked into laneguard-static only,
// never into the ordinary binary, where they would shadow the real library.
#include <cstddef>
#include <cstdint>

namespace {
using OM_uint32 = std::uint32_t;
// GSS_S_FAILURE: a calling error of 0 and a routine error of 13 (RFC 2744, section 3.9.1).
constexpr OM_uint32 kFailure = 13u << 16;

struct Buffer {  // gss_buffer_desc
  std::size_t length;
  void* value;
};
struct Oid {  // gss_OID_desc
  OM_uint32 length;
  void* elements;
};

OM_uint32 fail(OM_uint32* minor) {
  if (minor) *minor = 0;
  return kFailure;
}
Oid hostbased_service{0, nullptr};
}  // namespace

extern "C" {
Oid* GSS_C_NT_HOSTBASED_SERVICE = &hostbased_service;

OM_uint32 gss_indicate_mechs(OM_uint32* minor, void** mech_set) {
  if (mech_set) *mech_set = nullptr;
  return fail(minor);
}
OM_uint32 gss_import_name(OM_uint32* minor, void*, void*, void** name) {
  if (name) *name = nullptr;
  return fail(minor);
}
OM_uint32 gss_init_sec_context(OM_uint32* minor, void*, void**, void*, void*, OM_uint32, OM_uint32, void*,
                               void*, void**, Buffer* output, OM_uint32*, OM_uint32*) {
  if (output) *output = {0, nullptr};
  return fail(minor);
}
OM_uint32 gss_delete_sec_context(OM_uint32* minor, void** context, Buffer* output) {
  if (context) *context = nullptr;
  if (output) *output = {0, nullptr};
  if (minor) *minor = 0;
  return 0;
}
// libgit2 formats its error message with this in a loop until the message context is 0.
OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32, int, void*, OM_uint32* message_context,
                             Buffer* status_string) {
  if (message_context) *message_context = 0;
  if (status_string) *status_string = {0, nullptr};
  if (minor) *minor = 0;
  return 0;
}
OM_uint32 gss_release_buffer(OM_uint32* minor, Buffer* buffer) {
  if (buffer) *buffer = {0, nullptr};
  if (minor) *minor = 0;
  return 0;
}
OM_uint32 gss_release_name(OM_uint32* minor, void** name) {
  if (name) *name = nullptr;
  if (minor) *minor = 0;
  return 0;
}
OM_uint32 gss_release_oid_set(OM_uint32* minor, void** set) {
  if (set) *set = nullptr;
  if (minor) *minor = 0;
  return 0;
}
}
