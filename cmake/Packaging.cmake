# What `cmake --install` puts under the prefix, and the Debian package CPack builds from it:
#   cmake --build build && (cd build && cpack -G DEB)   ->  build/replylint_VERSION_ARCH.deb
# The binary finds rules/ and dictionaries/ in ../share/replylint beside itself
# (src/util/data_dir.hpp), so the package reads its own data, never a source tree.

set(REPLYLINT_DATA_DESTINATION "${CMAKE_INSTALL_DATADIR}/replylint")
install(TARGETS replylint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY rules/ DESTINATION "${REPLYLINT_DATA_DESTINATION}/rules"
        PATTERN "README.md" EXCLUDE)
install(DIRECTORY dictionaries/ DESTINATION "${REPLYLINT_DATA_DESTINATION}/dictionaries"
        PATTERN "README.md" EXCLUDE)
install(DIRECTORY schemas/ DESTINATION "${REPLYLINT_DATA_DESTINATION}/schemas")

# Debian ships man pages and changelogs compressed with gzip -9n (no name or time stamp, so the
# package is reproducible).
find_program(REPLYLINT_GZIP gzip REQUIRED)
set(REPLYLINT_PACKAGE_FILES "${CMAKE_CURRENT_BINARY_DIR}/package")
configure_file(cmake/debian/changelog.in "${REPLYLINT_PACKAGE_FILES}/changelog" @ONLY)
add_custom_command(
  OUTPUT "${REPLYLINT_PACKAGE_FILES}/replylint.1.gz" "${REPLYLINT_PACKAGE_FILES}/changelog.gz"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${REPLYLINT_PACKAGE_FILES}"
  COMMAND ${REPLYLINT_GZIP} -9n -c "${CMAKE_CURRENT_SOURCE_DIR}/man/replylint.1"
          > "${REPLYLINT_PACKAGE_FILES}/replylint.1.gz"
  COMMAND ${REPLYLINT_GZIP} -9n -c "${REPLYLINT_PACKAGE_FILES}/changelog"
          > "${REPLYLINT_PACKAGE_FILES}/changelog.gz"
  DEPENDS man/replylint.1 "${REPLYLINT_PACKAGE_FILES}/changelog"
  VERBATIM)
add_custom_target(replylint_package_files ALL
                  DEPENDS "${REPLYLINT_PACKAGE_FILES}/replylint.1.gz"
                          "${REPLYLINT_PACKAGE_FILES}/changelog.gz")
install(FILES "${REPLYLINT_PACKAGE_FILES}/replylint.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

install(FILES completions/replylint.bash DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
        RENAME replylint)
install(FILES completions/_replylint DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")

# /usr/share/doc/replylint: Debian's copyright file (the MIT licence in its machine-readable
# format), the changelog, the README and the documents it links to.
install(FILES cmake/debian/copyright "${REPLYLINT_PACKAGE_FILES}/changelog.gz"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES README.md docs/report-contract.md docs/baseline.md docs/suppressions.md
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# The milter's unit and its documentation, when the tree has them.
if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/contrib/replylint-milter.service")
  install(FILES contrib/replylint-milter.service DESTINATION lib/systemd/system)
endif()
if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/docs/milter.md")
  install(FILES docs/milter.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "replylint")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The package's Maintainer field; set it to a real address when publishing the package.
set(REPLYLINT_MAINTAINER "The replylint authors <replylint@example.org>"
    CACHE STRING "Maintainer of the Debian package (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${REPLYLINT_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "linter for email replies (Spanish, Greek, English)")
# Debian wants the long description in lines under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION
    "replylint reads a draft reply (bare text, a mutt-style draft or a MIME
message) and flags etiquette problems before it is sent: shouting in
capitals, customers who can see each other's addresses, replies that quote
nothing, misspelled words in Spanish, Greek and English. It prints a report
for people or for programs (JSON, SARIF), and comes with a pre-send hook for
sendmail and git send-email, an MCP server for agents and a language server
for editors.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "mail")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The shared libraries' packages come from dpkg-shlibdeps (dpkg-dev); the dictionaries it opens
# at run time (src/spell/dictionaries.cpp) are added by hand. en_GB too: the spelling rule's
# default (english = "both") accepts a word en_US does not know when en_GB does.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-es, hunspell-el, hunspell-en-us, hunspell-en-gb")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git-email, mutt | neomutt")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
