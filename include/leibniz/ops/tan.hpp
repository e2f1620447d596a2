// leibniz/ops/tan.hpp — tan: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The tangent; its derivative is written 1 + tan(a)^2, which reuses tan(a).
struct tan_op {
  static constexpr std::string_view name = "tan";
  static constexpr std::string_view latex = "\\tan";
  template <class T>
  static T apply(const T& v) {
    using std::tan;
    return tan(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The tangent; its derivative is written 1 + tan(a)^2, which reuses tan(a).
///
///     static_assert(d(tan(x), x) == 1_c + square(tan(x)));
template <Expression A>
[[nodiscard]] constexpr auto tan(const A& a) {
  return function<tan_op>{}(a);
}

template <class A>
constexpr auto tan_op::derivative(const A& a) {
  return c<1> + square(tan(a));
}

}  // namespace leibniz

#include "pow.hpp"  // tan's derivative is written with it

LEIBNIZ_HEADER_END
