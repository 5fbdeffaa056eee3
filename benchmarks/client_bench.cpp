// ari::client and ari::outbound_listener, measured against local Beast servers in the same
// program (a benchmark, not a test: nothing here asserts a speed).
//
//   events-client        frames/s through an ari::client with an on<E> handler per event type,
//                        on an io_context{1} (one thread runs it: the client needs no strand)
//   events-client-strand the same on a default io_context (any number of threads: a strand)
//   events-otherwise     the same as events-client with one otherwise() handler
//   events-bare          a bare Beast async_read loop calling ari::parse_event on each frame
//   events-bare-strand   the same on a strand, as the client's socket is
//   events-bare-timeouts the same with the client's idle timeout and pings (Beast re-arms a
//                        timer at every read)
//   events-bare-both     both: what is left of the gap is the client's own work
//   requests-ws-seq      channels::answer as RESTRequest on the event socket, one after another
//   requests-ws-pipe     the same, all issued at once (they stay in order)
//   requests-http-seq    over HTTP keep-alive (one connection), one after another
//   requests-http-pipe   the same, all queued at once (one connection: in order)
//   requests-http-par4   all queued at once over 4 HTTP connections (order not kept)
//   sessions             heap and RSS per outbound per-call session, with --sessions open
//
// The events server streams the 1,156 frames of examples/asterisk-22-sample.jsonl over and
// over, pre-encoded as WebSocket frames and written straight to the TCP socket, so that it costs
// next to nothing beside the reader. Under valgrind --tool=callgrind the measured interval (from
// the handshake to the last frame) is bracketed with CALLGRIND_ZERO_STATS and
// CALLGRIND_DUMP_STATS_AT("measured"), so that benchmarks/client_instructions.sh reads the
// reader's instructions per frame without the setup.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/client.hpp>
#include <ari/requests.hpp>
#include <ari/serialize.hpp>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name)
#endif

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;

namespace {

std::vector<std::string> capture_frames() {
  const std::string path =
      std::string(ARI_EVENTS_SOURCE_DIR) + "/examples/asterisk-22-sample.jsonl";
  std::ifstream in(path);
  std::vector<std::string> frames;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) frames.push_back(line);
  }
  if (frames.empty()) throw std::runtime_error("no frames in " + path);
  return frames;
}

// A server frame (FIN, text, unmasked) as it goes on the wire.
void append_ws_frame(std::string& out, std::string_view payload) {
  out += static_cast<char>(0x81);
  const std::size_t n = payload.size();
  if (n < 126) {
    out += static_cast<char>(n);
  } else if (n < 65536) {
    out += static_cast<char>(126);
    out += static_cast<char>((n >> 8U) & 0xFFU);
    out += static_cast<char>(n & 0xFFU);
  } else {
    out += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8)
      out += static_cast<char>((n >> static_cast<unsigned>(shift)) & 0xFFU);
  }
  out += payload;
}

// A TCP server on 127.0.0.1 (a free port): a thread accepts, and each connection is served by
// `serve` on a thread of its own. stop() wakes the accept with a connection of its own.
class local_server {
 public:
  using serve_function = std::function<void(tcp::socket)>;
  explicit local_server(serve_function serve)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        serve_(std::move(serve)) {
    port_ = acceptor_.local_endpoint().port();
    accepting_ = std::thread([this] {
      for (;;) {
        tcp::socket socket(io_);
        boost::system::error_code error;
        acceptor_.accept(socket, error);
        if (stopping_ || error) return;
        std::lock_guard<std::mutex> lock(mutex_);
        workers_.emplace_back([this, s = std::move(socket)]() mutable {
          try {
            serve_(std::move(s));
          } catch (const std::exception&) {
            // The peer went away: the end of a run.
          }
        });
      }
    });
  }
  local_server(const local_server&) = delete;
  local_server& operator=(const local_server&) = delete;
  ~local_server() {
    stopping_ = true;
    {
      tcp::socket wake(io_);
      boost::system::error_code ignored;
      wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
      accepting_.join();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& worker : workers_)
      worker.join();
  }
  unsigned short port() const noexcept { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  serve_function serve_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::thread accepting_;
};

// The server's side of the client's connection: HTTP requests before the upgrade (the client
// asks GET /ari/asterisk/ping first, see client.hpp's probe) answered with an empty 200, then
// the WebSocket accepted.
websocket::stream<tcp::socket> accept_websocket(tcp::socket socket) {
  socket.set_option(tcp::no_delay(true));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    http::read(socket, buffer, request);
    if (websocket::is_upgrade(request)) {
      websocket::stream<tcp::socket> ws(std::move(socket));
      ws.accept(request);
      return ws;
    }
    http::response<http::empty_body> response(http::status::ok, 11);
    response.keep_alive(true);
    response.prepare_payload();  // Content-Length: 0, or the client reads to the end
    http::write(socket, response);
  }
}

// Streams `total` frames of the capture, then answers the reader's close.
local_server::serve_function event_streamer(const std::vector<std::string>& frames,
                                            std::uint64_t total) {
  auto block = std::make_shared<std::string>();
  auto ends = std::make_shared<std::vector<std::size_t>>();  // where each frame ends in block
  for (const auto& frame : frames) {
    append_ws_frame(*block, frame);
    ends->push_back(block->size());
  }
  return [block, ends, total](tcp::socket socket) {
    websocket::stream<tcp::socket> ws = accept_websocket(std::move(socket));
    std::uint64_t left = total;
    while (left > 0) {
      const std::size_t count = left < ends->size() ? static_cast<std::size_t>(left) : ends->size();
      asio::write(ws.next_layer(), asio::buffer(block->data(), (*ends)[count - 1]));
      left -= count;
    }
    beast::flat_buffer buffer;
    for (;;) {
      ws.read(buffer);  // throws websocket::error::closed once the close handshake is done
      buffer.clear();
    }
  };
}

struct run_result {
  std::uint64_t count = 0;
  double seconds = 0;
};

void start_measuring(steady::time_point& t0) {
  CALLGRIND_ZERO_STATS;
  t0 = steady::now();
}
double stop_measuring(steady::time_point t0) {
  const double seconds = std::chrono::duration<double>(steady::now() - t0).count();
  CALLGRIND_DUMP_STATS_AT("measured");
  return seconds;
}

ari::client_options client_options(const local_server& server) {
  ari::client_options o;
  o.url = server.url();
  o.username = "bench";
  o.password = "bench";
  o.applications = {"bench"};
  o.http_idle_close = std::chrono::hours(1);
  o.request_timeout = std::chrono::minutes(10);
  o.idle_timeout = std::chrono::minutes(10);
  return o;
}

template <std::size_t... I>
void count_each_type(ari::client& client, const std::function<void()>& counted,
                     std::index_sequence<I...>) {
  (client.on<std::variant_alternative_t<I, ari::Event>>([&counted](const auto&) { counted(); }),
   ...);
}

// Every event reader runs on an io_context{1}, as a program with one thread makes it, except
// `shared` (a default io_context, which any number of threads may run).
run_result events_client(const std::vector<std::string>& frames, std::uint64_t total, bool per_type,
                         bool shared = false) {
  local_server server(event_streamer(frames, total));
  asio::io_context io(shared ? BOOST_ASIO_CONCURRENCY_HINT_DEFAULT : 1);
  ari::client client(io, client_options(server));
  run_result result;
  steady::time_point t0;
  const std::function<void()> counted = [&] {
    if (++result.count == total) {
      result.seconds = stop_measuring(t0);
      client.stop();
    }
  };
  if (per_type) {
    count_each_type(client, counted, std::make_index_sequence<std::variant_size_v<ari::Event>>());
  } else {
    client.otherwise([&counted](const ari::Event&) { counted(); });
  }
  client.on_bad_frame([&counted](const ari::bad_frame&) { counted(); });
  client.on_connected([&t0](const ari::connection_info&) { start_measuring(t0); });
  client.on_disconnected([&client](const ari::disconnect_info& info) {
    std::cerr << "client_bench: disconnected: " << info.error.message() << "\n";
    client.stop();
  });
  client.start();
  io.run();
  return result;
}

// The baseline: what a program that only decodes the stream needs, and nothing else.
class bare_reader {
 public:
  // `strand`, `timeouts`: the client's settings, one at a time, to tell their costs apart.
  bare_reader(asio::io_context& io, unsigned short port, std::uint64_t total, bool strand,
              bool timeouts)
      : ws_(strand ? asio::any_io_executor(asio::make_strand(io))
                   : asio::any_io_executor(io.get_executor())),
        total_(total) {
    ws_.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/ari/events?app=bench");
    ws_.read_message_max(limits_.max_frame_size);
    if (timeouts) {
      // As the client sets them: Beast re-arms its idle timer at every read.
      websocket::stream_base::timeout t{};
      t.handshake_timeout = std::chrono::seconds(10);
      t.idle_timeout = std::chrono::minutes(10);
      t.keep_alive_pings = true;
      ws_.set_option(t);
    }
  }
  void start() {
    start_measuring(t0_);
    read();
  }
  const run_result& result() const noexcept { return result_; }
  std::size_t checksum() const noexcept { return checksum_; }

 private:
  void read() {
    ws_.async_read(buffer_, [this](boost::system::error_code error, std::size_t size) {
      if (error) throw boost::system::system_error(error);
      try {
        checksum_ +=
            ari::parse_event(
                std::string_view(static_cast<const char*>(buffer_.data().data()), size), limits_)
                .index();
      } catch (const ari::parse_error&) {
        ++checksum_;
      }
      buffer_.consume(buffer_.size());
      if (++result_.count == total_) {
        result_.seconds = stop_measuring(t0_);
        ws_.async_close(websocket::close_code::normal, [](boost::system::error_code) {});
        return;
      }
      read();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  std::uint64_t total_;
  const ari::parse_limits limits_{};
  beast::flat_buffer buffer_;
  run_result result_;
  std::size_t checksum_ = 0;  // keeps the parse from being optimised away
  steady::time_point t0_;
};

run_result events_bare(const std::vector<std::string>& frames, std::uint64_t total, bool strand,
                       bool timeouts) {
  local_server server(event_streamer(frames, total));
  asio::io_context io(1);
  bare_reader reader(io, server.port(), total, strand, timeouts);
  reader.start();
  io.run();
  if (reader.checksum() == 0) std::cerr << "client_bench: no event parsed\n";
  return reader.result();
}

// The RESTResponse to a RESTRequest frame, with its ids (found as text: the server must cost
// little next to the client).
std::string extract(std::string_view frame, std::string_view key) {
  const auto start = frame.find(key);
  if (start == std::string_view::npos) return {};
  const auto begin = start + key.size();
  return std::string(frame.substr(begin, frame.find('"', begin) - begin));
}
std::string rest_response(std::string_view request) {
  static const std::string prototype = [] {
    ari::RESTResponse response;
    response.transaction_id = "@@T@@";
    response.request_id = "@@R@@";
    response.status_code = 204;
    response.reason_phrase = "No Content";
    response.uri = "channels/bench/answer";
    response.application = "bench";
    response.asterisk_id = "02:fc:00:00:00:01";
    return ari::to_frame(response);
  }();
  std::string out = prototype;
  for (const auto& [mark, key] :
       {std::pair<std::string_view, std::string_view>{"@@T@@", "\"transaction_id\":\""},
        {"@@R@@", "\"request_id\":\""}}) {
    const auto at = out.find(mark);
    if (at != std::string::npos) out.replace(at, mark.size(), extract(request, key));
  }
  return out;
}

void serve_rest_requests(tcp::socket socket) {
  websocket::stream<tcp::socket> ws = accept_websocket(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    ws.read(buffer);
    const std::string request = beast::buffers_to_string(buffer.data());
    buffer.clear();
    ws.text(true);
    ws.write(asio::buffer(rest_response(request)));
  }
}

void serve_http(tcp::socket socket) {
  socket.set_option(tcp::no_delay(true));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    http::read(socket, buffer, request);
    http::response<http::empty_body> response(http::status::no_content, 11);
    response.keep_alive(true);
    http::write(socket, response);
  }
}

enum class transport { websocket, http };

run_result requests(transport over, bool pipelined, std::size_t connections, std::uint64_t total) {
  local_server server(over == transport::websocket
                          ? local_server::serve_function(serve_rest_requests)
                          : local_server::serve_function(serve_http));
  asio::io_context io;
  auto options = client_options(server);
  options.requests = over == transport::websocket ? ari::request_transport::websocket
                                                  : ari::request_transport::http;
  options.http_connections = connections;
  ari::client client(io, options);
  run_result result;
  steady::time_point t0;
  std::uint64_t sent = 0;
  std::uint64_t failed = 0;
  ari::requests::channels::answer answer;
  answer.channelId = "bench";
  std::function<void()> send_one;
  const auto done = [&](std::exception_ptr error) {
    if (error) ++failed;
    if (++result.count == total) {
      result.seconds = stop_measuring(t0);
      client.stop();
    } else if (!pipelined) {
      send_one();
    }
  };
  send_one = [&] {
    ++sent;
    client.async_send(answer, done);
  };
  const auto begin = [&] {
    start_measuring(t0);
    if (!pipelined) return send_one();
    while (sent < total)
      send_one();
  };
  if (over == transport::websocket) {
    client.on_connected([&](const ari::connection_info&) { begin(); });
    client.start();
  } else {
    asio::post(client.get_executor(), begin);  // HTTP needs no event socket
  }
  io.run();
  if (failed != 0) std::cerr << "client_bench: " << failed << " requests failed\n";
  return result;
}

// --- sessions: memory per outbound per-call session -------------------------------------------

long rss_kib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}
std::size_t heap_bytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

const std::string registered_frame =
    R"({"type":"ApplicationRegistered","timestamp":"2026-12-05T08:21:30.101+0000","application":"bench","asterisk_id":"02:fc:00:00:00:01"})";

std::string stasis_start_frame(const std::vector<std::string>& frames, std::size_t call) {
  for (const auto& frame : frames) {
    if (frame.find("\"type\":\"StasisStart\"") == std::string::npos) continue;
    auto document = nlohmann::json::parse(frame);
    document["channel"]["id"] = "call-" + std::to_string(call);
    document["application"] = "bench";
    return document.dump();
  }
  throw std::runtime_error("no StasisStart in the capture");
}

// Asterisk's side, in a child process so that its memory is not the listener's: opens the
// sessions in the batches the parent asks for (a byte each on `orders`), says when each batch
// is sent (a byte on `reports`), and closes them all when told so (orders closed).
void play_asterisk(unsigned short port, const std::vector<std::size_t>& batches, int orders,
                   int reports, const std::vector<std::string>& frames) {
  asio::io_context io;
  std::vector<std::unique_ptr<websocket::stream<tcp::socket>>> calls;
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  const std::string authorization = ari::detail::basic_authorization("asterisk", "s3cret");
  for (const std::size_t batch : batches) {
    char order = 0;
    if (read(orders, &order, 1) != 1) return;
    for (std::size_t i = 0; i < batch; ++i) {
      auto ws = std::make_unique<websocket::stream<tcp::socket>>(io);
      ws->next_layer().connect(endpoint);
      ws->set_option(websocket::stream_base::decorator([&](websocket::request_type& request) {
        request.set(http::field::sec_websocket_protocol, "ari");
        request.set(http::field::authorization, authorization);
      }));
      ws->handshake("127.0.0.1", "/");
      ws->text(true);
      ws->write(asio::buffer(registered_frame));
      ws->write(asio::buffer(stasis_start_frame(frames, calls.size())));
      calls.push_back(std::move(ws));
    }
    const char report = 1;
    if (write(reports, &report, 1) != 1) return;
  }
  char order = 0;
  while (read(orders, &order, 1) == 1) {
  }
  for (auto& call : calls) {
    boost::system::error_code ignored;
    call->next_layer().close(ignored);
  }
}

int sessions(std::size_t count, const std::vector<std::string>& frames) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < count + 64) {
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, count + 64);
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  const std::size_t first = count >= 10 ? count / 10 : 1;
  const std::vector<std::size_t> batches{first, count - first};

  // The listener binds before the fork, so that the child knows the port.
  asio::io_context io;
  ari::listener_options options;
  options.port = 0;
  options.username = "asterisk";
  options.password = "s3cret";
  options.idle_timeout = std::chrono::minutes(10);
  ari::outbound_listener listener(io, options);
  std::atomic<std::size_t> started{0};
  std::atomic<std::size_t> closed{0};
  // As an application would: the handlers hold the session, to send requests on it.
  listener.on_session([&](ari::outbound_session session) {
    session.on<ari::StasisStart>([&started, session](const ari::StasisStart& e) mutable {
      if (!e.channel.id.empty()) ++started;
    });
    session.on_closed([&closed](const boost::system::error_code&) { ++closed; });
  });
  listener.start();

  int orders[2];
  int reports[2];
  if (pipe(orders) != 0 || pipe(reports) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  const pid_t child = fork();
  if (child == 0) {
    close(orders[1]);
    close(reports[0]);
    try {
      play_asterisk(listener.port(), batches, orders[0], reports[1], frames);
    } catch (const std::exception& e) {
      std::cerr << "client_bench: fake Asterisk: " << e.what() << "\n";
      _exit(1);
    }
    _exit(0);
  }
  close(orders[0]);
  close(reports[1]);
  auto guard = asio::make_work_guard(io);
  std::thread runner([&io] { io.run(); });

  const auto wait_for = [](const std::atomic<std::size_t>& counter, std::size_t value) {
    const auto end = steady::now() + std::chrono::seconds(120);
    while (counter.load() < value && steady::now() < end)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // Lets the last handlers finish what they allocate.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return counter.load() >= value;
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::vector<std::pair<std::size_t, std::pair<long, std::size_t>>> points;
  points.push_back({0, {rss_kib(), heap_bytes()}});
  std::size_t open = 0;
  bool ok = true;
  for (const std::size_t batch : batches) {
    const char order = 1;
    char report = 0;
    if (write(orders[1], &order, 1) != 1 || read(reports[0], &report, 1) != 1) {
      ok = false;
      break;
    }
    open += batch;
    if (!wait_for(started, open)) {
      ok = false;
      break;
    }
    points.push_back({open, {rss_kib(), heap_bytes()}});
  }
  close(orders[1]);  // the child closes its connections
  const bool all_closed = ok && wait_for(closed, count);
  const auto after = std::make_pair(rss_kib(), heap_bytes());
  int status = 0;
  waitpid(child, &status, 0);
  listener.stop();
  guard.reset();
  io.stop();
  runner.join();
  if (!ok) {
    std::cerr << "client_bench: sessions: only " << started.load() << " of " << count
              << " sessions started\n";
    return 1;
  }
  std::printf("sessions  open %zu\n", open);
  for (const auto& [n, values] : points) {
    std::printf("sessions  at %5zu open: RSS %ld KiB, heap %zu bytes\n", n, values.first,
                values.second);
  }
  const auto& low = points[1];
  const auto& high = points.back();
  const double span = static_cast<double>(high.first - low.first);
  std::printf(
      "sessions  per session (from %zu to %zu open): heap %.0f bytes, RSS %.0f bytes\n", low.first,
      high.first,
      (static_cast<double>(high.second.second) - static_cast<double>(low.second.second)) / span,
      (static_cast<double>(high.second.first) - static_cast<double>(low.second.first)) * 1024.0 /
          span);
  std::printf(
      "sessions  after all %zu closed%s: RSS %ld KiB, heap %zu bytes (%.0f bytes per "
      "session above the start)\n",
      count, all_closed ? "" : " (not all reported closed)", after.first, after.second,
      (static_cast<double>(after.second) - static_cast<double>(points[0].second.second)) /
          static_cast<double>(count));
  return 0;
}

void report(const char* mode, const char* unit, const run_result& r) {
  std::printf("%-18s %9llu %s in %7.3f s: %10.0f %s/s\n", mode,
              static_cast<unsigned long long>(r.count), unit, r.seconds,
              r.seconds > 0 ? static_cast<double>(r.count) / r.seconds : 0.0, unit);
  std::fflush(stdout);
}

const char* const usage =
    "usage: client_bench [options] [mode...]\n"
    "  modes (default: all but sessions, then sessions):\n"
    "    events-client (io_context{1}: no strand) events-client-strand (default io_context)\n"
    "    events-otherwise events-bare\n"
    "    events-bare-strand events-bare-timeouts events-bare-both (the bare loop with the\n"
    "      client's strand, its idle timeout with pings, or both)\n"
    "    requests-ws-seq requests-ws-pipe requests-http-seq requests-http-pipe requests-http-par4\n"
    "    sessions\n"
    "  --frames N     frames per events run (default 200000)\n"
    "  --requests N   requests per requests run (default 20000)\n"
    "  --sessions N   outbound sessions held open (default 1000)\n"
    "  --repeat N     runs of each mode, printed one by one (default 1)\n"
    "  --help\n";

std::uint64_t number(const char* text, const char* option) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0' || value == 0) {
    throw std::invalid_argument(std::string(option) + ": expected a positive number, not '" + text +
                                "'");
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t frames = 200'000;
  std::uint64_t request_count = 20'000;
  std::uint64_t session_count = 1000;
  std::uint64_t repeat = 1;
  std::vector<std::string> modes;
  const std::vector<std::string> known{
      "events-client",     "events-client-strand", "events-otherwise",
      "events-bare",       "events-bare-strand",   "events-bare-timeouts",
      "events-bare-both",  "requests-ws-seq",      "requests-ws-pipe",
      "requests-http-seq", "requests-http-pipe",   "requests-http-par4",
      "sessions"};
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto value = [&]() -> const char* {
        if (i + 1 >= argc) throw std::invalid_argument(arg + ": needs a value");
        return argv[++i];
      };
      if (arg == "--help" || arg == "-h") {
        std::cout << usage;
        return 0;
      } else if (arg == "--frames") {
        frames = number(value(), "--frames");
      } else if (arg == "--requests") {
        request_count = number(value(), "--requests");
      } else if (arg == "--sessions") {
        session_count = number(value(), "--sessions");
      } else if (arg == "--repeat") {
        repeat = number(value(), "--repeat");
      } else if (std::find(known.begin(), known.end(), arg) != known.end()) {
        modes.push_back(arg);
      } else {
        throw std::invalid_argument("unknown option or mode '" + arg + "'");
      }
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "client_bench: " << e.what() << "\n" << usage;
    return 2;
  }
  if (modes.empty()) modes = known;

  const auto capture = capture_frames();
  try {
    for (const auto& mode : modes) {
      if (mode == "sessions") {
        if (sessions(static_cast<std::size_t>(session_count), capture) != 0) return 1;
        continue;
      }
      for (std::uint64_t run = 0; run < repeat; ++run) {
        if (mode == "events-client") {
          report(mode.c_str(), "frames", events_client(capture, frames, true));
        } else if (mode == "events-client-strand") {
          report(mode.c_str(), "frames", events_client(capture, frames, true, true));
        } else if (mode == "events-otherwise") {
          report(mode.c_str(), "frames", events_client(capture, frames, false));
        } else if (mode == "events-bare") {
          report(mode.c_str(), "frames", events_bare(capture, frames, false, false));
        } else if (mode == "events-bare-strand") {
          report(mode.c_str(), "frames", events_bare(capture, frames, true, false));
        } else if (mode == "events-bare-timeouts") {
          report(mode.c_str(), "frames", events_bare(capture, frames, false, true));
        } else if (mode == "events-bare-both") {
          report(mode.c_str(), "frames", events_bare(capture, frames, true, true));
        } else if (mode == "requests-ws-seq") {
          report(mode.c_str(), "requests", requests(transport::websocket, false, 1, request_count));
        } else if (mode == "requests-ws-pipe") {
          report(mode.c_str(), "requests", requests(transport::websocket, true, 1, request_count));
        } else if (mode == "requests-http-seq") {
          report(mode.c_str(), "requests", requests(transport::http, false, 1, request_count));
        } else if (mode == "requests-http-pipe") {
          report(mode.c_str(), "requests", requests(transport::http, true, 1, request_count));
        } else if (mode == "requests-http-par4") {
          report(mode.c_str(), "requests", requests(transport::http, true, 4, request_count));
        }
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "client_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
