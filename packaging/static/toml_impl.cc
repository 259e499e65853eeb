// toml++'s implementation, compiled into laneguard-static from the headers.
//
// The ordinary build links Debian's libtomlplusplus.so (its CMake package sets TOML_HEADER_ONLY=0 and
// TOML_SHARED_LIB=1 on every user, so laneguard_core's objects call into a library). The static build
// reuses those same objects and supplies the library's code here: the same settings, plus
// TOML_IMPLEMENTATION, which makes the header emit the definitions once.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
