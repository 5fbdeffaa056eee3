// Compiled mode (ARI_EVENTS_SEPARATE_COMPILATION): this translation unit only declares the
// decoder; implementation.cpp compiles it. Both decode paths and the non-throwing one must link
// and work.
#include <ari/ari.hpp>

int main() {
  const std::string frame =
      R"({"type":"StasisEnd","timestamp":"2026-11-26T14:41:00.000+0900","application":"app",)"
      R"("channel":{"id":"1.1","name":"PJSIP/a-1","state":"Up","caller":{"name":"","number":"1001"},)"
      R"("connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"c",)"
      R"("exten":"s","priority":1},"creationtime":"2026-11-26T14:40:59.000+0900","language":"en"}})";
  const ari::Event from_text = ari::parse_event(frame);
  const ari::Event from_dom = ari::parse_event(nlohmann::json::parse(frame));
  const auto result = ari::try_parse_event(frame);
  const bool ok = from_text == from_dom && result && *result == from_text &&
                  std::get<ari::StasisEnd>(from_text).channel.caller.number == "1001" &&
                  !ari::try_parse_event("{").has_value();
  return ok ? 0 : 1;
}
