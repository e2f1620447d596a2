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

// The rules (print.hpp's text_stack): each pops its operands' texts and pushes its own.

/// lhs * rhs (LaTeX: lhs rhs) of the last two texts, the right one bracketed below right_level.
template <class Style>
void matrix_product_rule(text_stack& s, int right_level) {
  const printed rhs = s.pop(), lhs = s.pop();
  s.push(
      {concat({operand<Style>(lhs, product_level), is_latex_v<Style> ? " " : " * ", operand<Style>(rhs, right_level)}),
       negative_level, false});  // scaling commutes with it: 2 * A^T * r needs no brackets
}

/// a^T (LaTeX: a^\top) of the text on top.
template <class Style>
void transpose_rule(text_stack& s) {
  const printed a = s.pop();
  s.push({concat({operand<Style>(a, atom_level), is_latex_v<Style> ? "^\\top" : "^T"}), power_level, false});
}

/// hadamard(a, hadamard(b, c)) (LaTeX: a \odot b \odot c) of the vector and matrix
/// factors among the last n texts (is_matrix), the scalar ones dropped; scaled by the
/// text above them where `scaled`, else negative where `negative`.
template <class Style>
void hadamard_rule(text_stack& s, const bool* is_matrix, std::size_t n, bool scaled, bool negative) {
  const printed scale = scaled ? s.pop() : printed{};
  const std::size_t first = s.first_of(n);
  std::string text;
  if constexpr (is_latex_v<Style>) {
    for (std::size_t i = 0; i < n; ++i)
      if (is_matrix[i]) {
        if (!text.empty())
          text += " \\odot ";
        text += operand<Style>(s.items[first + i], product_level);
      }
  } else {  // nested from the right: hadamard(a, hadamard(b, c))
    std::size_t open = 0;
    for (std::size_t i = n; i-- > 0;)
      if (is_matrix[i])
        text = open++ == 0 ? operand<Style>(s.items[first + i], 0)
                           : concat({"hadamard(", operand<Style>(s.items[first + i], 0), ", ", text, ")"});
  }
  s.drop(n);
  if (!scaled)
    s.push({text, is_latex_v<Style> ? product_level : atom_level, negative});
  else
    s.push({concat({operand<Style>({scale.text, scale.level, false}, product_level), Style::times(),
                    is_latex_v<Style> ? Style::group(text) : text}),
            product_level, scale.negative});
}

template <class A, class B>
struct node_printer<matrix_product<A, B>> {
  template <class Style>
  static void print(text_stack& s, const matrix_product<A, B>& e) {
    // to_string brackets a product on the right, to show the order of evaluation:
    // A^T * (A * v) is two matrix-vector products, A^T * A * v would read as a
    // matrix-matrix product first. LaTeX writes the mathematics, where both are A^T A v.
    print_operands<Style>(s, e.operands);
    matrix_product_rule<Style>(s, is_matrix_product_v<B> && !is_latex_v<Style> ? atom_level : product_level);
  }
};

template <class A>
struct node_printer<transposed<A>> {
  template <class Style>
  static void print(text_stack& s, const transposed<A>& e) {
    print_operands<Style>(s, e.operands);
    transpose_rule<Style>(s);
  }
};

template <class Op, class A>
struct node_printer<reduction<Op, A>> {
  template <class Style>
  static void print(text_stack& s, const reduction<Op, A>& e) {
    print_operands<Style>(s, e.operands);
    call_rule<Style>(s, Op::name, latex_of<Op>(), 1);
  }
};

template <class A, class Like>
struct node_printer<filled<A, Like>> {
  template <class Style>
  static void print(text_stack& s, const filled<A, Like>& e) {
    print_operands<Style>(s, e.operands);
    call_rule<Style>(s, "fill", "\\operatorname{fill}", 2);
  }
};

/// A product of two or more vectors or matrices is entrywise: `2 * hadamard(a, b)`.
template <class... Fs>
inline constexpr bool is_hadamard_product_v = (int(!shape_of_type<Fs>::value.scalar) + ...) >= 2;

template <class... Fs>
requires is_hadamard_product_v<Fs...>
struct node_printer<product<Fs...>> {
  template <class Style>
  static void print(text_stack& s, const product<Fs...>& e) {
    static constexpr bool is_matrix[] = {!shape_of_type<Fs>::value.scalar...};
    print_operands<Style>(s, e.operands);  // the scalar factors too, dropped by the rule
    using S = decltype(scalar_part(e));
    constexpr rational coefficient = [] {
      if constexpr (is_rational<S>::value)
        return S::value;
      else
        return rational{0, 1};  // not a number
    }();
    if constexpr (coefficient == rational{1, 1} || coefficient == rational{-1, 1}) {
      hadamard_rule<Style>(s, is_matrix, sizeof...(Fs), false, coefficient.is_negative());
    } else {
      if constexpr (std::is_empty_v<S>)
        detail::print<Style>(s, S{});
      else
        detail::print<Style>(s, scalar_part(e));
      hadamard_rule<Style>(s, is_matrix, sizeof...(Fs), true, false);
    }
  }
};

}  // namespace leibniz::detail

LEIBNIZ_TEXT_CODE_END
LEIBNIZ_HEADER_END
