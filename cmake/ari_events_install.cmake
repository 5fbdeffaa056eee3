include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Header-only and architecture independent, so the CMake package and the pkg-config file live
# under share/.
set(ARI_EVENTS_CMAKE_DIR "${CMAKE_INSTALL_DATADIR}/cmake/ari_events")

install(TARGETS ari_events EXPORT ari_eventsTargets)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT ari_eventsTargets NAMESPACE ari:: DESTINATION "${ARI_EVENTS_CMAKE_DIR}")
if(ARI_EVENTS_CLIENT)
  # A set of its own, read by the package config only where Boost is found.
  install(TARGETS ari_client EXPORT ari_eventsClientTargets)
  install(EXPORT ari_eventsClientTargets NAMESPACE ari:: DESTINATION "${ARI_EVENTS_CMAKE_DIR}")
  if(ARI_EVENTS_CLIENT_TLS)
    set(ARI_EVENTS_PC_CLIENT_REQUIRES "ari-events openssl")
    set(ARI_EVENTS_PC_CLIENT_CFLAGS "-DARI_CLIENT_TLS=1")
  else()
    set(ARI_EVENTS_PC_CLIENT_REQUIRES "ari-events")
    set(ARI_EVENTS_PC_CLIENT_CFLAGS "")
  endif()
  configure_file("${PROJECT_SOURCE_DIR}/cmake/ari-client.pc.in"
    "${PROJECT_BINARY_DIR}/ari-client.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/ari-client.pc"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
endif()

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/ari_eventsConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/ari_eventsConfig.cmake"
  INSTALL_DESTINATION "${ARI_EVENTS_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/ari_eventsConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES
  "${PROJECT_BINARY_DIR}/ari_eventsConfig.cmake"
  "${PROJECT_BINARY_DIR}/ari_eventsConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/ari_events_dependencies.cmake"
  DESTINATION "${ARI_EVENTS_CMAKE_DIR}")

if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(ARI_EVENTS_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(ARI_EVENTS_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/ari-events.pc.in"
  "${PROJECT_BINARY_DIR}/ari-events.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ari-events.pc"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")

# cpack -G DEB: ari-events-dev_<version>_all.deb.
set(CPACK_PACKAGE_NAME "ari-events-dev")
set(CPACK_PACKAGE_VENDOR "ari-events")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "ari-events maintainers <maintainers@ari-events.invalid>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB")
# The package installs where the build was configured to (-DCMAKE_INSTALL_PREFIX=/usr for a
# .deb), so the paths in ari-events.pc are right.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "all")
set(CPACK_DEBIAN_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.10), libhowardhinnant-date-dev")
set(CPACK_DEBIAN_FILE_NAME "${CPACK_PACKAGE_NAME}_${PROJECT_VERSION}_all.deb")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Header-only C++17 library that turns Asterisk ARI WebSocket frames into typed events and back.")
include(CPack)
