// leibniz/nodes.hpp — the generic interior nodes: functions, powers, sums and products.
//
// A node only stores its operands; what an operation means (value, derivative, name)
// lives in its tag struct under ops/, and how nodes are combined lives in simplify.hpp.
#pragma once

#include <cstdint>

#include "detail/pack.hpp"
#include "expression.hpp"

namespace leibniz {

/// `Op(a)`: an elementary function applied to one expression, e.g. `unary<sin_op, X>`.
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
  constexpr decltype(auto) arg() const { return detail::get<0>(operands); }
};

/// `Op(a, b)`: a function of two expressions, such as `max` and `min`.
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
  constexpr decltype(auto) lhs() const { return detail::get<0>(operands); }
  constexpr decltype(auto) rhs() const { return detail::get<1>(operands); }
};

/// `base ^ exponent`. Also spells sqrt (exponent 1/2), reciprocals (exponent -1) and
/// repeated products (`x * x` is `power<X, constant<2>>`).
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
  constexpr decltype(auto) base() const { return detail::get<0>(operands); }
  constexpr decltype(auto) exponent() const { return detail::get<1>(operands); }
};

/// A flattened sum of two or more terms in canonical order (see simplify.hpp).
template <class... Ts>
struct sum : node<sum<Ts...>> {
  static constexpr node_kind kind = node_kind::sum;
  static constexpr bool is_static = (Ts::is_static && ...);
  static constexpr std::uint64_t hash = [] {
    std::uint64_t h = detail::hash_seed + 8;
    ((h = detail::hash_mix(h, Ts::hash)), ...);
    return h;
  }();
  static constexpr std::size_t tree_size = (1 + ... + Ts::tree_size);
  template <fixed_string Name>
  static constexpr bool depends_on = (Ts::template depends_on<Name> || ...);

  [[no_unique_address]] detail::pack<Ts...> terms;
  constexpr sum() = default;
  constexpr explicit sum(const detail::pack<Ts...>& t) : terms(t) {}
};

/// A flattened product of two or more factors in canonical order, the numeric
/// coefficient (if any) first (see simplify.hpp).
template <class... Fs>
struct product : node<product<Fs...>> {
  static constexpr node_kind kind = node_kind::product;
  static constexpr bool is_static = (Fs::is_static && ...);
  static constexpr std::uint64_t hash = [] {
    std::uint64_t h = detail::hash_seed + 9;
    ((h = detail::hash_mix(h, Fs::hash)), ...);
    return h;
  }();
  static constexpr std::size_t tree_size = (1 + ... + Fs::tree_size);
  template <fixed_string Name>
  static constexpr bool depends_on = (Fs::template depends_on<Name> || ...);

  [[no_unique_address]] detail::pack<Fs...> factors;
  constexpr product() = default;
  constexpr explicit product(const detail::pack<Fs...>& f) : factors(f) {}
};

}  // namespace leibniz
