// ari-events client: what the client and the outbound sessions share for events: handlers per
// type, one-shot waits for the next matching event, and marks that keep the events received
// since a point in time for a wait that starts later.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/system/error_code.hpp>

#include "ari/client/detail/completion.hpp"
#include "ari/client/error.hpp"
#include "ari/events.hpp"
#include "ari/routing.hpp"

namespace ari {

namespace detail {

template <class = void>
class basic_event_hub;

// The events kept for the marks that are held. Shared by the marks (which may be taken and
// dropped on any thread) and the connection that appends (on its strand): hence the mutex.
struct event_history {
  std::mutex mutex;
  std::atomic<std::uint64_t> next{1};  // sequence number of the next event
  std::atomic<std::size_t> marks_held{0};
  std::multiset<std::uint64_t> held;  // the first sequence number each live mark covers
  std::deque<std::pair<std::uint64_t, std::shared_ptr<const Event>>> events;
  std::uint64_t dropped_before = 0;  // events below this were dropped for the size limit
  std::uint64_t broken_before = 0;   // events below this may be missing: the socket dropped
  std::size_t limit = 10'000;

  // Numbers the event, and keeps it when a mark needs it: then the event is moved into the
  // result, else left where it is and nullptr returned.
  std::shared_ptr<const Event> append(Event& event) {
    // Without a mark (the usual case) only the count moves: no lock per event. A mark taken
    // meanwhile on another thread starts after this event, as it would a moment later.
    if (marks_held.load(std::memory_order_acquire) == 0) {
      next.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(mutex);
    const std::uint64_t sequence = next++;
    if (held.empty()) return nullptr;
    auto kept = std::make_shared<const Event>(std::move(event));
    events.emplace_back(sequence, kept);
    trim();
    return kept;
  }
  // Drops what no mark needs any more, then what exceeds the limit.
  void trim() {
    const std::uint64_t oldest = held.empty() ? next.load() : *held.begin();
    while (!events.empty() && events.front().first < oldest)
      events.pop_front();
    while (events.size() > limit) {
      dropped_before = events.front().first + 1;
      events.pop_front();
    }
  }
  void connection_lost() {
    std::lock_guard<std::mutex> lock(mutex);
    broken_before = next.load();
  }
};

}  // namespace detail

/// A position in a connection's event stream (client::mark()). A wait given a mark also sees
/// the events that arrived after the mark was taken and before the wait started, so that
///
///     auto since = client.mark();
///     co_await client.async_send(play_with_id, use_awaitable);
///     co_await client.async_wait<ari::PlaybackFinished>(is_mine, since, use_awaitable);
///
/// cannot miss a PlaybackFinished that arrived before the play's response. Events are kept
/// while a mark that needs them lives (up to client_options::max_retained_events): drop marks
/// when done. Move-only; cheap.
class mark {
 public:
  /// A mark that covers nothing (position 0), for a wait that looks only ahead.
  mark() = default;
  /// Takes over `other`'s position; `other` then covers nothing.
  mark(mark&& other) noexcept : history_(std::move(other.history_)), sequence_(other.sequence_) {}
  /// Releases this mark's position and takes over `other`'s.
  mark& operator=(mark&& other) noexcept {
    if (this != &other) {
      release();
      history_ = std::move(other.history_);
      sequence_ = other.sequence_;
    }
    return *this;
  }
  mark(const mark&) = delete;
  mark& operator=(const mark&) = delete;
  ~mark() { release(); }

  /// The sequence number of the first event the mark covers (events are numbered from 1 per
  /// client or session).
  std::uint64_t position() const noexcept { return sequence_; }

 private:
  template <class>
  friend class detail::basic_event_hub;
  explicit mark(std::shared_ptr<detail::event_history> history) : history_(std::move(history)) {
    std::lock_guard<std::mutex> lock(history_->mutex);
    sequence_ = history_->next.load();
    history_->held.insert(sequence_);
    ++history_->marks_held;
  }
  void release() noexcept {
    if (!history_) return;
    std::lock_guard<std::mutex> lock(history_->mutex);
    history_->held.erase(history_->held.find(sequence_));
    --history_->marks_held;
    history_->trim();
    history_.reset();
  }

  std::shared_ptr<detail::event_history> history_;
  std::uint64_t sequence_ = 0;
};

namespace detail {

// Handlers, waits and marks of one event stream. Everything but mark() runs on the owner's
// strand. (A template only so that it is compiled where it is used.)
template <class>
class basic_event_hub {
 public:
  using finish_wait = unique_function<void(boost::system::error_code, const Event*)>;
  using predicate = unique_function<bool(const Event&)>;

  basic_event_hub() : history_(std::make_shared<event_history>()) {}

  void set_history_limit(std::size_t limit) { history_->limit = limit; }
  dispatcher& handlers() noexcept { return handlers_; }
  ari::mark mark() { return ari::mark(history_); }

  // Completes `finish` with the first event of alternative `index` that `matches`, looking
  // first at the events kept since `since` (0: none), else at the events to come. Returns an
  // id for cancel(), 0 when it completed at once.
  std::uint64_t wait(std::size_t index, predicate matches, std::uint64_t since,
                     finish_wait finish) {
    if (since != 0) {
      std::shared_ptr<const Event> found;
      boost::system::error_code error;
      {
        std::lock_guard<std::mutex> lock(history_->mutex);
        if (since < history_->broken_before) {
          error = client_errc::disconnected;
        } else if (since < history_->dropped_before) {
          error = client_errc::history_lost;
        } else {
          for (const auto& [sequence, event] : history_->events) {
            if (sequence >= since && event->index() == index && matches(*event)) {
              found = event;
              break;
            }
          }
        }
      }
      if (error || found) {
        finish(error, found.get());
        return 0;
      }
    }
    const std::uint64_t id = next_wait_++;
    waits_[id] = pending_wait{index, std::move(matches), std::move(finish)};
    return id;
  }

  // Ends a wait with `error` (its deadline, or its session's end).
  void cancel(std::uint64_t id, boost::system::error_code error) {
    const auto found = waits_.find(id);
    if (found == waits_.end()) return;
    auto finish = std::move(found->second.finish);
    waits_.erase(found);
    finish(error, nullptr);
  }

  // Ends every wait with `error`; after a lost connection, marks taken before cannot see
  // every event any more.
  void fail_all(boost::system::error_code error) {
    if (error == client_errc::disconnected) history_->connection_lost();
    auto waits = std::move(waits_);
    waits_.clear();
    for (auto& [id, wait] : waits)
      wait.finish(error, nullptr);
  }

  // An event arrived: kept for the marks, given to the waits that match (each completes
  // once), then to the handlers.
  void deliver(Event&& event) {
    const std::shared_ptr<const Event> kept = history_->append(event);
    const Event& current = kept ? *kept : event;
    for (auto it = waits_.begin(); it != waits_.end();) {
      if (it->second.index == current.index() && it->second.matches(current)) {
        auto finish = std::move(it->second.finish);
        it = waits_.erase(it);
        finish({}, &current);
      } else {
        ++it;
      }
    }
    handlers_.dispatch(current);
  }

 private:
  struct pending_wait {
    std::size_t index = 0;
    predicate matches;
    finish_wait finish;
  };

  dispatcher handlers_;
  std::shared_ptr<event_history> history_;
  std::map<std::uint64_t, pending_wait> waits_;
  std::uint64_t next_wait_ = 1;
};

using event_hub = basic_event_hub<>;

// The index of E among ari::Event's alternatives.
template <class E, std::size_t I = 0>
constexpr std::size_t event_index() {
  static_assert(I < std::variant_size_v<Event>,
                "async_wait<E>: E must be an ARI event type (an alternative of ari::Event)");
  if constexpr (std::is_same_v<std::variant_alternative_t<I, Event>, E>) {
    return I;
  } else {
    return event_index<E, I + 1>();
  }
}

}  // namespace detail

/// Where a wait starts and how long it may take (client::async_wait).
struct wait_options {
  /// Also consider the events received since this mark (nullptr: only events to come).
  const mark* since = nullptr;
  /// Fail with client_errc::timed_out after this long; zero: no deadline.
  std::chrono::milliseconds timeout{0};
};

}  // namespace ari
