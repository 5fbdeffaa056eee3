// ari-events: typed Asterisk ARI events. Include this one header.
#pragma once

#include "ari/error.hpp"       // IWYU pragma: export
#include "ari/event_type.hpp"  // IWYU pragma: export
#include "ari/events.hpp"      // IWYU pragma: export
#include "ari/limits.hpp"      // IWYU pragma: export
#include "ari/models.hpp"      // IWYU pragma: export
#include "ari/parse.hpp"       // IWYU pragma: export
#include "ari/routing.hpp"     // IWYU pragma: export
#include "ari/serialize.hpp"   // IWYU pragma: export
#include "ari/text_enum.hpp"   // IWYU pragma: export
#include "ari/timestamp.hpp"   // IWYU pragma: export
#include "ari/version.hpp"     // IWYU pragma: export
