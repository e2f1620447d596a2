// Shared parts of the Boost.Hana compile probes (see measure.py): the size N, node-like
// types and variable names. Only the standard library, so that each probe measures
// its own way of doing the work and nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#ifndef PROBE_N
#define PROBE_N 16
#endif

namespace probe {

/// The size the probe is compiled for: elements, distinct lists or lookups.
inline constexpr std::size_t n = PROBE_N;

// As in include/leibniz/detail/pack.hpp: the structural hash of the canonical order.
constexpr std::uint64_t hash_mix(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xffu;
    h *= 0x100000001b3ull;
  }
  return h;
}
inline constexpr std::uint64_t hash_seed = 0xcbf29ce484222325ull;

/// An expression node without runtime constant: an empty type with a hash, like
/// every node of a static expression.
template <std::size_t I>
struct leaf {
  static constexpr std::uint64_t hash = hash_mix(hash_seed, I);
};

/// A node that holds a value, like a runtime constant (`2.5 * x`).
struct runtime {
  static constexpr std::uint64_t hash = hash_mix(hash_seed + 1, 0);
  double value;
};

template <std::size_t I>
constexpr double value_of(const leaf<I>&) {
  return double(leaf<I>::hash % 3);
}
constexpr double value_of(const runtime& r) { return r.value; }

// As in include/leibniz/fixed_string.hpp: a variable's name as a template argument.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};
  constexpr fixed_string(const char (&text)[N + 1]) {
    for (std::size_t i = 0; i <= N; ++i) data[i] = text[i];
  }
  constexpr std::string_view view() const { return {data, N}; }
  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
};
template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

constexpr std::size_t digits(std::size_t i) { return i < 10 ? 1 : 1 + digits(i / 10); }

/// The name "x<I>" (x0, x1, ...).
template <std::size_t I>
constexpr auto name_of() {
  constexpr std::size_t d = digits(I);
  char text[d + 2]{};
  text[0] = 'x';
  std::size_t v = I;
  for (std::size_t k = d; k > 0; --k, v /= 10) text[k] = char('0' + v % 10);
  return fixed_string<d + 1>(text);
}

/// A variable, named by its type (as leibniz::variable).
template <fixed_string Name>
struct variable {
  static constexpr auto name = Name;
};
template <std::size_t I>
using var = variable<name_of<I>()>;

}  // namespace probe
