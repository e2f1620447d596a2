// leibniz/nodes.hpp — the generic interior nodes: functions, powers, sums and products.
//
// Every interior node states, once, the three things the rest of the library asks of it:
//
//   operands          its operand expressions, in order (a pack);
//   partial<K>(e)     its local partial derivative by operand K, as an expression: the
//                     vector-Jacobian rule that forward `d`, reverse `gradient` and the
//                     adjoints drawn by `to_dot` all read;
//   rebuild(o...)     the same node of other operands, simplified again;
//   compute<V>(v...)  its value from its operands' values, where V is a number, a SIMD
//                     block or a block of an Eigen array (see detail/lanes.hpp);
//   kernel            the type whose compute<V>(v...) that is: it names only what the
//                     value depends on (the op, the exact exponent), not the operands,
//                     so every sin in every expression shares one (detail/kernels below).
//
// What an elementary function means (its value kernel, its derivative, its name) lives in
// its op struct under ops/; how nodes are combined into canonical form lives in
// simplify.hpp. Leaves (constants, variables) have no operands.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>

#include "constant.hpp"
#include "detail/builders.hpp"
#include "detail/entrywise_rule.hpp"
#include "detail/lanes.hpp"
#include "detail/pack.hpp"
#include "expression.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// What an op's `rewrite(a)` returns to keep the node `Op(a)` as it is (see function.hpp).
///
///     template <class A> static constexpr auto rewrite(const A&) { return leibniz::no_rewrite{}; }
struct no_rewrite {};

namespace detail {
// Whether Op states its derivative. Asked of a scalar stand-in for a vector or matrix
// operand: the rule is written for numbers and taken entry by entry there
// (detail/entrywise_rule.hpp), and instantiating it on the matrix itself would read its
// `*` as a matrix product.
template <class A>
using rule_operand_t = std::conditional_t<shape_of_type<A>::value.scalar, A, first_placeholder>;
template <class Op, class A>
concept UnaryRule = requires(const rule_operand_t<A>& a) {
  Op::derivative(a);
};
template <class Op, class A, class B>
concept BinaryRule = requires(const rule_operand_t<A>& a, const rule_operand_t<B>& b) {
  Op::derivative_lhs(a, b);
  Op::derivative_rhs(a, b);
};
}  // namespace detail

namespace detail {

// The value kernels. Evaluation (dag.hpp) calls a node's kernel, not the node: the
// kernel's type is short and shared by every node it computes, so the compiler makes
// (and names in the object file) one function per op and value type, not one per node
// of every expression.

/// `Op::apply(u...)` as a function object that names its op, so a back end may give
/// the op a kernel of its own for its value type (simd.hpp: libmvec's sin on a batch).
template <class Op>
struct op_apply {
  using op_type = Op;
  template <class... Us>
  constexpr auto operator()(const Us&... u) const -> decltype(Op::apply(u...)) {
    return Op::apply(u...);
  }
};

/// Op's value, `Op::apply(v...)`, through the value type's lanes (lanes.hpp).
template <class Op>
struct op_kernel {
  template <class V, class... Vs>
  static constexpr V compute(const Vs&... v) {
    return lanewise<V>(op_apply<Op>{}, v...);
  }
};

/// The sum of its operands' values.
struct sum_kernel {
  template <class V, class... Ts>
  static constexpr V compute(const Ts&... terms) {
    return V((terms + ...));
  }
};

/// The product of its operands' values.
struct product_kernel {
  template <class V, class... Fs>
  static constexpr V compute(const Fs&... factors) {
    return V((factors * ...));
  }
};

/// v^N by multiplication (N >= 0).
template <std::intmax_t N, class T>
T integer_power(const T& v) {
  if constexpr (N == 0) {
    return splat<T>(1);
  } else if constexpr (N == 1) {
    return v;
  } else {
    const T half = integer_power<N / 2>(v);
    if constexpr (N % 2 == 0)
      return T(half * half);
    else
      return T(half * half * v);
  }
}

/// v^(N/D) for an exact rational exponent: by multiplication, sqrt or cbrt where it can.
template <std::intmax_t N, std::intmax_t D, class T>
T exact_power(const T& v) {
  using std::cbrt;
  using std::pow;
  using std::sqrt;
  using S = scalar_of_t<T>;
  if constexpr (N < 0) {
    return T(splat<T>(1) / exact_power<-N, D>(v));
  } else if constexpr (D == 1) {
    return integer_power<N>(v);
  } else if constexpr (D == 2) {
    return integer_power<N>(T(sqrt(v)));
  } else if constexpr (D == 3 && requires { cbrt(v); }) {
    return integer_power<N>(T(cbrt(v)));
  } else if constexpr (D == 3) {  // Eigen has no array cbrt: the real cube root by hand
    const T third = splat<T>(S(1) / S(3));
    const T root = choose(v < splat<T>(0), T(-pow(T(-v), third)), T(pow(v, third)));
    return integer_power<N>(root);
  } else {
    return T(pow(v, splat<T>(S(N) / S(D))));
  }
}

/// v^n for an integer n known only at run time.
template <class T>
T runtime_integer_power(const T& v, long long n) {
  unsigned long long k = n < 0 ? 0ull - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  T result = splat<T>(1), square = v;
  for (; k != 0; k >>= 1) {
    if (k & 1)
      result = T(result * square);
    square = T(square * square);
  }
  return n < 0 ? T(splat<T>(1) / result) : result;
}

/// b^(N/D), an exact exponent: the exponent's value (second operand) is not read.
template <std::intmax_t N, std::intmax_t D>
struct exact_power_kernel {
  template <class V>
  static constexpr V compute(const V& b, const V&) {
    return lanewise<V>([](const auto& v) { return exact_power<N, D>(v); }, b);
  }
};

/// b^x for an integer x lifted to a runtime parameter (`pow(x, 2)`): by multiplication.
struct integer_power_kernel {
  template <class V>
  static constexpr V compute(const V& b, const V& x) {
    return lanewise<V>(
        [](const auto& u, const auto& v) { return runtime_integer_power(u, static_cast<long long>(first_lane(v))); }, b,
        x);
  }
};

/// b^x in general, by pow.
struct pow_kernel {
  template <class V>
  static constexpr V compute(const V& b, const V& x) {
    return lanewise<V>(
        [](const auto& u, const auto& v) {
          using std::pow;
          return pow(u, v);
        },
        b, x);
  }
};

/// Whether E is a lifted integer runtime constant (`pow(x, 2)`, parameters.hpp).
template <class E>
struct is_integer_parameter : std::false_type {};
template <class E>
requires Variable<E>
struct is_integer_parameter<E> : std::bool_constant<E::name.data[0] == '%'> {
};

/// The kernel of a power by the exponent E: exact, integer at run time, or general.
template <class E, bool = is_rational<E>::value>
struct power_kernel_of {
  using type = std::conditional_t<is_integer_parameter<E>::value, integer_power_kernel, pow_kernel>;
};
template <class E>
struct power_kernel_of<E, true> {  // an exact exponent: its slot's value is not needed
  using type = exact_power_kernel<E::value.num, E::value.den>;
};

/// The structural hash of an n-ary node from its operands' hashes, in order.
constexpr std::uint64_t hash_list(std::uint64_t h, std::initializer_list<std::uint64_t> hashes) {
  for (std::uint64_t v : hashes) h = hash_mix(h, v);
  return h;
}

}  // namespace detail

/// `Op(a)`: an elementary function applied to one expression, e.g. `unary<sin_op, X>`.
/// ∂Op(a)/∂a is `Op::derivative(a)`.
template <class Op, class A>
struct unary : node<unary<Op, A>> {
  static constexpr node_kind kind = node_kind::unary;
  using op = Op;
  static constexpr bool is_static = A::is_static;
  static constexpr std::uint64_t hash =
      detail::hash_mix(detail::hash_text(detail::hash_seed + 5, Op::name.data(), Op::name.size()), A::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A> operands;
  constexpr unary() = default;
  constexpr explicit unary(const A& a) : operands(a) {}
  [[nodiscard]] constexpr decltype(auto) arg() const { return detail::get<0>(operands); }

  /// The same function of other operands, simplified.
  static constexpr auto rebuild(const auto& a) { return detail::make_unary<Op>(a); }

  template <std::size_t K>
  static constexpr auto partial(const unary& e) {
    static_assert(detail::UnaryRule<Op, A>,
                  "leibniz::function<Op>: to differentiate Op(a), Op needs its derivative "
                  "as an expression: static constexpr auto derivative(auto a)");
    if constexpr (!detail::UnaryRule<Op, A>)
      return constant<0>{};  // after the message above, without a cascade of further errors
    else if constexpr (detail::shape_of_type<A>::value.scalar)
      return Op::derivative(e.arg());
    else  // on a vector or matrix, the rule's products must be entrywise (detail/entrywise_rule.hpp)
      return detail::entrywise_derivative<Op>(e.arg());
  }
  using kernel = detail::op_kernel<Op>;
  template <class V>
  static constexpr V compute(const V& a) {
    return kernel::template compute<V>(a);
  }
};

/// `Op(a, b)`: a function of two expressions, such as `max` and `min`.
/// ∂/∂a is `Op::derivative_lhs(a, b)`, ∂/∂b is `Op::derivative_rhs(a, b)`.
template <class Op, class A, class B>
struct binary : node<binary<Op, A, B>> {
  static constexpr node_kind kind = node_kind::binary;
  using op = Op;
  static constexpr bool is_static = A::is_static && B::is_static;
  static constexpr std::uint64_t hash = detail::hash_mix(
      detail::hash_mix(detail::hash_text(detail::hash_seed + 6, Op::name.data(), Op::name.size()), A::hash), B::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size + B::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name> || B::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A, B> operands;
  constexpr binary() = default;
  constexpr binary(const A& a, const B& b) : operands(a, b) {}
  [[nodiscard]] constexpr decltype(auto) lhs() const { return detail::get<0>(operands); }
  [[nodiscard]] constexpr decltype(auto) rhs() const { return detail::get<1>(operands); }

  static constexpr auto rebuild(const auto& a, const auto& b) { return detail::make_binary<Op>(a, b); }

  template <std::size_t K>
  static constexpr auto partial(const binary& e) {
    static_assert(detail::BinaryRule<Op, A, B>,
                  "leibniz::function<Op>: to differentiate Op(a, b), Op needs both "
                  "partial derivatives: derivative_lhs(a, b) and derivative_rhs(a, b)");
    if constexpr (!detail::BinaryRule<Op, A, B>)
      return constant<0>{};
    else if constexpr (!detail::shape_of_type<A>::value.scalar || !detail::shape_of_type<B>::value.scalar)
      return detail::entrywise_derivative<Op, K>(e.lhs(), e.rhs());
    else if constexpr (K == 0)
      return Op::derivative_lhs(e.lhs(), e.rhs());
    else
      return Op::derivative_rhs(e.lhs(), e.rhs());
  }
  using kernel = detail::op_kernel<Op>;
  template <class V>
  static constexpr V compute(const V& a, const V& b) {
    return kernel::template compute<V>(a, b);
  }
};

/// `base ^ exponent`. Also spells sqrt (exponent 1/2), reciprocals (exponent -1) and
/// repeated products (`x * x` is `power<X, constant<2>>`). An exact rational exponent is
/// evaluated without std::pow: x^2 is x * x, x^(1/2) is sqrt(x), x^(-1) is 1 / x.
///
/// Its rule: ∂(b^e)/∂b = e b^(e-1), and ∂(b^e)/∂e = b^e log(b), which is only asked for
/// when the exponent depends on the variable (log comes from ops/log.hpp, included by
/// ops/pow.hpp, which is how powers are written).
template <class B, class E>
struct power : node<power<B, E>> {
  static constexpr node_kind kind = node_kind::power;
  static constexpr bool is_static = B::is_static && E::is_static;
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_mix(detail::hash_seed + 7, B::hash), E::hash);
  static constexpr std::size_t tree_size = 1 + B::tree_size + E::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = B::template depends_on<Name> || E::template depends_on<Name>;

  [[no_unique_address]] detail::pack<B, E> operands;
  constexpr power() = default;
  constexpr power(const B& b, const E& e) : operands(b, e) {}
  [[nodiscard]] constexpr decltype(auto) base() const { return detail::get<0>(operands); }
  [[nodiscard]] constexpr decltype(auto) exponent() const { return detail::get<1>(operands); }

  static constexpr auto rebuild(const auto& b, const auto& x) { return detail::make_power(b, x); }

  template <std::size_t K>
  static constexpr auto partial(const power& e) {
    if constexpr (K == 0)
      return detail::make_product(e.exponent(),
                                  detail::make_power(e.base(), detail::make_sum(e.exponent(), constant<-1>{})));
    else
      return detail::make_product(e, log(e.base()));  // found by argument-dependent lookup
  }

  /// Whether the exponent is a lifted integer runtime constant (`pow(x, 2)`, parameters.hpp).
  static constexpr bool has_integer_exponent = detail::is_integer_parameter<E>::value;

  using kernel = typename detail::power_kernel_of<E>::type;

  template <class V>
  static constexpr V compute(const V& b, const V& x) {
    return kernel::template compute<V>(b, x);
  }

  template <class T>
  static T runtime_integer_power(const T& v, long long n) {
    return detail::runtime_integer_power(v, n);
  }
  template <std::intmax_t N, class T>
  static T integer_power(const T& v) {
    return detail::integer_power<N>(v);
  }
  template <std::intmax_t N, std::intmax_t D, class T>
  static T exact_power(const T& v) {
    return detail::exact_power<N, D>(v);
  }
};

namespace detail {
/// Whether A is the node Op(x) for some x: what an op's rewrite rule looks for.
template <class Op, class A>
inline constexpr bool is_call_of_v = false;
template <class Op, class X>
inline constexpr bool is_call_of_v<Op, unary<Op, X>> = true;
}  // namespace detail

/// A flattened sum of two or more terms in canonical order (see simplify.hpp).
/// Each term's partial is 1: a sum passes its gradient on unchanged.
template <class... Ts>
struct add : node<add<Ts...>> {
  static constexpr node_kind kind = node_kind::sum;
  static constexpr bool is_static = (Ts::is_static && ...);
  static constexpr std::uint64_t hash = detail::hash_list(detail::hash_seed + 8, {Ts::hash...});
  static constexpr std::size_t tree_size = (1 + ... + Ts::tree_size);
  template <fixed_string Name>
  static constexpr bool depends_on = (Ts::template depends_on<Name> || ...);

  [[no_unique_address]] detail::pack<Ts...> operands;  // the terms
  constexpr add() = default;
  constexpr explicit add(const detail::pack<Ts...>& t) : operands(t) {}

  static constexpr auto rebuild(const auto&... terms) { return detail::make_sum(terms...); }

  template <std::size_t K>
  static constexpr auto partial(const add&) {
    return constant<1>{};
  }
  using kernel = detail::sum_kernel;
  template <class V>
  static constexpr V compute(const auto&... terms) {
    return kernel::template compute<V>(terms...);
  }
};

/// A flattened product of two or more factors in canonical order, the numeric
/// coefficient (if any) first (see simplify.hpp). Each factor's partial is the product
/// of the others: a product switches the gradient between its factors.
template <class... Fs>
struct product : node<product<Fs...>> {
  static constexpr node_kind kind = node_kind::product;
  static constexpr bool is_static = (Fs::is_static && ...);
  static constexpr std::uint64_t hash = detail::hash_list(detail::hash_seed + 9, {Fs::hash...});
  static constexpr std::size_t tree_size = (1 + ... + Fs::tree_size);
  template <fixed_string Name>
  static constexpr bool depends_on = (Fs::template depends_on<Name> || ...);

  [[no_unique_address]] detail::pack<Fs...> operands;  // the factors
  constexpr product() = default;
  constexpr explicit product(const detail::pack<Fs...>& f) : operands(f) {}

  static constexpr auto rebuild(const auto&... factors) { return detail::make_product(factors...); }

  template <std::size_t K>
  static constexpr auto partial(const product& e) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return detail::make_product(other_factor<K, I>(e)...);
    }
    (std::index_sequence_for<Fs...>{});
  }
  using kernel = detail::product_kernel;
  template <class V>
  static constexpr V compute(const auto&... factors) {
    return kernel::template compute<V>(factors...);
  }

 private:
  /// The I-th factor, or 1 in place of the K-th.
  template <std::size_t K, std::size_t I>
  static constexpr auto other_factor(const product& e) {
    if constexpr (K == I)
      return constant<1>{};
    else
      return detail::get<I>(e.operands);
  }
};

}  // namespace leibniz

LEIBNIZ_HEADER_END
