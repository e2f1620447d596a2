// leibniz/ops/asin.hpp — asin: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The arc sine, on [-1, 1].
struct asin_op {
  static constexpr std::string_view name = "asin";
  static constexpr std::string_view latex = "\\arcsin";
  template <class T>
  static T apply(const T& v) {
    using std::asin;
    return asin(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The arc sine, on [-1, 1].
///
///     static_assert(d(asin(x), x) == 1_c / sqrt(1_c - x * x));
template <Expression A>
[[nodiscard]] constexpr auto asin(const A& a) {
  return function<asin_op>{}(a);
}

template <class A>
constexpr auto asin_op::derivative(const A& a) {
  return pow(c<1> - square(a), c<-1, 2>);
}

}  // namespace leibniz

#include "pow.hpp"  // asin's derivative is written with it

LEIBNIZ_HEADER_END
