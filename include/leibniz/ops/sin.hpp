// leibniz/ops/sin.hpp — sin: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The sine.
struct sin_op {
  static constexpr std::string_view name = "sin";
  static constexpr std::string_view latex = "\\sin";
  template <class T>
  static T apply(const T& v) {
    using std::sin;
    return sin(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The sine.
///
///     static_assert(d(sin(x), x) == cos(x));
template <Expression A>
[[nodiscard]] constexpr auto sin(const A& a) {
  return function<sin_op>{}(a);
}

template <class A>
constexpr auto sin_op::derivative(const A& a) {
  return cos(a);
}

}  // namespace leibniz

#include "cos.hpp"  // sin's derivative is written with it

LEIBNIZ_HEADER_END
