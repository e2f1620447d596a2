// tests/unit/numeric.hpp — numerical references for the unit tests: central finite
// differences of a callable double -> double, and a closeness check.
//
// Independent of leibniz on purpose: it only calls functions, so a derivative that
// leibniz gets wrong cannot also make the reference wrong.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace numeric {

/// The step for a 5-point stencil at x: h ~ eps^(1/5) (first derivative) or eps^(1/6)
/// (second) balances rounding (eps / h^k) against truncation (h^4), scaled to |x| so
/// that x + h differs from x in about the same number of digits everywhere. The step is
/// rounded to a number exactly representable next to x, so (x + h) - x == h.
inline double step(double x, double root_of_eps) {
  const double h = root_of_eps * std::max(1.0, std::abs(x));
  const double xh = x + h;  // IEEE arithmetic (no -ffast-math) keeps this rounding step
  return xh - x;
}

/// f'(x) by the 5-point central difference (error O(h^4)); about 1e-11 relative for
/// smooth, well-scaled functions.
template <class F>
double derivative(F&& f, double x) {
  const double h = step(x, 7.4e-4);  // eps^(1/5)
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

/// f''(x) by the 5-point central difference (error O(h^4)); about 1e-9 relative.
template <class F>
double second_derivative(F&& f, double x) {
  const double h = step(x, 2.5e-3);  // eps^(1/6)
  return (-f(x - 2 * h) + 16 * f(x - h) - 30 * f(x) + 16 * f(x + h) - f(x + 2 * h)) / (12 * h * h);
}

/// |a - b| <= rel * max(|a|, |b|, scale): a relative test that becomes an absolute one
/// (rel * scale) for values smaller than `scale`. NaN or infinity is never close, so
/// a derivative that blows up fails instead of passing by accident.
inline bool close(double a, double b, double rel, double scale = 1.0) {
  if (!std::isfinite(a) || !std::isfinite(b))
    return false;
  return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), scale});
}

/// Tolerances that fit the stencils above (with a safety factor of about 100).
inline constexpr double first_tolerance = 1e-8;
inline constexpr double second_tolerance = 1e-6;

}  // namespace numeric
