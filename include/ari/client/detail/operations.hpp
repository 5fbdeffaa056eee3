// ari-events client: async_send and async_wait, shared by ari::client and the outbound
// sessions. A core offers strand(), hub(), limits() and send(encoded_request, raw_callback).
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>

#include "ari/client/detail/completion.hpp"
#include "ari/client/error.hpp"
#include "ari/client/events.hpp"
#include "ari/requests.hpp"

namespace ari::detail {

// A request in both forms, made once at the call so that a bad request throws there.
struct encoded_request {
  http_request http;                 // for HTTP
  std::optional<RESTRequest> frame;  // for the WebSocket, made when sent (it needs the id)
};

using raw_callback = unique_function<void(boost::system::error_code, RESTResponse&&)>;

// Decodes a response as R's, into the completion's arguments.
template <class R, class Completion>
void complete_request(Completion& done, boost::system::error_code error, RESTResponse&& raw,
                      const parse_limits& limits) {
  using response = typename R::response;
  if constexpr (std::is_void_v<response>) {
    if (error) return done.complete(std::make_exception_ptr(boost::system::system_error(error)));
    try {
      decode_response<R>(raw, limits);
      done.complete(std::exception_ptr());
    } catch (...) {
      done.complete(std::current_exception());
    }
  } else {
    if (error) {
      return done.complete(std::make_exception_ptr(boost::system::system_error(error)), response{});
    }
    try {
      response value = decode_response<R>(raw, limits);
      done.complete(std::exception_ptr(), std::move(value));
    } catch (...) {
      done.complete(std::current_exception(), response{});
    }
  }
}

template <class Response>
struct send_signature_of {
  using type = void(std::exception_ptr, Response);
};
template <>
struct send_signature_of<void> {
  using type = void(std::exception_ptr);
};
template <class R>
using send_signature = typename send_signature_of<typename R::response>::type;

template <class Response>
struct send_completion_of {
  using type = pending_completion<std::exception_ptr, Response>;
};
template <>
struct send_completion_of<void> {
  using type = pending_completion<std::exception_ptr>;
};

// async_send: the request is encoded at once (a request that cannot be sent throws there),
// then handed to the core on its strand; the response is decoded as R's.
template <class Core, class R, class CompletionToken>
auto initiate_send(const std::shared_ptr<Core>& core, bool over_websocket, const R& request,
                   CompletionToken&& token) {
  encoded_request encoded;
  if (over_websocket) {
    encoded.frame = to_rest_request(request, {}, {});
  } else {
    encoded.http = to_http(request);
  }
  return boost::asio::async_initiate<CompletionToken, send_signature<R>>(
      [core](auto handler, encoded_request form) {
        typename send_completion_of<typename R::response>::type done(std::move(handler),
                                                                     core->strand());
        boost::asio::dispatch(
            core->strand(), [core, form = std::move(form), done = std::move(done)]() mutable {
              core->send(std::move(form),
                         [core, done = std::move(done)](boost::system::error_code error,
                                                        RESTResponse&& response) mutable {
                           complete_request<R>(done, error, std::move(response), core->limits());
                         });
            });
      },
      token, std::move(encoded));
}

// async_wait: registered on the strand, with its own deadline when it has one.
template <class E, class Core, class Predicate, class CompletionToken>
auto initiate_wait(const std::shared_ptr<Core>& core, Predicate predicate,
                   const wait_options& options, CompletionToken&& token) {
  static_assert(std::is_invocable_r_v<bool, Predicate&, const E&>,
                "async_wait<E>: the predicate must be callable as bool(const E&)");
  const std::uint64_t since = options.since ? options.since->position() : 0;
  return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code, E)>(
      [core, since, timeout = options.timeout](auto handler, Predicate match) {
        pending_completion<boost::system::error_code, E> done(std::move(handler), core->strand());
        boost::asio::dispatch(core->strand(), [core, since, timeout, match = std::move(match),
                                               done = std::move(done)]() mutable {
          std::shared_ptr<boost::asio::steady_timer> timer;
          if (timeout.count() > 0) {
            timer = std::make_shared<boost::asio::steady_timer>(core->strand(), timeout);
          }
          auto finish = [done = std::move(done), timer](boost::system::error_code error,
                                                        const Event* event) mutable {
            if (timer) timer->cancel();
            if (event) {
              done.complete(error, std::get<E>(*event));
            } else {
              done.complete(error, E{});
            }
          };
          const std::uint64_t id = core->hub().wait(
              event_index<E>(),
              [match = std::move(match)](const Event& event) mutable {
                return static_cast<bool>(match(*std::get_if<E>(&event)));
              },
              since, std::move(finish));
          if (id == 0 || !timer) return;
          timer->async_wait([core, id](boost::system::error_code error) {
            if (!error) core->hub().cancel(id, client_errc::timed_out);
          });
        });
      },
      token, std::move(predicate));
}

}  // namespace ari::detail
