// ari-events compiled mode, for projects where compile time matters: define
// ARI_EVENTS_SEPARATE_COMPILATION for every translation unit (for instance with
// target_compile_definitions) and include this header in exactly one .cpp file. The decoder is
// then compiled there only; elsewhere <ari/ari.hpp> costs about what <nlohmann/json.hpp> does.
// Without the definition, the library stays header-only and this header is not needed.
#pragma once

#ifndef ARI_EVENTS_SEPARATE_COMPILATION
#error "ari/implementation.hpp is for ARI_EVENTS_SEPARATE_COMPILATION builds"
#endif

#include "ari/parse.hpp"

namespace ari {
/// \cond ARI_INTERNAL
template Event parse_event<0>(const nlohmann::json&, const parse_limits&);
template parse_result try_parse_event<0>(std::string_view, const parse_limits&) noexcept;
namespace detail {
template Event decode_text<0>(std::string_view, const parse_limits&);
}  // namespace detail
/// \endcond
}  // namespace ari
