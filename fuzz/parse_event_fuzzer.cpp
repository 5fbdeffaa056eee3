// libFuzzer target. The contract: every input either parses, and then serialises to JSON that
// parses again to an equal event (from the DOM, from its text, and from ari::to_frame, which must
// write the same JSON as the DOM), or yields ari::parse_error,
// from both parse_event and try_parse_event alike. Anything else stops the run: another
// exception escaping, a crash, undefined behaviour, a leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <ari/ari.hpp>

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  const auto result = ari::try_parse_event(frame);
  ari::Event event;
  try {
    event = ari::parse_event(frame);
  } catch (const ari::parse_error& error) {
    require(!result.has_value());
    require(result.error().pointer() == error.pointer());
    return 0;
  }
  require(result.has_value() && *result == event);

  const nlohmann::json written = event;
  require(ari::parse_event(written) == event);
  require(ari::parse_event(written.dump()) == event);
  // The direct writer agrees with the DOM.
  const std::string frame_text = ari::to_frame(event);
  require(ari::parse_event(frame_text) == event);
  require(nlohmann::json::parse(frame_text) == written);
  return 0;
}
