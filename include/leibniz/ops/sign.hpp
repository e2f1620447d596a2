// leibniz/ops/sign.hpp — sign: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The sign of a: -1, 0 or 1 (NaN stays NaN). Appears as the derivative of abs; its own derivative is 0.
struct sign_op {
  static constexpr std::string_view name = "sign";
  static constexpr std::string_view latex = "\\operatorname{sign}";
  template <class T>
  static T apply(const T& v) {
    const T zero = detail::splat<T>(0);
    return detail::choose(v > zero, detail::splat<T>(1), detail::choose(v < zero, detail::splat<T>(-1), v));
  }
  static constexpr detail::folded fold(detail::rational r) { return {true, {r.num > 0 ? 1 : (r.num < 0 ? -1 : 0), 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The sign of a: -1, 0 or 1 (NaN stays NaN). Appears as the derivative of abs; its own derivative is 0.
///
///     static_assert(d(sign(x), x) == 0_c);
template <Expression A>
[[nodiscard]] constexpr auto sign(const A& a) {
  return function<sign_op>{}(a);
}

template <class A>
constexpr auto sign_op::derivative(const A&) {
  return c<0>;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
