// libFuzzer target. The contract: every input either parses, and then serialises to JSON that
// parses again to an equal event (from the DOM, from its text, and from ari::to_frame, which must
// write the same JSON as the DOM), or yields ari::parse_error,
// from both parse_event and try_parse_event alike. The text path (ari's own tokenizer) and the
// document path (nlohmann::json::parse, then parse_event of the document) agree: the same event,
// or both an error at the same place, and a syntax error exactly when nlohmann/json sees one.
// Anything else stops the run: another exception escaping, a crash, undefined behaviour, a leak.
#include <cstddef>
#include <cstdint>
#include <optional>
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
  // nlohmann/json stops at a NUL byte, which parse_event refuses: no document to compare with.
  std::optional<ari::parse_result> from_document;
  if (frame.find('\0') == std::string_view::npos) {
    try {
      const auto document = nlohmann::json::parse(frame);
      try {
        from_document.emplace(ari::parse_event(document));
      } catch (const ari::parse_error& error) {
        from_document.emplace(error);
      }
    } catch (const nlohmann::json::exception&) {
      require(!result.has_value() && result.error().expected() == "JSON text");
    }
  }
  if (from_document) {
    require(result.has_value() == from_document->has_value());
    if (result.has_value()) {
      require(*result == **from_document);
    } else {
      require(result.error().pointer() == from_document->error().pointer());
      require(result.error().expected() == from_document->error().expected());
    }
  }
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
