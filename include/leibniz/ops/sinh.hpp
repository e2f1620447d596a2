// leibniz/ops/sinh.hpp — sinh: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The hyperbolic sine.
struct sinh_op {
  static constexpr std::string_view name = "sinh";
  static constexpr std::string_view latex = "\\sinh";
  template <class T>
  static T apply(const T& v) {
    using std::sinh;
    return sinh(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The hyperbolic sine.
///
///     static_assert(d(sinh(x), x) == cosh(x));
template <Expression A>
[[nodiscard]] constexpr auto sinh(const A& a) {
  return function<sinh_op>{}(a);
}

template <class A>
constexpr auto sinh_op::derivative(const A& a) {
  return cosh(a);
}

}  // namespace leibniz

#include "cosh.hpp"  // sinh's derivative is written with it

LEIBNIZ_HEADER_END
