# Finds the library's two dependencies. Read by this project's build and by the installed
# package config (inside find_package(ari_events), where a miss must not be fatal).
include(GNUInstallDirs)
include(CMakeFindDependencyMacro)

if(NOT TARGET nlohmann_json::nlohmann_json)
  if(CMAKE_FIND_PACKAGE_NAME)
    find_dependency(nlohmann_json 3.10)
  else()
    find_package(nlohmann_json 3.10 QUIET)
    if(NOT nlohmann_json_FOUND)
      message(FATAL_ERROR "ari-events needs nlohmann/json 3.10 or newer (Debian/Ubuntu: "
        "sudo apt-get install nlohmann-json3-dev), or its install prefix in CMAKE_PREFIX_PATH")
    endif()
  endif()
endif()

# Only the header-only part of date (date.h) is used. Debian and Ubuntu ship date's CMake
# package; where it is missing, the header alone will do.
if(NOT TARGET date::date)
  find_package(date CONFIG QUIET)
  if(NOT date_FOUND)
    find_path(ARI_EVENTS_DATE_INCLUDE_DIR date/date.h)
    if(ARI_EVENTS_DATE_INCLUDE_DIR)
      add_library(date::date INTERFACE IMPORTED)
      set_target_properties(date::date PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${ARI_EVENTS_DATE_INCLUDE_DIR}")
    elseif(CMAKE_FIND_PACKAGE_NAME)
      set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
      set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE "date/date.h not found (libhowardhinnant-date-dev)")
      return()
    else()
      message(FATAL_ERROR "ari-events needs Howard Hinnant's date (Debian/Ubuntu: "
        "sudo apt-get install libhowardhinnant-date-dev)")
    endif()
  endif()
endif()
