// ari-events: the one description of each type's fields, from which members, parsing,
// serialising, equality and printing are all derived.
//
// A type is described by a list macro that applies F to (spec, name) once per field:
//
//   #define ARI_FIELDS_CallerID(F) F(std::string, name) F(std::string, number)
//   ARI_MODEL(CallerID, ARI_FIELDS_CallerID);
//
// The order of the description is the order in which ari::to_frame writes the members, which is
// Asterisk's (ARI_EVENT_ORDERED, for an event whose "type" or common members Asterisk writes
// elsewhere); reading accepts them in any order.
//
// The spec is the C++ member type, except for two markers that only the codec reads:
//   std::optional<S>  the member may be absent (a JSON null there reads as absent);
//   ari::nullable<S>  the member may be JSON null, kept as an empty std::optional and
//                     written back as null (DialplanCEP's priority and strings).
#pragma once

#include <cstddef>  // offsetof
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "ari/detail/table.hpp"

namespace ari {

/// Spec marker: a member that Asterisk may write as JSON null. Declared as std::optional<T>.
template <class T>
struct nullable {};

namespace detail {

template <class Spec>
struct member_of {
  using type = Spec;
};
template <class Spec>
struct member_of<nullable<Spec>> {
  using type = std::optional<typename member_of<Spec>::type>;
};
template <class Spec>
struct member_of<std::optional<Spec>> {
  using type = std::optional<typename member_of<Spec>::type>;
};
template <class Spec>
using member_of_t = typename member_of<Spec>::type;

/// One described field: its JSON key and the member that holds it.
template <class Spec, class Owner>
struct field {
  using spec = Spec;
  std::string_view name;
  member_of_t<Spec> Owner::*member;
  std::string_view separated_key;  // ,"name": as the writer puts it after another member
};

// Bytes of padding after each described key's text (ARI_DETAIL_KEY_PADDING).
inline constexpr std::size_t key_padding = 32;

struct ignore_field {
  template <class Field>
  constexpr void operator()(const Field&) const noexcept {}
};

// Whatever has a description is an object model.
template <class T, class = void>
struct is_described : std::false_type {};
template <class T>
struct is_described<
    T, std::void_t<decltype(ari_describe(static_cast<const T*>(nullptr), ignore_field{}))>>
    : std::true_type {};

// A member's initial value, T{}. Through a function so that a model held by many types (a
// Channel in most events) is initialised by one function that GCC may share, not by its
// members' initialisation repeated in every type's constructor: in a unit that decodes, that
// repetition was 7% of the compiler's instructions. (Keeping the function out of line for
// models took more, not less.)
template <class T>
constexpr T initial() {
  return T{};
}

// The functions derived from a description are templates, so that a translation unit pays for
// the ones it uses only: a non-template inline friend is compiled wherever its type is seen.
template <class A, class B>
using if_same = std::enable_if_t<std::is_same_v<A, B>, int>;
template <class Stream>
using if_ostream = std::enable_if_t<std::is_base_of_v<std::ostream, Stream>, int>;

// Events: the types with a `static constexpr std::string_view type`.
template <class T>
using is_event = std::is_same<decltype(T::type), const std::string_view>;
template <class T, class = void>
struct is_event_type : std::false_type {};
template <class T>
struct is_event_type<T, std::void_t<decltype(T::type)>> : is_event<T> {};

// The decoder's entry for a field of spec Spec in Owner (json_codec.hpp).
template <class Spec, class Owner>
constexpr field_entry field_entry_for(std::string_view name, std::size_t offset);

// Defined in json_codec.hpp; declared here so that the hidden friends below can name them.
template <class T>
void write_object(nlohmann::json& out, const T& value);
template <class T>
void read_document(const nlohmann::json& in, T& value);
template <class T>
bool equal(const T& a, const T& b);
template <class T>
std::ostream& print(std::ostream& os, const T& value);

}  // namespace detail
}  // namespace ari

#define ARI_DETAIL_DECLARE_MEMBER(spec, name)                            \
  /** The JSON member `name`. */ ::ari::detail::member_of_t<spec> name = \
      ::ari::detail::initial<::ari::detail::member_of_t<spec>>();
#define ARI_DETAIL_VISIT_MEMBER(spec, name) \
  ari_visit(                                \
      ::ari::detail::field<spec, ari_self>{#name, &ari_self::name, ARI_DETAIL_PADDED_KEY(name)});
// `,"name":` followed by key_padding zero bytes that the writer may read (one fixed-size copy
// per key, text_writer::append_padded_key); the view's size is the key's.
#define ARI_DETAIL_KEY_PADDING "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define ARI_DETAIL_PADDED_KEY(name) \
  ::std::string_view(",\"" #name "\":" ARI_DETAIL_KEY_PADDING, sizeof(",\"" #name "\":") - 1)
#define ARI_DETAIL_TABLE_ENTRY(spec, name) \
  ::ari::detail::field_entry_for<spec, ari_Self>(#name, offsetof(ari_Self, name)),
#define ARI_DETAIL_NO_FIELDS(F)

// The decoder reaches members by offset. A type holding a std::map (Channel.channelvars) is not
// standard-layout, where offsetof is conditionally-supported: GCC and Clang support it (for
// classes without virtual bases, as these are) and warn; the warning is off around its uses.
#if defined(__GNUC__)
#define ARI_DETAIL_OFFSETOF_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"")
#define ARI_DETAIL_OFFSETOF_END _Pragma("GCC diagnostic pop")
#else
#define ARI_DETAIL_OFFSETOF_BEGIN
#define ARI_DETAIL_OFFSETOF_END
#endif

// Members, then the functions derived from the description (found by ADL, as nlohmann/json
// expects). The four field lists are described in order, so that the description is Asterisk's
// member order: LEADING (an event's members before "type"), HEAD, the type's own LIST, TAIL.
// Parameter names carry an ari_ prefix so that they never shadow a member (BuildInfo.os).
#define ARI_DETAIL_BODY(Type, LEADING, HEAD, LIST, TAIL)                                          \
  LEADING(ARI_DETAIL_DECLARE_MEMBER)                                                              \
  HEAD(ARI_DETAIL_DECLARE_MEMBER)                                                                 \
  LIST(ARI_DETAIL_DECLARE_MEMBER)                                                                 \
  TAIL(ARI_DETAIL_DECLARE_MEMBER)                                                                 \
  /** Members this version does not model, written back as they came (null when none). */         \
  ::nlohmann::json extra{};                                                                       \
  template <class Visit>                                                                          \
  friend constexpr void ari_describe(const Type*, Visit&& ari_visit) {                            \
    using ari_self [[maybe_unused]] = Type;                                                       \
    LEADING(ARI_DETAIL_VISIT_MEMBER)                                                              \
    HEAD(ARI_DETAIL_VISIT_MEMBER)                                                                 \
    LIST(ARI_DETAIL_VISIT_MEMBER)                                                                 \
    TAIL(ARI_DETAIL_VISIT_MEMBER)                                                                 \
    (void)ari_visit;                                                                              \
  }                                                                                               \
  /* The decoder's table (table.hpp): one constant array made from the field list, the */         \
  /* end marked by an empty entry. A template, so that only units that decode make it. */         \
  template <class ari_Self = Type>                                                                \
  friend const ::ari::detail::object_table& ari_object_table(const Type*) {                       \
    ARI_DETAIL_OFFSETOF_BEGIN                                                                     \
    static constexpr ::ari::detail::field_entry ari_fields[] = {                                  \
        LEADING(ARI_DETAIL_TABLE_ENTRY) HEAD(ARI_DETAIL_TABLE_ENTRY) LIST(ARI_DETAIL_TABLE_ENTRY) \
            TAIL(ARI_DETAIL_TABLE_ENTRY){}};                                                      \
    constexpr std::size_t ari_count = sizeof ari_fields / sizeof ari_fields[0] - 1;               \
    static_assert(ari_count <= ::ari::detail::max_fields, "at most 48 fields");                   \
    static constexpr ::ari::detail::object_table ari_table =                                      \
        ::ari::detail::make_object_table(ari_fields, ari_count, offsetof(ari_Self, extra),        \
                                         ::ari::detail::is_event_type<ari_Self>::value);          \
    ARI_DETAIL_OFFSETOF_END                                                                       \
    return ari_table;                                                                             \
  }                                                                                               \
  /** Equal when every member, unknown ones included, is. */                                      \
  template <class ari_Self, ::ari::detail::if_same<ari_Self, Type> = 0>                           \
  friend bool operator==(const ari_Self& ari_lhs, const ari_Self& ari_rhs) {                      \
    return ::ari::detail::equal(ari_lhs, ari_rhs);                                                \
  }                                                                                               \
  /** Not equal. */                                                                               \
  template <class ari_Self, ::ari::detail::if_same<ari_Self, Type> = 0>                           \
  friend bool operator!=(const ari_Self& ari_lhs, const ari_Self& ari_rhs) {                      \
    return !::ari::detail::equal(ari_lhs, ari_rhs);                                               \
  }                                                                                               \
  /** Serialises to ARI JSON (nlohmann/json ADL hook). */                                         \
  template <class ari_Json, ::ari::detail::if_same<ari_Json, ::nlohmann::json> = 0>               \
  friend void to_json(ari_Json& ari_json, const Type& ari_value) {                                \
    ::ari::detail::write_object(ari_json, ari_value);                                             \
  }                                                                                               \
  /** Parses ARI JSON; throws ari::parse_error (nlohmann/json ADL hook). */                       \
  template <class ari_Json, ::ari::detail::if_same<ari_Json, ::nlohmann::json> = 0>               \
  friend void from_json(const ari_Json& ari_json, Type& ari_value) {                              \
    ::ari::detail::read_document(ari_json, ari_value);                                            \
  }                                                                                               \
  /** Prints the JSON form. */                                                                    \
  template <class ari_Stream, ::ari::detail::if_ostream<ari_Stream> = 0>                          \
  friend std::ostream& operator<<(ari_Stream& ari_stream, const Type& ari_value) {                \
    return ::ari::detail::print(ari_stream, ari_value);                                           \
  }

/// Defines `struct Type` from its field list: an ARI model (CallerID, Channel, ...).
#define ARI_MODEL(Type, LIST)                                                                     \
  struct Type {                                                                                   \
    ARI_DETAIL_BODY(Type, ARI_DETAIL_NO_FIELDS, ARI_DETAIL_NO_FIELDS, LIST, ARI_DETAIL_NO_FIELDS) \
  }

/// Field list of the member every Event carries: `timestamp`, for ARI_EVENT_ORDERED's HEAD or
/// TAIL.
#define ARI_EVENT_TIMESTAMP(F) F(std::optional<::ari::Timestamp>, timestamp)
/// Field list of the member every Event carries: `asterisk_id` (optional in the schema).
#define ARI_EVENT_ASTERISK_ID(F) F(std::optional<std::string>, asterisk_id)
/// Field list of the member every Event carries: `application`.
#define ARI_EVENT_APPLICATION(F) F(std::string, application)

// Where most events have them: Asterisk writes "type" and "timestamp" before the event's own
// members and adds asterisk_id and application when it sends the event.
#define ARI_DETAIL_EVENT_HEAD(F) ARI_EVENT_TIMESTAMP(F)
#define ARI_DETAIL_EVENT_TAIL(F) ARI_EVENT_ASTERISK_ID(F) ARI_EVENT_APPLICATION(F)
// A Message that is not an Event has neither in the schema, but res/ari/ari_websockets.c adds
// both to every message it sends.
#define ARI_DETAIL_MESSAGE_TAIL(F) \
  F(std::optional<std::string>, asterisk_id) F(std::optional<std::string>, application)

// +1 per field: the length of a field list as a constant expression.
#define ARI_DETAIL_COUNT_FIELD(spec, name) +1

// What an event and a message share: `type`, how many members come before it in the frame
// (found by the writer with ADL; a function, so that no struct member's name is taken from
// the JSON members), the members and the derived functions.
#define ARI_DETAIL_MESSAGE_BODY(Type, LEADING, HEAD, LIST, TAIL)               \
  /** The text of the "type" member. */                                        \
  static constexpr std::string_view type = #Type;                              \
  /** How many members, the first described, Asterisk writes before "type". */ \
  friend constexpr std::size_t ari_members_before_type(const Type*) noexcept { \
    return 0 LEADING(ARI_DETAIL_COUNT_FIELD);                                  \
  }                                                                            \
  ARI_DETAIL_BODY(Type, LEADING, HEAD, LIST, TAIL)

/// Defines an ARI event (an Event subtype) whose members Asterisk writes in an order of its own:
/// the LEADING fields, then "type", then HEAD, LIST and TAIL. The common members (the field
/// lists ARI_EVENT_TIMESTAMP, ARI_EVENT_ASTERISK_ID, ARI_EVENT_APPLICATION) are placed in HEAD
/// and TAIL where this event has them; each must be there once. The order is the one
/// `ari::to_frame` writes, so that a frame is byte for byte Asterisk's; reading accepts any.
#define ARI_EVENT_ORDERED(Type, LEADING, HEAD, LIST, TAIL)                                 \
  struct Type {                                                                            \
    ARI_DETAIL_MESSAGE_BODY(Type, LEADING, HEAD, LIST, TAIL)                               \
    static_assert(std::is_same_v<decltype(timestamp), std::optional<::ari::Timestamp>> &&  \
                      std::is_same_v<decltype(asterisk_id), std::optional<std::string>> && \
                      std::is_same_v<decltype(application), std::string>,                  \
                  "an event describes timestamp, asterisk_id and application, each once"); \
  }

/// Defines an ARI event (an Event subtype) from its own fields, written as most events are:
/// "type", timestamp, its own members, asterisk_id, application. `Type::type` is the text of
/// its "type" member.
#define ARI_EVENT(Type, LIST) \
  ARI_EVENT_ORDERED(Type, ARI_DETAIL_NO_FIELDS, ARI_DETAIL_EVENT_HEAD, LIST, ARI_DETAIL_EVENT_TAIL)

/// Defines an ARI message that is not an Event (MissingParams): application is optional.
#define ARI_MESSAGE(Type, LIST)                                                      \
  struct Type {                                                                      \
    ARI_DETAIL_MESSAGE_BODY(Type, ARI_DETAIL_NO_FIELDS, ARI_DETAIL_EVENT_HEAD, LIST, \
                            ARI_DETAIL_MESSAGE_TAIL)                                 \
  }
