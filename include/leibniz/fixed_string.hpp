// leibniz/fixed_string.hpp — a string usable as a template argument.
#pragma once

#include <cstddef>
#include <string_view>
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// A string literal that can be a template argument, so that a variable's name is
/// part of its type: `var<"x">` and `var<"x">` are the same type, `var<"y">` is not.
///
///     static_assert(fixed_string("x1").view() == "x1");
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  constexpr fixed_string(const char (&text)[N + 1]) {
    for (std::size_t i = 0; i <= N; ++i) data[i] = text[i];
  }
  constexpr std::string_view view() const { return {data, N}; }
  static constexpr std::size_t size() { return N; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

namespace detail {
/// A type per name: two names are equal exactly when their tags are the same type, which
/// the compiler checks without evaluating a comparison (pack.hpp: index_in_list). Looking
/// each of n names up among n bindings by comparing strings was n^2 constant evaluations.
template <fixed_string Name>
struct name_tag {};
}  // namespace detail

}  // namespace leibniz

LEIBNIZ_HEADER_END
