// A program outside the ari-events tree: decodes one frame, answers its channel (as a request
// value) and checks the version macros.
#include <iostream>

#include <ari/ari.hpp>
#include <ari/requests.hpp>

static_assert(ARI_EVENTS_VERSION_MAJOR >= 0 && ARI_EVENTS_VERSION_MINOR >= 0 &&
              ARI_EVENTS_VERSION_PATCH >= 0);

int main() {
  const auto event = ari::parse_event(
      R"({"type":"StasisStart","timestamp":"2026-11-26T14:41:00.000+0900","args":["x"],)"
      R"("channel":{"id":"1.1","name":"PJSIP/a-1","state":"Ring","caller":{"name":"","number":"1001"},)"
      R"("connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"c",)"
      R"("exten":"s","priority":1},"creationtime":"2026-11-26T14:40:59.000+0900","language":"en"},)"
      R"("application":"app"})");
  const auto& start = std::get<ari::StasisStart>(event);
  std::cout << "ari-events " << ARI_EVENTS_VERSION_MAJOR << '.' << ARI_EVENTS_VERSION_MINOR << '.'
            << ARI_EVENTS_VERSION_PATCH << ": " << ari::type_name(event) << " from "
            << start.channel.caller.number << '\n';
  ari::requests::channels::answer answer;
  answer.channelId = start.channel.id;
  const ari::http_request request = ari::to_http(answer);
  std::cout << "answer: " << request.method << ' ' << request.target << '\n';
  return start.channel.caller.number == "1001" && request.target == "/ari/channels/1.1/answer" ? 0
                                                                                               : 1;
}
