// expect: include <catch2/catch.hpp>
// Catch2 v2 only (v3 has no single header to get wrong): skipped when v3 is installed.
#include <ari/testing/catch2.hpp>
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
