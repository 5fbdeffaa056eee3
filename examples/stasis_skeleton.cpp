// The shape of a Stasis application: every frame from /ari/events becomes an ari::Event and
// std::visit sends it to the handler for its type. Here frames come from stdin, one per line;
// a real app reads them from the WebSocket (see the README).
#include <iostream>
#include <string>

#include <ari/ari.hpp>

int main() {
  for (std::string frame; std::getline(std::cin, frame);) {
    auto result = ari::try_parse_event(frame);
    if (!result) {
      std::cerr << "skipping a bad frame: " << result.error().what() << '\n';
      continue;
    }
    std::visit(
        ari::overloaded{
            [](const ari::StasisStart& e) {
              std::cout << "answer " << e.channel.id << " (caller " << e.channel.caller.number
                        << ")\n";
            },
            [](const ari::ChannelDtmfReceived& e) {
              std::cout << "digit " << e.digit << " on " << e.channel.id << '\n';
            },
            [](const ari::StasisEnd& e) { std::cout << "done with " << e.channel.id << '\n'; },
            [](const ari::UnknownEvent& e) { std::cout << "new event type " << e.type << '\n'; },
            [](const auto&) {},  // every other event: not interesting here
        },
        *result);
  }
}
