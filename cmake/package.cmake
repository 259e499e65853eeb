# The man page (help2man, from laneguard's own help and packaging/man/laneguard.h2m), the shell
# completions, and the Debian package: `cpack -G DEB` in the build directory writes
# laneguard_VERSION_ARCH.deb with the binary, the hook shims, the policies, the man page and the
# completions, its dependencies computed by dpkg-shlibdeps.

find_program(HELP2MAN help2man)
set(LANEGUARD_MAN ${CMAKE_BINARY_DIR}/man/laneguard.1)
if(HELP2MAN)
  add_custom_command(
    OUTPUT ${LANEGUARD_MAN}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND sh ${CMAKE_SOURCE_DIR}/packaging/man/make-man.sh $<TARGET_FILE:laneguard> ${LANEGUARD_MAN}
    DEPENDS laneguard ${CMAKE_SOURCE_DIR}/packaging/man/make-man.sh ${CMAKE_SOURCE_DIR}/packaging/man/laneguard.h2m
    COMMENT "Writing the man page (help2man)")
  add_custom_target(laneguard_man ALL DEPENDS ${LANEGUARD_MAN})
  install(FILES ${LANEGUARD_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)  # absent after a laneguard-only build
else()
  message(STATUS "help2man not found: no man page (apt-get install help2man)")
endif()

install(FILES ${CMAKE_SOURCE_DIR}/packaging/completions/laneguard.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME laneguard)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/completions/_laneguard
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME laneguard)
set(CPACK_PACKAGE_VENDOR laneguard)
set(CPACK_PACKAGE_CONTACT "laneguard maintainers <laneguard@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "enforce a team's working agreement at commit, push and pull-request time")
set(CPACK_PACKAGE_DESCRIPTION "laneguard judges commits against a team's working agreement (who is in which lane,\n\
which paths are protected, what a change there needs): as git hooks on the laptop, as the\n\
server's pre-receive hook, and in CI on pull and merge requests.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # laneguard_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION vcs)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS git)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS openssh-client)
include(CPack)
