// ari-events client: requests sent as RESTRequest messages on an event WebSocket, matched to
// their RESTResponse by request id, each with its deadline. Shared by ari::client and the
// outbound sessions.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "ari/client/detail/operations.hpp"
#include "ari/client/detail/websocket_link.hpp"
#include "ari/serialize.hpp"

namespace ari::detail {

template <class Executor>
class socket_requests {
 public:
  explicit socket_requests(Executor executor) : executor_(std::move(executor)) {}

  // Sends `message` on `link` now, or on the next link when there is none; `expire` runs
  // (on the executor) when the deadline passes first, with the request id.
  template <class Expire>
  void send(RESTRequest message, std::chrono::steady_clock::time_point deadline, raw_callback done,
            websocket_link_base* link, Expire expire) {
    const std::string id = std::to_string(++next_id_);
    message.transaction_id = id;
    message.request_id = id;
    auto& request = pending_[id];
    request.done = std::move(done);
    request.frame = to_frame(message);
    request.timer = std::make_unique<boost::asio::steady_timer>(executor_, deadline);
    request.timer->async_wait([expire = std::move(expire), id](boost::system::error_code error) {
      if (!error) expire(id);
    });
    if (link) {
      request.sent = true;
      link->send(request.frame);
    } else {
      unsent_.push_back(id);  // sent in order once connected; nothing reached Asterisk yet
    }
  }

  // What waited for a link goes first, in the order it was made.
  void flush(websocket_link_base& link) {
    for (const auto& id : unsent_) {
      const auto found = pending_.find(id);
      if (found == pending_.end()) continue;
      found->second.sent = true;
      link.send(found->second.frame);
    }
    unsent_.clear();
  }

  // Completes the request `id` (a response, or an error); false when there is none.
  bool finish(const std::string& id, boost::system::error_code error, RESTResponse&& response) {
    const auto found = pending_.find(id);
    if (found == pending_.end()) return false;
    auto request = std::move(found->second);
    pending_.erase(found);
    request.timer->cancel();
    request.done(error, std::move(response));
    return true;
  }

  // A response completes its request; one that is not ours (or came after its deadline) is an
  // event like any other.
  template <class Hub>
  void answer(RESTResponse&& response, Hub& hub) {
    const std::string id = response.request_id;
    // finish leaves the response untouched when it has no such request.
    if (!finish(id, {}, std::move(response))) hub.deliver(Event(std::move(response)));
  }

  // The requests written on a lost link: their fate is unknown, and they are never resent on
  // their own. Those not yet written wait for the next link.
  void fail_sent(boost::system::error_code error) {
    std::vector<std::string> lost;
    for (auto& [id, request] : pending_) {
      if (request.sent) lost.push_back(id);
    }
    for (const auto& id : lost)
      finish(id, error, {});
  }

  void fail_all(boost::system::error_code error) {
    unsent_.clear();
    auto requests = std::move(pending_);
    pending_.clear();
    for (auto& [id, request] : requests) {
      request.timer->cancel();
      request.done(error, {});
    }
  }

 private:
  struct pending_request {
    raw_callback done;
    std::string frame;
    std::unique_ptr<boost::asio::steady_timer> timer;
    bool sent = false;
  };

  Executor executor_;
  std::uint64_t next_id_ = 0;
  std::map<std::string, pending_request> pending_;
  std::vector<std::string> unsent_;
};

}  // namespace ari::detail
