// leibniz/ops/expm1.hpp — expm1: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// exp(a) - 1, accurate for tiny a.
struct expm1_op {
  static constexpr std::string_view name = "expm1";
  static constexpr std::string_view latex = "\\operatorname{expm1}";
  template <class T>
  static T apply(const T& v) {
    using std::expm1;
    return expm1(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// exp(a) - 1, accurate for tiny a.
///
///     static_assert(d(expm1(x), x) == exp(x));
template <Expression A>
[[nodiscard]] constexpr auto expm1(const A& a) {
  return function<expm1_op>{}(a);
}

template <class A>
constexpr auto expm1_op::derivative(const A& a) {
  return exp(a);
}

}  // namespace leibniz

#include "exp.hpp"  // expm1's derivative is written with it

LEIBNIZ_HEADER_END
