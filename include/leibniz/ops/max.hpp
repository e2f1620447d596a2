// leibniz/ops/max.hpp — max(a, b): value, exact values, partial derivatives, printed name.
#pragma once

#include <string_view>
#include <type_traits>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// max(a, b): the larger of a and b; on ties the gradient goes to a. ∂/∂a is c<1> - step(b - a), ∂/∂b is step(b - a).
struct max_op {
  static constexpr std::string_view name = "max";
  static constexpr std::string_view latex = "\\max";
  template <class T>
  static T apply(const T& a, const T& b) {
    return detail::choose(a >= b, a, b);
  }
  static constexpr detail::rational fold(detail::rational a, detail::rational b) { return b < a ? a : b; }
  /// max(a, a) = a.
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

/// max(a, b), the larger of a and b; on ties the gradient goes to a (so `d(max(x, y), x)` is 1 at x == y). Either
/// argument may
/// be a number: `max(x, 0.5)`.
///
///     const double v = max(x, y)(x = 1.0, y = 2.0);   // 2
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto max(const A& a, const B& b) {
  return function<max_op>{}(a, b);
}

template <class A, class B>
constexpr auto max_op::derivative_lhs(const A& a, const B& b) {
  return c<1> - step(b - a);
}
template <class A, class B>
constexpr auto max_op::derivative_rhs(const A& a, const B& b) {
  return step(b - a);
}

}  // namespace leibniz

#include "step.hpp"

LEIBNIZ_HEADER_END
