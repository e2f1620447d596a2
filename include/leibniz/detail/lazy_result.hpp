// leibniz/detail/lazy_result.hpp — a result computed when it is first read, then held.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// The reading side of a result that is computed on its first read: `values()`, `r[key]`,
/// `r.get<I>()` and the conversion to Values, each for a const, a mutable and a temporary
/// result. Derived states how to compute the values (`Values compute() const`); the
/// arrays of a gradient over arrays (eigen.hpp) and the matrices of a gradient by
/// matrices (matrix/evaluate.hpp) are both read through it.
///
///     struct later : lazy_result<later, values> { values compute() const; };
template <class Derived, class Values>
struct lazy_result {
  using values_type = Values;

  mutable std::optional<Values> cache;

  /// The values, computed on the first call (moved into the cache: no entry is copied).
  const Values& values() const& {
    if (!cache)
      cache.emplace(static_cast<const Derived&>(*this).compute());
    return *cache;
  }
  Values& values() & {
    std::as_const(*this).values();
    return *cache;
  }
  Values values() && {
    std::as_const(*this).values();
    return std::move(*cache);
  }
  operator const Values&() const& { return values(); }

  template <class Key>
  decltype(auto) operator[](const Key& key) const& {
    return values()[key];
  }
  template <class Key>
  decltype(auto) operator[](const Key& key) & {
    return values()[key];
  }
  /// From a temporary result: the entry moved out, by value (so `G(x = X)[x]` neither
  /// copies nor leaves a reference into a result about to be destroyed).
  template <class Key>
  auto operator[](const Key& key) && {
    return std::move(values())[key];
  }
  template <std::size_t I>
  decltype(auto) get() const& {
    return values().template get<I>();
  }
  template <std::size_t I>
  decltype(auto) get() & {
    return values().template get<I>();
  }
  template <std::size_t I>
  auto get() && {
    return std::move(values()).template get<I>();
  }
};

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
