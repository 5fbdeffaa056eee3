// ari-events testing: an ari::client on an in-process ari::testing::simulator, without sockets,
// so that a Stasis application's real code runs end to end in a unit test:
//
//     ari::testing::simulator sim;
//     boost::asio::io_context io;
//     ari::client client{io.get_executor(), options, ari::testing::simulated_transport::on(sim)};
//     my_app app{client};                 // the application's own code
//     client.start();
//     io.poll();                          // the client connects and registers its application
//     auto id = sim.incoming_call("hello");
//     io.poll();                          // the app sees StasisStart, answers, plays...
//     sim.advance(std::chrono::seconds(2));
//     io.poll();                          // ... PlaybackFinished, hangs up
//
// Everything happens when the io_context runs: frames the simulator produces (in requests, or
// in the test's own calls such as advance) are handed to the client on its strand. Run the
// io_context with poll() on the test's thread (the simulator is single-threaded; the open
// connection counts as work, so run() would wait for more).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>

#include "ari/client.hpp"
#include "ari/testing/simulator.hpp"

namespace ari::testing {

namespace sim_detail {

// The event socket of a simulated connection, as the client's link.
class simulated_link final : public ari::detail::websocket_link_base,
                             public std::enable_shared_from_this<simulated_link> {
 public:
  simulated_link(event_socket& socket, std::weak_ptr<ari::detail::link_owner> owner,
                 std::uint64_t connection, boost::asio::any_io_executor strand,
                 const parse_limits& limits)
      : socket_(socket),
        owner_(std::move(owner)),
        connection_(connection),
        strand_(std::move(strand)),
        work_(boost::asio::prefer(strand_, boost::asio::execution::outstanding_work.tracked)),
        limits_(limits) {}

  void start() override {
    socket_.on_frame([weak = weak_from_this()] {
      if (auto self = weak.lock()) self->schedule_drain();
    });
    schedule_drain();
  }

  void send(std::string frame) override {
    if (!closed_) socket_.send(frame);
  }

  void close(bool) override {
    if (closed_) return;
    closed_ = true;
    socket_.on_frame(nullptr);
    socket_.close();
    boost::asio::post(strand_, [self = shared_from_this()] {
      self->work_ = {};
      if (auto owner = self->owner_.lock()) owner->link_closed(self->connection_, {});
    });
  }

  std::uint64_t connection() const noexcept override { return connection_; }

 private:
  // One drain per burst of frames, run after the simulator's call that made them returns.
  void schedule_drain() {
    if (drain_pending_ || closed_) return;
    drain_pending_ = true;
    boost::asio::post(strand_, [self = shared_from_this()] { self->drain(); });
  }

  void drain() {
    drain_pending_ = false;
    if (closed_) return;
    for (auto& frame : socket_.take()) {
      const auto owner = owner_.lock();
      if (!owner || closed_) return;
      ++frames_;
      std::optional<Event> event;
      try {
        event.emplace(parse_event(frame, limits_));
      } catch (const parse_error& e) {
        owner->link_bad_frame(
            bad_frame{connection_, frames_, frame.size(), e.what(), frame.substr(0, 200)});
        continue;
      }
      if (auto* response = std::get_if<RESTResponse>(&*event)) {
        owner->link_response(std::move(*response));
      } else {
        owner->link_event(std::move(*event));
      }
    }
  }

  event_socket& socket_;
  std::weak_ptr<ari::detail::link_owner> owner_;
  std::uint64_t connection_;
  boost::asio::any_io_executor strand_;
  // Outstanding work while open, as a socket's pending read is: io_context::poll() then
  // delivers what the simulator queued instead of finding the context stopped.
  boost::asio::any_io_executor work_;
  parse_limits limits_;
  std::uint64_t frames_ = 0;
  bool drain_pending_ = false;
  bool closed_ = false;
};

}  // namespace sim_detail

/// The client_transport of a simulator: GET /ari/events becomes simulator::connect, requests
/// over HTTP go to simulator::handle, RESTRequest frames to the connection's socket.
class simulated_transport final : public ari::client_transport {
 public:
  /// A transport on `sim`, which must outlive the clients that use it.
  static std::shared_ptr<simulated_transport> on(simulator& sim) {
    return std::make_shared<simulated_transport>(sim);
  }
  /// The same; prefer on().
  explicit simulated_transport(simulator& sim) : sim_(sim) {}

  /// GET /ari/events as simulator::connect does: the client's applications, subscribe_all.
  std::shared_ptr<ari::detail::websocket_link_base> open(
      const client_options& options, std::weak_ptr<ari::detail::link_owner> owner,
      std::uint64_t connection, const boost::asio::any_io_executor& strand) override {
    auto& socket = sim_.connect(options.applications, options.subscribe_all);
    return std::make_shared<sim_detail::simulated_link>(socket, std::move(owner), connection,
                                                        strand, options.limits);
  }

  /// An HTTP request, answered by simulator::handle.
  void request(ari::detail::http_job job) override {
    http_request request;
    request.method = std::move(job.method);
    // The URL's prefix (http.conf's) is not the simulator's concern.
    const auto ari = job.target.find("/ari/");
    request.target = ari == std::string::npos ? job.target : job.target.substr(ari);
    request.content_type = std::move(job.content_type);
    request.body = std::move(job.body);
    const http_response response = sim_.handle(request);
    // The events the request caused are queued on the strand already (on_frame), so they
    // reach the application before this response does, as they may from a real Asterisk.
    ari::detail::raw_response raw;
    raw.status = response.status;
    raw.reason = response.reason;
    raw.body = response.body;
    job.done({}, std::move(raw));
  }

 private:
  simulator& sim_;
};

}  // namespace ari::testing
