include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Header-only and architecture independent, so the package lives under share/.
set(ARI_EVENTS_CMAKE_DIR "${CMAKE_INSTALL_DATADIR}/cmake/ari_events")

install(TARGETS ari_events EXPORT ari_eventsTargets)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT ari_eventsTargets NAMESPACE ari:: DESTINATION "${ARI_EVENTS_CMAKE_DIR}")

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
