// ari-events: limits on what one frame may make the parser do.
#pragma once

#include <cstddef>

namespace ari {

/// Bounds for untrusted frames. The defaults are far above anything Asterisk sends and low
/// enough that a hostile frame fails with parse_error instead of exhausting stack or memory.
struct parse_limits {
  /// Deepest nesting of objects and arrays in a frame, the frame's own object being depth 1.
  /// ARI's own structure needs 5; the rest is room for free-form members (userevent,
  /// channelvars, unknown members), which are copied and compared recursively.
  std::size_t max_depth = 64;
  /// Largest text frame accepted, in bytes (the nlohmann DOM takes several times that).
  std::size_t max_frame_size = std::size_t{16} * 1024 * 1024;
};

}  // namespace ari
