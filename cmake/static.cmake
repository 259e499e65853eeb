# laneguard-static: one self-contained binary (build/static/laneguard) that needs nothing but the
# kernel: no libgit2, no libssh2, no OpenSSL, not even a dynamic loader. It is what goes into a
# server's hook chroot, a GitHub Enterprise Server hook environment, or a CI job without a compiler.
#
# It reuses laneguard_core's objects (nothing is compiled twice) and links Debian's static archives.
# Two gaps are filled from packaging/static/: toml++'s implementation (the ordinary build links
# libtomlplusplus.so), and GSSAPI stand-ins (libgit2.a references Kerberos for HTTP Negotiate
# authentication, Debian ships no static Kerberos, and laneguard never speaks HTTP).
#
# Adding a library to laneguard_core? Add its static archive to LANEGUARD_STATIC_ARCHIVES below,
# before the archives it depends on.

set(LANEGUARD_STATIC_ARCHIVES git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 ssl crypto pcre2-8 deflate z)
set(LANEGUARD_STATIC_OPTIONAL sqlite3)  # linked when present: archives only add what is used

set(_laneguard_static_libs "")
set(_laneguard_static_missing "")
foreach(lib ${LANEGUARD_STATIC_ARCHIVES})
  find_library(LANEGUARD_STATIC_${lib} NAMES lib${lib}.a)
  if(LANEGUARD_STATIC_${lib})
    list(APPEND _laneguard_static_libs ${LANEGUARD_STATIC_${lib}})
  else()
    list(APPEND _laneguard_static_missing lib${lib}.a)
  endif()
endforeach()
foreach(lib ${LANEGUARD_STATIC_OPTIONAL})
  find_library(LANEGUARD_STATIC_${lib} NAMES lib${lib}.a)
  if(LANEGUARD_STATIC_${lib})
    list(PREPEND _laneguard_static_libs ${LANEGUARD_STATIC_${lib}})
  endif()
endforeach()

if(_laneguard_static_missing)
  set(_laneguard_static_default OFF)
else()
  set(_laneguard_static_default ON)
endif()
option(LANEGUARD_STATIC "Also build build/static/laneguard, a fully static binary" ${_laneguard_static_default})

if(LANEGUARD_STATIC)
  if(_laneguard_static_missing)
    message(FATAL_ERROR "LANEGUARD_STATIC: missing static archives: ${_laneguard_static_missing} "
                        "(Debian: the -dev packages of libgit2's dependencies provide them)")
  endif()
  add_executable(laneguard-static src/main.cc ${CMAKE_SOURCE_DIR}/packaging/static/toml_impl.cc
                                  ${CMAKE_SOURCE_DIR}/packaging/static/gssapi_stub.cc)
  set_target_properties(laneguard-static PROPERTIES OUTPUT_NAME laneguard
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/static)
  add_dependencies(laneguard-static laneguard_core)
  # laneguard_core's usage requirements (include directories, definitions, toml++'s mode) without
  # its shared libraries.
  target_include_directories(laneguard-static PRIVATE
    $<TARGET_PROPERTY:laneguard_core,INCLUDE_DIRECTORIES> ${LIBGIT2_INCLUDE_DIRS})
  target_compile_definitions(laneguard-static PRIVATE
    $<TARGET_PROPERTY:laneguard_core,COMPILE_DEFINITIONS>)
  target_compile_options(laneguard-static PRIVATE -Wall -Wextra
    $<TARGET_PROPERTY:tomlplusplus::tomlplusplus,INTERFACE_COMPILE_OPTIONS>)
  target_link_options(laneguard-static PRIVATE -static)
  # The allocator (CMakeLists.txt says why): tcmalloc's archive first, so its malloc is the one linked.
  if(LANEGUARD_ALLOCATOR STREQUAL "tcmalloc")
    find_library(LANEGUARD_STATIC_tcmalloc NAMES libtcmalloc_minimal.a)
    if(NOT LANEGUARD_STATIC_tcmalloc)
      message(FATAL_ERROR "LANEGUARD_STATIC with LANEGUARD_ALLOCATOR=tcmalloc: libtcmalloc_minimal.a not found "
                          "(Debian: libgoogle-perftools-dev)")
    endif()
    list(PREPEND _laneguard_static_libs ${LANEGUARD_STATIC_tcmalloc})
  endif()
  target_link_libraries(laneguard-static PRIVATE $<TARGET_FILE:laneguard_core> ${_laneguard_static_libs}
                        -lpthread -ldl -lm)
  message(STATUS "laneguard-static: build/static/laneguard, fully static")
endif()
