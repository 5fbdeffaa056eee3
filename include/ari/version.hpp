// ari-events: the library's version. CMakeLists.txt reads its project version from here.
#pragma once

#define ARI_EVENTS_VERSION_MAJOR 0
#define ARI_EVENTS_VERSION_MINOR 1
#define ARI_EVENTS_VERSION_PATCH 0

/// MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons.
#define ARI_EVENTS_VERSION \
  (ARI_EVENTS_VERSION_MAJOR * 10000 + ARI_EVENTS_VERSION_MINOR * 100 + ARI_EVENTS_VERSION_PATCH)
