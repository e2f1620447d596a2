// leibniz/ops/pow.hpp — powers: pow, sqrt, square; value and derivative of base^exponent.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../operators.hpp"

namespace leibniz {

/// The rule of `power<B, E>` nodes (`pow`, `sqrt`, `square`, `1 / x`, `x * x`).
/// An exact rational exponent is evaluated without std::pow: x^2 is x * x, x^(1/2)
/// is sqrt(x), x^(-1) is 1 / x.
struct pow_op {
  static constexpr std::string_view name = "pow";
  static constexpr std::string_view latex = "";

  template <std::intmax_t N, class T>
  static T integer_power(const T& v) {
    if constexpr (N == 0) {
      return detail::splat<T>(1);
    } else if constexpr (N == 1) {
      return v;
    } else {
      const T half = integer_power<N / 2>(v);
      if constexpr (N % 2 == 0) return T(half * half);
      else return T(half * half * v);
    }
  }

  /// v^(N/D) for an exact exponent.
  template <std::intmax_t N, std::intmax_t D, class T>
  static T apply_exact(const T& v) {
    using std::cbrt;
    using std::pow;
    using std::sqrt;
    using S = detail::scalar_of_t<T>;
    if constexpr (N < 0) {
      return T(detail::splat<T>(1) / apply_exact<-N, D>(v));
    } else if constexpr (D == 1) {
      return integer_power<N>(v);
    } else if constexpr (D == 2) {
      return integer_power<N>(T(sqrt(v)));
    } else if constexpr (D == 3 && requires { cbrt(v); }) {
      return integer_power<N>(T(cbrt(v)));
    } else if constexpr (D == 3) {  // Eigen has no array cbrt: the real cube root by hand
      const T third = detail::splat<T>(S(1) / S(3));
      const T root = detail::choose(v < detail::splat<T>(0), T(-pow(T(-v), third)), T(pow(v, third)));
      return integer_power<N>(root);
    } else {
      return T(pow(v, detail::splat<T>(S(N) / S(D))));
    }
  }

  template <class T, class U>
  static auto apply(const T& base, const U& exponent) {
    using std::pow;
    return pow(base, exponent);
  }

  /// d(b^e) = e b^(e-1) db + b^e log(b) de; the second term only when e is not constant.
  template <class B, class E, class DB, class DE>
  static constexpr auto derivative(const B& b, const E& e, const DB& db, const DE& de);
};

/// `base ^ exponent`. An exact exponent stays exact: `pow(x, 3_c)` differentiates to
/// `3 * x^2`; a number is held as a runtime constant: `pow(x, 2.5)`.
///
///     static_assert(d(pow(x, 3_c), x) == 3_c * x * x);
template <class B, class E>
  requires detail::ExpressionOperands<B, E>
constexpr auto pow(const B& base, const E& exponent) {
  return detail::make_power(detail::as_expression(base), detail::as_expression(exponent));
}

/// The square root, stored as `pow(a, 1/2)` so that `sqrt(x) * sqrt(x)` is `x`.
///
///     static_assert(d(sqrt(x), x) == 1_c / (2_c * sqrt(x)));
template <Expression A>
constexpr auto sqrt(const A& a) {
  return detail::make_power(a, c<1, 2>);
}

/// `a * a`, stored as `pow(a, 2)`.
///
///     static_assert(square(x) == x * x);
template <Expression A>
constexpr auto square(const A& a) {
  return detail::make_power(a, c<2>);
}

template <class B, class E, class DB, class DE>
constexpr auto pow_op::derivative(const B& b, const E& e, const DB& db, const DE& de) {
  const auto from_base = e * pow(b, e - c<1>) * db;
  if constexpr (detail::is_rational_equal_v<DE, detail::rational{0, 1}>)
    return from_base;
  else
    return from_base + pow(b, e) * log(b) * de;
}

}  // namespace leibniz

#include "log.hpp"  // the derivative by the exponent
