# Turns INPUT into a C++ source defining laneguard::embedded_default_agreement().
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR n "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from policies/default.toml by cmake/embed.cmake. Do not edit.\n#include <string_view>\nnamespace laneguard {\nstatic const char kDefault[] = {${bytes} 0};\nstd::string_view embedded_default_agreement() { return {kDefault, ${n}}; }\n}\n")
