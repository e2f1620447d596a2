// leibniz/ops/atan.hpp — atan: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The arc tangent.
struct atan_op {
  static constexpr std::string_view name = "atan";
  static constexpr std::string_view latex = "\\arctan";
  template <class T>
  static T apply(const T& v) {
    using std::atan;
    return atan(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The arc tangent.
///
///     static_assert(d(atan(x), x) == 1_c / (1_c + x * x));
template <Expression A>
[[nodiscard]] constexpr auto atan(const A& a) {
  return function<atan_op>{}(a);
}

template <class A>
constexpr auto atan_op::derivative(const A& a) {
  return c<1> / (c<1> + square(a));
}

}  // namespace leibniz

#include "pow.hpp"  // atan's derivative is written with it

LEIBNIZ_HEADER_END
