// hello_app: the README's first Stasis application as a program.
//   hello_app [URL [USER PASSWORD]]   (default http://127.0.0.1:8088 asterisk asterisk)
#include <iostream>
#include <string>

#include <boost/asio/io_context.hpp>

#include "hello_app.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--help") {
    std::cout << "usage: hello_app [URL [USER PASSWORD]]  (default http://127.0.0.1:8088 asterisk "
                 "asterisk)\nRegisters the Stasis application 'hello': answers each call, plays "
                 "sound:hello-world, hangs up.\n";
    return 0;
  }
  ari::client_options options;
  options.url = argc > 1 ? argv[1] : "http://127.0.0.1:8088";
  options.username = argc > 3 ? argv[2] : "asterisk";
  options.password = argc > 3 ? argv[3] : "asterisk";
  options.applications = {"hello"};

  boost::asio::io_context io{1};  // run by one thread: the client needs no strand
  ari::client client{io, options};
  hello_app(client);
  client.on_connected([](const ari::connection_info& c) {
    std::cout << (c.reconnect ? "reconnected" : "connected") << std::endl;
  });
  client.on_stopped(
      [](ari::stop_reason, const std::string& why) { std::cerr << why << std::endl; });
  client.start();
  io.run();
  return 1;  // only a stop reason ends the client: refused credentials, unknown host...
}
