// leibniz/detail/pack.hpp — a lean tuple for the operands of n-ary nodes.
//
// Empty operands take no space ([[no_unique_address]] on distinct base classes), so an
// expression with no runtime constant is an empty object. Lighter to instantiate than
// std::tuple, which matters: sums and products are built for every derivative.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

// Whether types A and B are the same, instantiating nothing. std::is_same_v<A, B> is a
// variable, and GCC names every instantiated variable in the object file (mangling both
// types into it), needed or not: the plan of a 250-step schedule compares every pair of
// its nodes, 60,000 such names of up to several KB, 3 of the 15 s that a 50-feature
// logistic gradient took to compile (docs/compile-time.md).
#if defined(__GNUC__) || defined(__clang__)
#define LEIBNIZ_IS_SAME(A, B) __is_same(A, B)
#else
#define LEIBNIZ_IS_SAME(A, B) std::is_same<A, B>::value
#endif

namespace leibniz::detail {

// An empty operand (every expression without runtime constants) is not stored at all
// but made anew when read: two equal empty subobjects would otherwise need two
// addresses, and expressions such as sin(x) + x * y would stop being empty objects.
template <std::size_t I, class T, bool Empty = std::is_empty<T>::value>
struct pack_leaf {
  T value;
  constexpr pack_leaf() = default;
  constexpr explicit pack_leaf(const T& v) : value(v) {}
  constexpr const T& get() const { return value; }
};
template <std::size_t I, class T>
struct pack_leaf<I, T, true> {
  static constexpr T value{};  // read where an object is needed, with no code to make it (print.hpp)
  constexpr pack_leaf() = default;
  constexpr explicit pack_leaf(const T&) {}
  constexpr T get() const { return T{}; }
};

template <class Indices, class... Ts>
struct pack_storage;

template <std::size_t... Is, class... Ts>
struct pack_storage<std::index_sequence<Is...>, Ts...> : pack_leaf<Is, Ts>... {
  constexpr pack_storage() = default;
  constexpr explicit pack_storage(const Ts&... values) requires(sizeof...(Ts) > 0) : pack_leaf<Is, Ts>{values}... {}
};

/// An ordered list of values of types Ts...; `get<I>(p)` reads the I-th.
template <class... Ts>
struct pack : pack_storage<std::index_sequence_for<Ts...>, Ts...> {
  using pack_storage<std::index_sequence_for<Ts...>, Ts...>::pack_storage;
  static constexpr std::size_t size = sizeof...(Ts);
};

template <std::size_t I, class T, bool Empty>
constexpr decltype(auto) get(const pack_leaf<I, T, Empty>& leaf) {
  return leaf.get();
}

// The I-th type of a pack, found by overload resolution against an index-keyed base,
// with a function that is declared but never defined: asking for a type then
// instantiates no function body, which GCC's back end would name (dag.hpp).
template <std::size_t I, class T>
struct indexed_type {
  using type = T;
};
template <class Indices, class... Ts>
struct indexed_types;
template <std::size_t... Is, class... Ts>
struct indexed_types<std::index_sequence<Is...>, Ts...> : indexed_type<Is, Ts>... {};
template <std::size_t I, class T>
indexed_type<I, T> select_indexed(const indexed_type<I, T>*);

template <std::size_t I, class Pack>
struct element_type;
template <std::size_t I, class... Ts>
struct element_type<I, pack<Ts...>> {
  using type = typename decltype(select_indexed<I>(
      static_cast<const indexed_types<std::index_sequence_for<Ts...>, Ts...>*>(nullptr)))::type;
};

/// The type of the I-th element of a pack.
template <std::size_t I, class Pack>
using element_t = typename element_type<I, std::remove_cv_t<Pack>>::type;

// Long lists are expanded in braced initialiser lists, never in fold expressions: Clang
// nests a fold's operands and stops at 256 (its expression nesting limit), while a
// schedule or a list of bindings can be longer. A braced list runs left to right.

/// Whether all the values are true (a function call, not a fold; see above).
template <class... Bs>
constexpr bool all_of(Bs... values) {
  const bool each[] = {true, bool(values)...};
  for (bool v : each)
    if (!v)
      return false;
  return true;
}

/// The number of true values.
template <class... Bs>
constexpr std::size_t count_true(Bs... values) {
  const bool each[] = {false, bool(values)...};
  std::size_t n = 0;
  for (bool v : each) n += v;
  return n;
}

template <class... As, class... Bs, std::size_t... I, std::size_t... J>
constexpr auto concat2(const pack<As...>& a, const pack<Bs...>& b, std::index_sequence<I...>,
                       std::index_sequence<J...>) {
  if constexpr (all_of(std::is_empty<As>::value..., std::is_empty<Bs>::value...))  // not a fold (above)
    return pack<As..., Bs...>{};  // no constructor to instantiate, and for GCC to name (dag.hpp)
  else
    return pack<As..., Bs...>(get<I>(a)..., get<J>(b)...);
}

/// The concatenation of packs, in order.
template <class... As, class... Bs>
constexpr auto concat(const pack<As...>& a, const pack<Bs...>& b) {
  return concat2(a, b, std::index_sequence_for<As...>{}, std::index_sequence_for<Bs...>{});
}
template <class P0, class P1, class P2, class... Ps>
constexpr auto concat(const P0& p0, const P1& p1, const P2& p2, const Ps&... ps) {
  return concat(concat(p0, p1), p2, ps...);
}
template <class P>
constexpr const P& concat(const P& p) {
  return p;
}
constexpr pack<> concat() {
  return {};
}

/// Calls f(get<I>(p)...) for the given indices.
template <std::size_t... I, class Pack, class F>
constexpr decltype(auto) apply_at(const Pack& p, F&& f) {
  return std::forward<F>(f)(get<I>(p)...);
}

/// Calls f(elements...) with every element of the pack.
template <class... Ts, class F>
constexpr decltype(auto) unpack(const pack<Ts...>& p, F&& f) {
  return [&]<std::size_t... I>(std::index_sequence<I...>)->decltype(auto) {
    return std::forward<F>(f)(get<I>(p)...);
  }
  (std::index_sequence_for<Ts...>{});
}

/// The index of the first true value (the number of values if none).
consteval std::size_t index_of_first(std::initializer_list<bool> values) {
  std::size_t i = 0;
  for (bool v : values) {
    if (v)
      return i;
    ++i;
  }
  return i;
}

/// The index of the first type in Ks that is K (sizeof...(Ks) if none), as a type: no
/// function is named after the types (dag.hpp).
template <class K, class... Ks>
struct index_in_list : std::integral_constant<std::size_t, index_of_first({LEIBNIZ_IS_SAME(K, Ks)...})> {};

/// Numbers for a list of types, equal exactly where the types are equal: each type's
/// first position in the list. (Not addresses of per-type variables: GCC rejects
/// comparing those in constant expressions under -fsanitize=undefined, PR 71962.)
template <class... Ks>
consteval std::array<std::size_t, sizeof...(Ks)> type_classes() {
  return {index_in_list<Ks, Ks...>::value...};
}

/// FNV-1a step, for the structural hash that orders operands canonically.
constexpr std::uint64_t hash_mix(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xffu;
    h *= 0x100000001b3ull;
  }
  return h;
}
constexpr std::uint64_t hash_text(std::uint64_t h, const char* text, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(text[i]);
    h *= 0x100000001b3ull;
  }
  return hash_mix(h, n);
}
inline constexpr std::uint64_t hash_seed = 0xcbf29ce484222325ull;

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
