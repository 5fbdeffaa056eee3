// ari-events: Catch2 (v2 or v3) printing of every model and event as JSON, and a matcher that
// names the members that differ:
//
//     REQUIRE(event == expected);                           // both sides printed as JSON
//     REQUIRE_THAT(event, ari::testing::Equals(expected));  // ... and the differing members
#pragma once

#if __has_include(<catch2/catch_tostring.hpp>)
#define ARI_DETAIL_CATCH2_V3 1
#include <catch2/catch_tostring.hpp>
#include <catch2/matchers/catch_matchers.hpp>
#elif !defined(TWOBLUECUBES_SINGLE_INCLUDE_CATCH_HPP_INCLUDED)
// Catch2 v2 is one header with an include guard: included first from here, a later
// CATCH_CONFIG_MAIN + <catch2/catch.hpp> would find it done and no main() would be defined.
#error \
    "With Catch2 v2, include <catch2/catch.hpp> (after #define CATCH_CONFIG_MAIN where you want main) before <ari/testing/catch2.hpp>"
#endif

#include <string>
#include <type_traits>

#include "ari/testing.hpp"

namespace ari::testing::detail {

#ifdef ARI_DETAIL_CATCH2_V3
template <class T>
using matcher_base = Catch::Matchers::MatcherBase<T>;
#else
template <class T>
using matcher_base = Catch::MatcherBase<T>;
#endif

template <class T>
inline constexpr bool printable_as_json =
    ari::detail::is_described<T>::value || std::is_same_v<T, Event> ||
    std::is_same_v<T, UnknownEvent>;

template <class T>
std::string pretty(const T& value) {
  return nlohmann::json(value).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ari::testing::detail

namespace Catch {

/// Every ARI model and event, ari::Event and UnknownEvent print as indented JSON.
template <class T>
struct StringMaker<T, std::enable_if_t<ari::testing::detail::printable_as_json<T>>> {
  /// The JSON, indented.
  static std::string convert(const T& value) { return "\n" + ari::testing::detail::pretty(value); }
};

}  // namespace Catch

namespace ari::testing {

/// Matches a value equal to `expected`; on a mismatch it lists the members that differ.
template <class T>
class EqualsMatcher : public detail::matcher_base<T> {
 public:
  /// Matches values equal to `expected`.
  explicit EqualsMatcher(T expected) : expected_(std::move(expected)) {}

  /// Whether `actual` equals the expected value; remembers the difference for describe().
  bool match(const T& actual) const override {
    if (actual == expected_) return true;
    difference_ = ari::testing::difference(actual, expected_);
    return false;
  }

  /// After a mismatch, the members that differ first (what a reader needs), then the
  /// expected JSON.
  std::string describe() const override {
    std::string text;
    if (!difference_.empty())
      text = "differs in these members (actual -> expected):\n" + difference_;
    return text + "equals " + detail::pretty(expected_);
  }

 private:
  T expected_;
  mutable std::string difference_;
};

/// REQUIRE_THAT(event, ari::testing::Equals(expected))
template <class T>
EqualsMatcher<T> Equals(const T& expected) {
  return EqualsMatcher<T>(expected);
}

}  // namespace ari::testing
