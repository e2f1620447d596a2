// leibniz/ops/acos.hpp — acos: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The arc cosine, on [-1, 1].
struct acos_op {
  static constexpr std::string_view name = "acos";
  static constexpr std::string_view latex = "\\arccos";
  template <class T>
  static T apply(const T& v) {
    using std::acos;
    return acos(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_one(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The arc cosine, on [-1, 1].
///
///     static_assert(d(acos(x), x) == -1_c / sqrt(1_c - x * x));
template <Expression A>
[[nodiscard]] constexpr auto acos(const A& a) {
  return function<acos_op>{}(a);
}

template <class A>
constexpr auto acos_op::derivative(const A& a) {
  return -pow(c<1> - square(a), c<-1, 2>);
}

}  // namespace leibniz

#include "pow.hpp"  // acos's derivative is written with it

LEIBNIZ_HEADER_END
