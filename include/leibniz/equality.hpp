// leibniz/equality.hpp — structural equality of expressions, usable in static_assert.
#pragma once

#include <type_traits>

#include "constant.hpp"
#include "detail/children.hpp"
#include "expression.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
template <class E>
constexpr bool same_values(const E& a, const E& b) {
  if constexpr (E::is_static)
    return true;
  else if constexpr (is_runtime<E>::value)
    return a.value == b.value;
  else
    return unpack(children(a), [&](const auto&... ca) {
      return unpack(children(b), [&](const auto&... cb) { return (same_values(ca, cb) && ...); });
    });
}
}  // namespace detail

/// Structural equality: the same canonical form (so `x * y == y * x` and
/// `x + x == 2_c * x`), and the same runtime constants. Not a proof of mathematical
/// equality: `sin(x)^2 + cos(x)^2 == 1_c` is false, the rules do not know it.
///
///     static_assert(d(x * x, x) == 2_c * x);
template <Expression A, Expression B>
constexpr bool operator==(const A& a, const B& b) {
  if constexpr (!std::is_same_v<A, B>)
    return false;
  else
    return detail::same_values(a, b);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
