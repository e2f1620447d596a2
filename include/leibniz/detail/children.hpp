// leibniz/detail/children.hpp — the operands of any node, as a pack, for generic walks.
#pragma once

#include <type_traits>
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

// The operands' types, by a class template rather than decltype(children(e)): a function
// template instantiated per node type is handed to GCC's back end and named there (the
// name spells the whole node), even when only its type is asked for.
template <class E>
struct children_type {
  using type = pack<>;
};
template <class E>
requires requires(const E& e) { e.operands; }
struct children_type<E> {
  using type = std::remove_cvref_t<decltype(std::declval<const E&>().operands)>;
};

/// The type of `children(e)`: the pack of E's operand types.
template <class E>
using children_t = typename children_type<E>::type;

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
