// The simulated Asterisk through its public API: connections, requests in every form, the
// world's side and the virtual clock.
#include <ari/testing/simulator.hpp>

#include <string>
#include <vector>

#include "catch.hpp"

namespace sim = ari::testing;
namespace rq = ari::requests;

TEST_CASE("simulator: a default-made one answers asterisk/info") {
  sim::simulator asterisk;
  const auto info = asterisk.send(rq::asterisk::getInfo{});
  REQUIRE(info.system);
  CHECK(info.system->version == "22.10.1");
  CHECK(info.system->entity_id == "02:fc:00:00:00:01");
}
