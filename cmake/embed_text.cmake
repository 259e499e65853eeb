# Turns INPUT (NAME, as the repository names it) into a C++ source defining
# std::string_view laneguard::FUNCTION(): a data file compiled into the binary.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR n "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from ${NAME} by cmake/embed_text.cmake. Do not edit.\n#include <string_view>\nnamespace laneguard {\nstatic const unsigned char kText[] = {${bytes} 0};\nstd::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kText), ${n}}; }\n}\n")
