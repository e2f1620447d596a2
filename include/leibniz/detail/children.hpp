// leibniz/detail/children.hpp — the operands of any node, as a pack, for generic walks.
#pragma once

#include <utility>

#include "pack.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// The operands of a node in order (empty for leaves, which have none).
template <class E>
constexpr auto children(const E& e) {
  if constexpr (requires { e.operands; })
    return e.operands;
  else
    return pack<>{};
}

template <class E>
using children_t = decltype(children(std::declval<const E&>()));

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
