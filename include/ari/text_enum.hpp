// ari-events: enumerated ARI strings (channel state, playback state, ...) that stay lossless.
// Asterisk sends values its schema does not list (channel state "Rsrvd", "Mute",
// "Unknown (7)", playback state "paused"), so a value is an enumerator plus, when the text is
// not the enumerator's usual spelling, the original text.
#pragma once

#include <array>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace ari {

namespace detail {
template <class Spec, class Enable>
struct codec;

// Where `text` is among `names`, or `count` when it is not: one function for every TextEnum.
inline std::size_t index_of_text(const std::string_view* names, std::size_t count,
                                 std::string_view text) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    if (names[i] == text) return i;
  }
  return count;
}
}  // namespace detail

/// An enumerated ARI string. `Names` supplies `enum Value` (its last enumerator `Other` stands
/// for any text it does not know) and `names`, the usual spelling of each enumerator but Other,
/// plus `aliases` (other spellings). Its enumerators are reachable through this type:
/// ChannelState::Up.
template <class Names>
class TextEnum : public Names {
 public:
  /// The enumeration (ChannelState::Value and so on).
  using Value = typename Names::Value;

  constexpr TextEnum() noexcept = default;
  /// Implicit, so that `state == ari::ChannelState::Up` reads naturally.
  constexpr TextEnum(Value value) noexcept
      : value_(value) {}  // NOLINT(google-explicit-constructor)

  /// Any text is accepted: unknown text becomes Other and keeps its spelling.
  static TextEnum from_text(std::string_view text) {
    TextEnum result;
    result.assign(text);
    return result;
  }

  /// The enumerator, for a switch.
  constexpr Value value() const noexcept { return value_; }
  /// The text as Asterisk wrote it (empty for a default-constructed Other).
  std::string_view text() const noexcept {
    if (!text_.empty() || value_ == Names::Other) return text_;
    return Names::names[static_cast<std::size_t>(value_)];
  }
  /// Whether the text is the usual spelling of a listed value.
  bool is_known() const noexcept { return text_.empty() && value_ != Names::Other; }

  /// Two values are equal when their text is, so that equal values write equal frames: a
  /// parsed "Rsrved" differs from a parsed "Rsrvd".
  friend bool operator==(const TextEnum& a, const TextEnum& b) noexcept {
    return a.value_ == b.value_ && a.text_ == b.text_;
  }
  /// Not equal.
  friend bool operator!=(const TextEnum& a, const TextEnum& b) noexcept { return !(a == b); }
  /// Against an enumerator the value counts, not the spelling: "Rsrved" == ChannelState::Rsrvd,
  /// as value() is; any unlisted text == Other.
  friend bool operator==(const TextEnum& a, Value b) noexcept { return a.value_ == b; }
  /// Same, reversed.
  friend bool operator==(Value a, const TextEnum& b) noexcept { return b == a; }
  /// Not equal.
  friend bool operator!=(const TextEnum& a, Value b) noexcept { return !(a == b); }
  /// Not equal.
  friend bool operator!=(Value a, const TextEnum& b) noexcept { return !(b == a); }
  /// Prints the text.
  template <class Stream, std::enable_if_t<std::is_base_of_v<std::ostream, Stream>, int> = 0>
  friend std::ostream& operator<<(Stream& os, const TextEnum& value) {
    const std::string_view text = value.text();
    return os.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

 private:
  static_assert(std::size(Names::names) == Names::Other, "Other follows the named values");
  friend struct detail::codec<TextEnum, void>;  // reads into a member in place

  void assign(std::string_view text) {
    const std::size_t index = detail::index_of_text(Names::names, std::size(Names::names), text);
    value_ = static_cast<Value>(index);
    if (index != Names::Other) {
      text_.clear();
      return;
    }
    for (const auto& alias : Names::aliases) {
      if (alias.text == text) value_ = alias.value;
    }
    text_.assign(text.data(), text.size());
  }

  Value value_{};
  std::string text_;  // set only when the text is not names[value_]
};

/// Alternative spelling of an enumerator (for instance the schema's "Rsrved" for Rsrvd).
template <class Value>
struct TextAlias {
  /// The other spelling.
  std::string_view text;
  /// The enumerator it stands for.
  Value value;
};

struct ChannelStateNames {
  enum Value : unsigned char {
    Down,
    Rsrvd,
    OffHook,
    Dialing,
    Ring,
    Ringing,
    Up,
    Busy,
    DialingOffhook,
    PreRing,
    Mute,
    Unknown,
    Other
  };
  static constexpr std::string_view names[] = {
      "Down", "Rsrvd", "OffHook",         "Dialing",  "Ring", "Ringing",
      "Up",   "Busy",  "Dialing Offhook", "Pre-ring", "Mute", "Unknown"};
  // main/channel.c writes "Rsrvd"; the schema lists "Rsrved". "Unknown (N)" stays Other.
  static constexpr std::array<TextAlias<Value>, 1> aliases{{{"Rsrved", Rsrvd}}};
};
/// Channel.state. Asterisk's spelling is canonical ("Rsrvd"); "Unknown (7)" is Other.
using ChannelState = TextEnum<ChannelStateNames>;

struct PlaybackStateNames {
  enum Value : unsigned char { queued, playing, continuing, paused, done, failed, complete, Other };
  static constexpr std::string_view names[] = {"queued", "playing", "continuing", "paused",
                                               "done",   "failed",  "complete"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// Playback.state; `paused` is sent by Asterisk although the schema omits it, `complete` by 12/13.
using PlaybackState = TextEnum<PlaybackStateNames>;

struct RecordingStateNames {
  enum Value : unsigned char { queued, recording, paused, done, failed, canceled, Other };
  static constexpr std::string_view names[] = {"queued", "recording", "paused",
                                               "done",   "failed",    "canceled"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// LiveRecording.state.
using RecordingState = TextEnum<RecordingStateNames>;

struct EndpointStateNames {
  enum Value : unsigned char { unknown, offline, online, Other };
  static constexpr std::string_view names[] = {"unknown", "offline", "online"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// Endpoint.state.
using EndpointState = TextEnum<EndpointStateNames>;

struct DeviceStateValueNames {
  enum Value : unsigned char {
    UNKNOWN,
    NOT_INUSE,
    INUSE,
    BUSY,
    INVALID,
    UNAVAILABLE,
    RINGING,
    RINGINUSE,
    ONHOLD,
    Other
  };
  static constexpr std::string_view names[] = {"UNKNOWN", "NOT_INUSE", "INUSE",
                                               "BUSY",    "INVALID",   "UNAVAILABLE",
                                               "RINGING", "RINGINUSE", "ONHOLD"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// DeviceState.state (the model DeviceState has the name; this is its value).
using DeviceStateValue = TextEnum<DeviceStateValueNames>;

struct ContactStatusNames {
  enum Value : unsigned char {
    Unreachable,
    Reachable,
    Unknown,
    NonQualified,
    Removed,
    Created,
    Other
  };
  static constexpr std::string_view names[] = {"Unreachable",  "Reachable", "Unknown",
                                               "NonQualified", "Removed",   "Created"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// ContactInfo.contact_status (`Created` in lines 13-15, `NonQualified` from 16).
using ContactStatus = TextEnum<ContactStatusNames>;

struct BridgeTypeNames {
  enum Value : unsigned char { mixing, holding, Other };
  static constexpr std::string_view names[] = {"mixing", "holding"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// Bridge.bridge_type.
using BridgeType = TextEnum<BridgeTypeNames>;

}  // namespace ari
