// ari-events: the client for Stasis applications, on Boost.Asio and Boost.Beast (an optional
// part: <ari/ari.hpp> does not include it). CMake target ari::client.
#pragma once

#include "ari/client/client.hpp"
#include "ari/client/error.hpp"
#include "ari/client/events.hpp"
#include "ari/client/options.hpp"
#include "ari/client/outbound.hpp"
