// ari-events: the one exception type the library throws for bad input.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace ari {

/// Thrown when a frame (or a JSON value handed to from_json) is not a valid ARI message.
/// pointer() is the RFC 6901 JSON Pointer of the offending member ("" for the whole document),
/// expected() says what the library wanted there and found() what it got.
class parse_error : public std::runtime_error {
 public:
  /// An error at `pointer` (RFC 6901) where `expected` was wanted and `found` was there.
  parse_error(std::string pointer, std::string expected, std::string found)
      : std::runtime_error(compose(pointer, expected, found)),
        pointer_(std::move(pointer)),
        expected_(std::move(expected)),
        found_(std::move(found)) {}

  /// JSON Pointer of the offending member ("" for the whole document).
  const std::string& pointer() const noexcept { return pointer_; }
  /// What the library wanted there ("string", "object", "timestamp ...").
  const std::string& expected() const noexcept { return expected_; }
  /// What it found ("number 42", "no member", ...).
  const std::string& found() const noexcept { return found_; }

 private:
  static std::string compose(const std::string& pointer, const std::string& expected,
                             const std::string& found) {
    std::string text = "ari: at ";
    text += pointer.empty() ? std::string("(document)") : pointer;
    text += ": expected ";
    text += expected;
    text += ", found ";
    text += found;
    return text;
  }

  std::string pointer_;
  std::string expected_;
  std::string found_;
};

}  // namespace ari
