// ari-events client: completion handlers kept type-erased until their operation ends, then
// posted to their own executor, as Asio requires of every asynchronous operation.
#pragma once

#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>

namespace ari::detail {

// A move-only callable, for handlers that are themselves move-only (Asio's are).
template <class Signature>
class unique_function;
template <class Result, class... Args>
class unique_function<Result(Args...)> {
 public:
  unique_function() = default;
  template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, unique_function>, int> = 0>
  unique_function(F f) : body_(std::make_unique<holder<F>>(std::move(f))) {}  // NOLINT
  explicit operator bool() const noexcept { return body_ != nullptr; }
  Result operator()(Args... args) { return body_->call(std::forward<Args>(args)...); }

 private:
  struct base {
    virtual ~base() = default;
    virtual Result call(Args... args) = 0;
  };
  template <class F>
  struct holder final : base {
    explicit holder(F f) : function(std::move(f)) {}
    Result call(Args... args) override { return function(std::forward<Args>(args)...); }
    F function;
  };
  std::unique_ptr<base> body_;
};

// An operation's completion handler with its executor, kept busy (outstanding work) until the
// handler has run, so that io_context::run() does not return under a pending operation. The
// handler runs on its associated executor, else on `fallback` (the client's strand).
template <class... Args>
class pending_completion {
 public:
  pending_completion() = default;
  template <class Handler, class Executor>
  pending_completion(Handler handler, const Executor& fallback)
      : pending_completion(
            tracked{},
            boost::asio::prefer(boost::asio::get_associated_executor(handler, fallback),
                                boost::asio::execution::outstanding_work.tracked),
            std::move(handler)) {}

  explicit operator bool() const noexcept { return static_cast<bool>(post_); }
  // Posts the handler with these arguments; a second call does nothing.
  void complete(Args... args) {
    if (!post_) return;
    auto post = std::move(post_);
    post_ = {};
    post(std::move(args)...);
  }

 private:
  // The executor is read from the handler before the handler moves into the lambda: the
  // handler comes by reference, since the order in which a call's arguments are evaluated is
  // unspecified and a by-value parameter could be moved into first (g++ does).
  struct tracked {};
  template <class WorkExecutor, class Handler>
  pending_completion(tracked, WorkExecutor work, Handler&& handler)
      : post_([handler = std::move(handler), work = std::move(work)](Args... args) mutable {
          auto executor = work;
          boost::asio::post(executor, [handler = std::move(handler), work = std::move(work),
                                       arguments = std::make_tuple(std::move(args)...)]() mutable {
            std::apply(handler, std::move(arguments));
          });
        }) {}

  unique_function<void(Args...)> post_;
};

}  // namespace ari::detail
