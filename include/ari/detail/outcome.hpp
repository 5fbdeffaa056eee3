// ari-events: a value or the error that says why there is none; what parse_result and
// response_result have in common.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace ari::detail {

template <class Value, class... Errors>
class outcome {
 public:
  /// A success.
  explicit outcome(Value value) : state_(std::in_place_index<0>, std::move(value)) {}
  /// A failure.
  template <class Error, std::enable_if_t<(std::is_same_v<Error, Errors> || ...), int> = 0>
  explicit outcome(Error error) : state_(std::in_place_type<Error>, std::move(error)) {}

  /// Whether there is a value.
  bool has_value() const noexcept { return state_.index() == 0; }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; throws the error when there is none.
  Value& value() & { return checked(); }
  /// The value; throws the error when there is none.
  const Value& value() const& { return const_cast<outcome*>(this)->checked(); }
  /// The value, moved out; throws the error when there is none.
  Value&& value() && { return std::move(checked()); }
  /// The value; only valid when has_value().
  Value& operator*() & noexcept { return *std::get_if<0>(&state_); }
  /// The value; only valid when has_value().
  const Value& operator*() const& noexcept { return *std::get_if<0>(&state_); }
  /// The value; only valid when has_value().
  Value* operator->() noexcept { return std::get_if<0>(&state_); }
  /// The value; only valid when has_value().
  const Value* operator->() const noexcept { return std::get_if<0>(&state_); }

 protected:
  template <class Error>
  const Error* failure() const noexcept {
    return std::get_if<Error>(&state_);
  }

 private:
  Value& checked() {
    const auto throw_if = [](const auto* error) {
      if (error != nullptr) throw *error;
    };
    (throw_if(failure<Errors>()), ...);
    return *std::get_if<0>(&state_);
  }

  std::variant<Value, Errors...> state_;
};

}  // namespace ari::detail
