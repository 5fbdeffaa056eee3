// ari-events client: the executor on which one connection's work runs, one handler at a time.
#pragma once

#include <typeinfo>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

namespace ari::detail {

// True when `context` was made with concurrency hint 1 (`boost::asio::io_context io{1}`): the
// owner promises that one thread runs it, so its handlers never overlap (Asio's implicit
// strand) and Asio drops its own scheduler's thread-safety work too.
inline bool runs_on_one_thread(boost::asio::io_context& context) {
  return boost::asio::use_service<boost::asio::detail::io_context_impl>(context)
             .concurrency_hint() == 1;
}

// The executor of a connection: the io_context's own when one thread runs it, else a strand.
// A strand made on the io_context's concrete executor, not on the type-erased one, saves a
// second erasure on every completion. Each strand costs about 2,500 instructions per event
// read (benchmarks/README.md, "Client"), a sixth of the whole read and decode.
inline boost::asio::any_io_executor serial_executor(const boost::asio::any_io_executor& executor) {
  using io_executor = boost::asio::io_context::executor_type;
#if !defined(BOOST_NO_RTTI)
  // target_type() first: Boost 1.74's target<T>() returns the target whatever its type.
  if (executor.target_type() == typeid(io_executor)) {
    const io_executor& io = *executor.target<io_executor>();
    if (runs_on_one_thread(io.context())) return executor;
    return boost::asio::make_strand(io);
  }
#endif
  return boost::asio::make_strand(executor);
}

}  // namespace ari::detail
