// leibniz/ops/min.hpp — min(a, b): value, exact values, partial derivatives, printed name.
#pragma once

#include <string_view>
#include <type_traits>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// min(a, b): the smaller of a and b; on ties the gradient goes to a. ∂/∂a is c<1> - step(a - b), ∂/∂b is step(a - b).
struct min_op {
  static constexpr std::string_view name = "min";
  static constexpr std::string_view latex = "\\min";
  template <class T>
  static T apply(const T& a, const T& b) {
    return detail::choose(a <= b, a, b);
  }
  static constexpr detail::rational fold(detail::rational a, detail::rational b) { return a < b ? a : b; }
  /// min(a, a) = a.
  template <class A, class B>
  static constexpr auto rewrite(const A& a, const B&) {
    if constexpr (std::is_same_v<A, B> && A::is_static)
      return a;
    else
      return no_rewrite{};
  }
  template <class A, class B>
  static constexpr auto derivative_lhs(const A& a, const B& b);
  template <class A, class B>
  static constexpr auto derivative_rhs(const A& a, const B& b);
};

/// min(a, b), the smaller of a and b; on ties the gradient goes to a (so `d(min(x, y), x)` is 1 at x == y). Either
/// argument may
/// be a number: `min(x, 0.5)`.
///
///     const double v = min(x, y)(x = 1.0, y = 2.0);   // 1
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto min(const A& a, const B& b) {
  return function<min_op>{}(a, b);
}

template <class A, class B>
constexpr auto min_op::derivative_lhs(const A& a, const B& b) {
  return c<1> - step(a - b);
}
template <class A, class B>
constexpr auto min_op::derivative_rhs(const A& a, const B& b) {
  return step(a - b);
}

}  // namespace leibniz

#include "step.hpp"

LEIBNIZ_HEADER_END
