// leibniz/constant.hpp — exact rational constants, named constants (pi) and runtime constants.
#pragma once

#include <cstdint>
#include <numbers>
#include <string_view>
#include <type_traits>

#include "detail/lanes.hpp"
#include "detail/pack.hpp"
#include "detail/rational.hpp"
#include "expression.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// An exact rational number N/D (in lowest terms, D > 0) held in the type, so that
/// constant folding is exact: write it `c<N>`, `c<N, D>` or `2_c`.
///
///     static_assert(c<2, 4> == c<1, 2>);   static_assert(c<1, 2> + c<1, 2> == c<1>);
template <std::intmax_t N, std::intmax_t D = 1>
struct constant : node<constant<N, D>> {
  static_assert(D > 0 && detail::gcd(N, D) == 1, "leibniz: write constants as c<N, D>, which reduces the fraction");
  static constexpr node_kind kind = node_kind::constant;
  static constexpr detail::rational value{N, D};
  static constexpr bool is_static = true;
  static constexpr std::uint64_t hash =
      detail::hash_mix(detail::hash_mix(detail::hash_seed + 1, std::uint64_t(N)), std::uint64_t(D));
  static constexpr std::size_t tree_size = 1;
  template <fixed_string>
  static constexpr bool depends_on = false;

  template <class V>
  static constexpr V compute() {
    using R = detail::scalar_of_t<V>;
    return detail::splat<V>(R(N) / R(D));
  }
};

namespace detail {
template <class T>
struct is_rational : std::false_type {};
template <std::intmax_t N, std::intmax_t D>
struct is_rational<constant<N, D>> : std::true_type {};
}  // namespace detail

/// The constant node for a rational value computed at compile time.
// Through a class template: GCC 12 crashes on `R.num` directly in an alias template.
template <detail::rational R>
struct constant_for {
  using type = constant<R.num, R.den>;
};
template <detail::rational R>
using constant_t = typename constant_for<R>::type;

/// The exact rational constant N/D, reduced: `c<6, 4>` is `c<3, 2>`.
///
///     constexpr auto half = leibniz::c<1, 2>;   static_assert(half * 2_c == c<1>);
template <std::intmax_t N, std::intmax_t D = 1>
inline constexpr constant_t<detail::make_rational(N, D)> c{};

/// A named irrational constant (such as pi): exact in the type, a number only when
/// evaluated in the precision asked for.
template <class Tag>
struct named_constant : node<named_constant<Tag>> {
  static constexpr node_kind kind = node_kind::named_constant;
  using tag = Tag;
  static constexpr bool is_static = true;
  static constexpr std::uint64_t hash = detail::hash_text(detail::hash_seed + 2, Tag::name.data(), Tag::name.size());
  static constexpr std::size_t tree_size = 1;
  template <fixed_string>
  static constexpr bool depends_on = false;

  template <class V>
  static constexpr V compute() {
    return detail::splat<V>(Tag::template value<detail::scalar_of_t<V>>);
  }
};

struct pi_tag {
  static constexpr std::string_view name = "pi";
  static constexpr std::string_view latex = "\\pi";
  template <class R>
  static constexpr R value = std::numbers::pi_v<R>;
};

/// The number pi, exact in the type: `d(sin(pi * x), x)` prints `pi * cos(pi * x)`.
inline constexpr named_constant<pi_tag> pi{};

/// A number known only at run time, held in the expression object: `2.5 * x` stores
/// 2.5. Two runtime constants are never merged by type, only by value at run time.
///
///     const auto f = 2.5 * x;   // runtime_constant<double>{2.5} * x
template <class T>
struct runtime_constant : node<runtime_constant<T>> {
  static constexpr node_kind kind = node_kind::runtime_constant;
  using value_type = T;
  static constexpr bool is_static = false;
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_seed + 3, sizeof(T));
  static constexpr std::size_t tree_size = 1;
  template <fixed_string>
  static constexpr bool depends_on = false;

  T value{};
  constexpr runtime_constant() = default;
  constexpr explicit runtime_constant(T v) : value(v) {}
};

namespace detail {
template <class T>
struct is_runtime : std::false_type {};
template <class T>
struct is_runtime<runtime_constant<T>> : std::true_type {};

/// Integers mixed into an expression are held as double, like std::sin(int) works in double.
template <class T>
using runtime_type_t = std::conditional_t<std::is_integral_v<T>, double, T>;

template <class T>
constexpr auto as_expression(const T& value) {
  if constexpr (Expression<T>)
    return value;
  else
    return runtime_constant<runtime_type_t<T>>(static_cast<runtime_type_t<T>>(value));
}

// Non-constexpr on purpose: reaching it stops compilation with its name as the message.
inline void error_c_literal_takes_only_decimal_digits() {}

constexpr std::intmax_t parse_digit(char ch) {
  if (ch < '0' || ch > '9')
    error_c_literal_takes_only_decimal_digits();
  return ch - '0';
}
}  // namespace detail

/// Operands that can be mixed with expressions: expressions and plain numbers.
template <class T>
concept Operand = Expression<T> ||
    (std::is_arithmetic_v<std::remove_cvref_t<T>> && !std::is_same_v<std::remove_cvref_t<T>, bool>);

namespace literals {
/// `2_c` is `c<2>`, `1.5_c` is `c<3, 2>`, `-3_c` is `c<-3>`: exact constants in the type.
///
///     using namespace leibniz::literals;   static_assert(1.5_c == c<3, 2>);
template <char... Chars>
constexpr auto operator""_c() {
  constexpr detail::rational value = [] {
    std::intmax_t num = 0, den = 1;
    bool fraction = false;
    for (char ch : {Chars...}) {
      if (ch == '\'')
        continue;
      if (ch == '.') {
        fraction = true;
        continue;
      }
      num = detail::checked_add(detail::checked_mul(num, 10), detail::parse_digit(ch));
      if (fraction)
        den = detail::checked_mul(den, 10);
    }
    return detail::make_rational(num, den);
  }();
  return constant_t<value>{};
}

// The name written beside the literals, so that one using-directive is enough:
// `using namespace leibniz::literals; static_assert(c<6, 4> == 3_c / 2_c);`
using leibniz::c;
}  // namespace literals

}  // namespace leibniz

LEIBNIZ_HEADER_END
