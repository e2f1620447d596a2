// leibniz/ops/step.hpp — step: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The Heaviside step: 1 for a > 0, else 0 (so step(0) = 0; NaN stays NaN). Appears as the derivative of relu, max and
/// min; its own derivative is 0.
struct step_op {
  static constexpr std::string_view name = "step";
  static constexpr std::string_view latex = "\\operatorname{step}";
  template <class T>
  static T apply(const T& v) {
    const T zero = detail::splat<T>(0);
    return detail::choose(v > zero, detail::splat<T>(1), detail::choose(v <= zero, zero, v));  // NaN stays NaN
  }
  static constexpr detail::folded fold(detail::rational r) { return {true, {r.num > 0 ? 1 : 0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The Heaviside step: 1 for a > 0, else 0 (so step(0) = 0; NaN stays NaN). Appears as the derivative of relu, max and
/// min; its own derivative is 0.
///
///     static_assert(d(step(x), x) == 0_c);
template <Expression A>
[[nodiscard]] constexpr auto step(const A& a) {
  return function<step_op>{}(a);
}

template <class A>
constexpr auto step_op::derivative(const A&) {
  return c<0>;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
