// leibniz/matrix/print.hpp — how matrix nodes print: `W1 * X`, `x^T`, `hadamard(a, b)`,
// `sum(A)`; in LaTeX `W_{1} X`, `x^\top`, `a \odot b`, `\operatorname{tr}(A)`.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "../print.hpp"
#include "../shape.hpp"
#include "nodes.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN
LEIBNIZ_TEXT_CODE_BEGIN

namespace leibniz::detail {

template <class Style>
inline constexpr bool is_latex_v = std::is_same_v<Style, latex_style>;

template <class A, class B>
struct node_printer<matrix_product<A, B>> {
  template <class Style>
  static printed print(const matrix_product<A, B>& e) {
    const std::string times = is_latex_v<Style> ? " " : " * ";
    // to_string brackets a product on the right, to show the order of evaluation:
    // A^T * (A * v) is two matrix-vector products, A^T * A * v would read as a
    // matrix-matrix product first. LaTeX writes the mathematics, where both are A^T A v.
    constexpr int right_level = is_matrix_product_v<B> && !is_latex_v<Style> ? atom_level : product_level;
    return {operand<Style>(detail::print<Style>(e.lhs()), product_level) + times +
                operand<Style>(detail::print<Style>(e.rhs()), right_level),
            negative_level, false};  // scaling commutes with it: 2 * A^T * r needs no brackets
  }
};

template <class A>
struct node_printer<transposed<A>> {
  template <class Style>
  static printed print(const transposed<A>& e) {
    const std::string mark = is_latex_v<Style> ? "^\\top" : "^T";
    return {operand<Style>(detail::print<Style>(e.arg()), atom_level) + mark, power_level, false};
  }
};

template <class Op, class A>
struct node_printer<reduction<Op, A>> {
  template <class Style>
  static printed print(const reduction<Op, A>& e) {
    return {Style::call(Op::name, latex_name<Op>(), operand<Style>(detail::print<Style>(e.arg()), 0)), atom_level,
            false};
  }
};

template <class A, class Like>
struct node_printer<filled<A, Like>> {
  template <class Style>
  static printed print(const filled<A, Like>& e) {
    const std::string args = operand<Style>(detail::print<Style>(e.arg()), 0) + ", " +
                             operand<Style>(detail::print<Style>(get<1>(e.operands)), 0);
    return {Style::call("fill", "\\operatorname{fill}", args), atom_level, false};
  }
};

/// A product of two or more vectors or matrices is entrywise: `2 * hadamard(a, b)`.
template <class... Fs>
inline constexpr bool is_hadamard_product_v = (int(!shape_of_type<Fs>::value.scalar) + ...) >= 2;

template <class... Fs>
requires is_hadamard_product_v<Fs...>
struct node_printer<product<Fs...>> {
  template <class Style>
  static printed print(const product<Fs...>& e) {
    std::vector<std::string> parts;
    unpack(e.operands, [&](const auto&... f) {
      (
          [&](const auto& factor) {
            if constexpr (!shape_of_type<std::remove_cvref_t<decltype(factor)>>::value.scalar)
              parts.push_back(operand<Style>(detail::print<Style>(factor), is_latex_v<Style> ? product_level : 0));
          }(f),
          ...);
    });
    std::string text;
    if constexpr (is_latex_v<Style>) {
      for (const std::string& p : parts) text += (text.empty() ? "" : " \\odot ") + p;
    } else {
      text = parts.back();
      for (std::size_t i = parts.size() - 1; i-- > 0;) text = "hadamard(" + parts[i] + ", " + text + ")";
    }
    const auto scalars = scalar_part(e);
    using S = std::remove_cvref_t<decltype(scalars)>;
    constexpr rational coefficient = [] {
      if constexpr (is_rational<S>::value)
        return S::value;
      else
        return rational{0, 1};  // not a number
    }();
    if constexpr (coefficient == rational{1, 1} || coefficient == rational{-1, 1}) {
      return {text, is_latex_v<Style> ? product_level : atom_level, coefficient.is_negative()};
    } else {
      const printed s = detail::print<Style>(scalars);
      return {operand<Style>({s.text, s.level, false}, product_level) + Style::times() +
                  (is_latex_v<Style> ? Style::group(text) : text),
              product_level, s.negative};
    }
  }
};

}  // namespace leibniz::detail

LEIBNIZ_TEXT_CODE_END
LEIBNIZ_HEADER_END
