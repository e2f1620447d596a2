// leibniz/ops/pow.hpp — powers: pow, sqrt, square.
//
// They build `power<B, E>` nodes, whose rule (value, partial derivatives) sits with the
// node in nodes.hpp; the partial by a variable exponent is written with log.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../operators.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// `base ^ exponent`. An exact exponent stays exact: `pow(x, 3_c)` differentiates to
/// `3 * x^2`; a number is held as a runtime constant: `pow(x, 2.5)`. An integer stays an
/// integer: `pow(x, 2)` prints `x^2`, differentiates to `2 * x` and is evaluated by
/// multiplication, like `pow(x, 2_c)`.
///
///     static_assert(d(pow(x, 3_c), x) == 3_c * x * x);
template <class B, class E>
requires detail::ExpressionOperands<B, E>
[[nodiscard]] constexpr auto pow(const B& base, const E& exponent) {
  if constexpr (std::is_integral_v<E>)
    return detail::make_power(detail::as_expression(base), runtime_constant<E>(exponent));
  else
    return detail::make_power(detail::as_expression(base), detail::as_expression(exponent));
}

/// The square root, stored as `pow(a, 1/2)` so that `sqrt(x) * sqrt(x)` is `x`.
///
///     static_assert(d(sqrt(x), x) == 1_c / (2_c * sqrt(x)));
template <Expression A>
[[nodiscard]] constexpr auto sqrt(const A& a) {
  return detail::make_power(a, c<1, 2>);
}

/// `a * a`, stored as `pow(a, 2)`.
///
///     static_assert(square(x) == x * x);
template <Expression A>
[[nodiscard]] constexpr auto square(const A& a) {
  return detail::make_power(a, c<2>);
}

}  // namespace leibniz

#include "log.hpp"  // the partial derivative by a variable exponent

LEIBNIZ_HEADER_END
