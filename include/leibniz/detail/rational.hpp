// leibniz/detail/rational.hpp — exact rational arithmetic for constant folding.
#pragma once

#include <cstdint>
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

// Called only when folding overflows: being non-constexpr, it stops compilation with
// its own name as the message.
inline void error_rational_overflow_in_constant_folding() {}
inline void error_division_by_zero_in_constant() {}

/// An exact fraction num/den in lowest terms with den > 0; what `c<N, D>` holds.
struct rational {
  std::intmax_t num = 0;
  std::intmax_t den = 1;

  constexpr bool operator==(const rational&) const = default;
  constexpr bool is_integer() const { return den == 1; }
  constexpr bool is_zero() const { return num == 0; }
  constexpr bool is_one() const { return num == 1 && den == 1; }
  constexpr bool is_negative() const { return num < 0; }
};

constexpr std::intmax_t gcd(std::intmax_t a, std::intmax_t b) {
  if (a < 0)
    a = -a;
  if (b < 0)
    b = -b;
  while (b != 0) {
    const std::intmax_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

constexpr std::intmax_t checked_mul(std::intmax_t a, std::intmax_t b) {
  std::intmax_t r = 0;
  if (__builtin_mul_overflow(a, b, &r))
    error_rational_overflow_in_constant_folding();
  return r;
}

constexpr std::intmax_t checked_add(std::intmax_t a, std::intmax_t b) {
  std::intmax_t r = 0;
  if (__builtin_add_overflow(a, b, &r))
    error_rational_overflow_in_constant_folding();
  return r;
}

constexpr rational make_rational(std::intmax_t num, std::intmax_t den = 1) {
  if (den == 0)
    error_division_by_zero_in_constant();
  if (den < 0) {
    num = checked_mul(num, -1);
    den = checked_mul(den, -1);
  }
  const std::intmax_t g = gcd(num, den);
  return g > 1 ? rational{num / g, den / g} : rational{num, den};
}

constexpr rational operator+(rational a, rational b) {
  const std::intmax_t g = gcd(a.den, b.den);
  return make_rational(checked_add(checked_mul(a.num, b.den / g), checked_mul(b.num, a.den / g)),
                       checked_mul(a.den / g, b.den));
}
constexpr rational operator-(rational a) {
  return {checked_mul(a.num, -1), a.den};
}
constexpr rational operator*(rational a, rational b) {
  const std::intmax_t g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den);
  return make_rational(checked_mul(a.num / (g1 ? g1 : 1), b.num / (g2 ? g2 : 1)),
                       checked_mul(a.den / (g2 ? g2 : 1), b.den / (g1 ? g1 : 1)));
}
constexpr rational reciprocal(rational a) {
  return make_rational(a.den, a.num);
}
constexpr bool operator<(rational a, rational b) {
  return checked_mul(a.num, b.den) < checked_mul(b.num, a.den);
}

/// a^n for an integer n (negative n gives the reciprocal).
constexpr rational rational_power(rational a, std::intmax_t n) {
  rational result{1, 1};
  const bool invert = n < 0;
  for (std::intmax_t i = 0; i < (invert ? -n : n); ++i) result = result * a;
  return invert ? reciprocal(result) : result;
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
