// leibniz/detail/children.hpp — the operands of any node, as a pack, for generic walks.
#pragma once

#include "../constant.hpp"
#include "../nodes.hpp"
#include "../variable.hpp"
#include "pack.hpp"

namespace leibniz::detail {

/// The operands of a node in order (empty for leaves).
template <class E>
constexpr auto children(const E& e) {
  if constexpr (E::kind == node_kind::unary || E::kind == node_kind::binary || E::kind == node_kind::power)
    return e.operands;
  else if constexpr (E::kind == node_kind::sum)
    return e.terms;
  else if constexpr (E::kind == node_kind::product)
    return e.factors;
  else
    return pack<>{};
}

template <class E>
using children_t = decltype(children(std::declval<const E&>()));

}  // namespace leibniz::detail
