// leibniz/ops/cosh.hpp — cosh: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The hyperbolic cosine.
struct cosh_op {
  static constexpr std::string_view name = "cosh";
  static constexpr std::string_view latex = "\\cosh";
  template <class T>
  static T apply(const T& v) {
    using std::cosh;
    return cosh(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {1, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The hyperbolic cosine.
///
///     static_assert(d(cosh(x), x) == sinh(x));
template <Expression A>
[[nodiscard]] constexpr auto cosh(const A& a) {
  return function<cosh_op>{}(a);
}

template <class A>
constexpr auto cosh_op::derivative(const A& a) {
  return sinh(a);
}

}  // namespace leibniz

#include "sinh.hpp"  // cosh's derivative is written with it

LEIBNIZ_HEADER_END
