// leibniz/ops/cos.hpp — cos: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The cosine.
struct cos_op {
  static constexpr std::string_view name = "cos";
  static constexpr std::string_view latex = "\\cos";
  template <class T>
  static T apply(const T& v) {
    using std::cos;
    return cos(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {1, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The cosine.
///
///     static_assert(d(cos(x), x) == -sin(x));
template <Expression A>
[[nodiscard]] constexpr auto cos(const A& a) {
  return function<cos_op>{}(a);
}

template <class A>
constexpr auto cos_op::derivative(const A& a) {
  return -sin(a);
}

}  // namespace leibniz

#include "sin.hpp"  // cos's derivative is written with it

LEIBNIZ_HEADER_END
