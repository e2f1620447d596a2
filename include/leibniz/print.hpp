// leibniz/print.hpp — to_string, operator<< and to_latex, with minimal parentheses.
//
// Printing reads the canonical form back as a person would write it: a term with a
// negative coefficient is subtracted (x - y), negative powers go below a fraction bar
// (x / (y * z)), pow(a, 1/2) is sqrt(a), integer powers are written a^2. Terms and
// factors are shown in a stable, readable order (numbers first in a product, the
// constant last in a sum), which is not the internal canonical order.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/children.hpp"
#include "expression.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN
LEIBNIZ_TEXT_CODE_BEGIN

namespace leibniz {

namespace detail {

/// The LaTeX name of an op: its `latex` if it gives one, else \operatorname{name}.
template <class Op>
std::string latex_name() {
  if constexpr (requires { Op::latex; })
    return std::string(Op::latex);
  else
    return "\\operatorname{" + std::string(Op::name) + "}";
}

enum precedence : int { sum_level = 1, product_level = 2, negative_level = 3, power_level = 4, atom_level = 5 };

/// A printed subexpression: |value| as text, its sign apart, so sums can subtract.
struct printed {
  std::string text;
  int level = atom_level;
  bool negative = false;
  int rank = 1;  // display order among factors: numbers (-1), then variables (0), then the rest
};

struct plain_style {
  static constexpr bool fraction_groups = false;  // "a / b" does not group a or b
  static std::string group(const std::string& s) { return "(" + s + ")"; }
  static std::string times() { return " * "; }
  static std::string rational(std::intmax_t n, std::intmax_t d) {
    return d == 1 ? std::to_string(n) : std::to_string(n) + "/" + std::to_string(d);
  }
  static std::string fraction(const std::string& num, const std::string& den, bool den_is_compound) {
    return num + " / " + (den_is_compound ? group(den) : den);
  }
  static std::string power(const std::string& base, const std::string& exponent, bool exponent_is_atom) {
    return base + "^" + (exponent_is_atom ? exponent : group(exponent));
  }
  static std::string root(const std::string& arg) { return "sqrt(" + arg + ")"; }
  static std::string call(std::string_view name, std::string_view, const std::string& args) {
    return std::string(name) + "(" + args + ")";
  }
  template <class Tag>
  static std::string named() {
    return std::string(Tag::name);
  }
  static std::string variable(std::string_view name) { return std::string(name); }
};

struct latex_style {
  static constexpr bool fraction_groups = true;  // \frac{a}{b} groups both
  static std::string group(const std::string& s) { return "\\left(" + s + "\\right)"; }
  static std::string times() { return " \\cdot "; }
  static std::string rational(std::intmax_t n, std::intmax_t d) {
    return d == 1 ? std::to_string(n) : "\\frac{" + std::to_string(n) + "}{" + std::to_string(d) + "}";
  }
  static std::string fraction(const std::string& num, const std::string& den, bool) {
    return "\\frac{" + num + "}{" + den + "}";
  }
  static std::string power(const std::string& base, const std::string& exponent, bool) {
    return base + "^{" + exponent + "}";
  }
  static std::string root(const std::string& arg) { return "\\sqrt{" + arg + "}"; }
  static std::string call(std::string_view, std::string_view latex, const std::string& args) {
    const bool known = latex.substr(0, 1) == "\\" && latex.find("operatorname") == std::string_view::npos;
    return std::string(latex) + (known ? " " : "") + group(args);
  }
  template <class Tag>
  static std::string named() {
    return std::string(Tag::latex);
  }
  static std::string variable(std::string_view name) {  // x1 -> x_{1}, w_1 -> w_{1}
    if (const std::size_t bar = name.find('_'); bar != std::string_view::npos && bar > 0 && bar + 1 < name.size())
      return std::string(name.substr(0, bar)) + "_{" + std::string(name.substr(bar + 1)) + "}";
    std::size_t i = name.size();
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') --i;
    if (i == 0 || i == name.size())
      return std::string(name);
    return std::string(name.substr(0, i)) + "_{" + std::string(name.substr(i)) + "}";
  }
};

/// The shortest text that reads back as the same number, with a ".0" on whole
/// numbers so a runtime constant (2.0) is told apart from an exact one (2).
template <class T>
std::string format_number(T value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (std::is_floating_point_v<T> && text.find_first_not_of("0123456789-") == std::string::npos)
    text += ".0";
  return text;
}

template <class Style, class E>
printed print(const E& e);

/// a + b + c, appended in place: GCC 12 at -O3 warns falsely (-Wrestrict, PR 105651)
/// about the operator+ chain.
inline std::string joined(std::string a, std::string_view b, std::string_view c) {
  a += b;
  a += c;
  return a;
}

/// The text of p as an operand that binds at least as tightly as `level`.
template <class Style>
std::string operand(const printed& p, int level) {
  const std::string text = p.negative ? "-" + p.text : p.text;
  const int own = p.negative ? std::min<int>(p.level, negative_level) : p.level;
  return own < level ? Style::group(text) : text;
}

/// Sorts the parts by `before`, stably, by insertion: a sum or product has a handful of
/// them, and std::stable_sort's merging code cost more to compile than the printing.
template <class Before>
void sort_parts(std::vector<printed>& parts, Before before) {
  for (std::size_t i = 1; i < parts.size(); ++i)
    for (std::size_t j = i; j > 0 && before(parts[j], parts[j - 1]); --j) std::swap(parts[j], parts[j - 1]);
}

template <class Style>
std::string join(std::vector<printed> parts, const std::string& separator, int level) {
  sort_parts(parts, [](const printed& a, const printed& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.text < b.text;
  });
  std::string out;
  for (const printed& p : parts) out += (out.empty() ? "" : separator) + operand<Style>(p, level);
  return out;
}

/// base^exponent for a rational exponent that is positive.
template <class Style, class B>
printed print_positive_power(const B& base, rational r) {
  const printed b = print<Style>(base);
  const int rank = B::kind == node_kind::variable ? 0 : 1;
  if (r == rational{1, 1})
    return {b.text, b.level, b.negative, rank};
  if (r == rational{1, 2})
    return {Style::root(operand<Style>(b, 0)), atom_level, false, rank};
  const std::string exponent = Style::rational(r.num, r.den);
  return {Style::power(operand<Style>(b, atom_level), exponent, r.is_integer()), power_level, false, rank};
}

template <class Style>
printed finish_sum(std::vector<printed> parts, std::vector<printed> numbers) {
  sort_parts(parts, [](const printed& a, const printed& b) { return a.text < b.text; });
  parts.insert(parts.end(), numbers.begin(), numbers.end());
  // Lead with a positive term where there is one: 1 - step(x), not -step(x) + 1.
  const auto positive = std::find_if(parts.begin(), parts.end(), [](const printed& p) { return !p.negative; });
  if (positive != parts.end())
    std::rotate(parts.begin(), positive, positive + 1);
  std::string out;
  for (const printed& p : parts) {
    const std::string text = p.level <= sum_level ? Style::group(p.text) : p.text;
    if (out.empty())
      out = p.negative ? "-" + text : text;
    else
      out += (p.negative ? " - " : " + ") + text;
  }
  return {out, sum_level, false};
}

template <class Style, class... Ts>
printed print_sum(const pack<Ts...>& terms) {
  std::vector<printed> parts;
  std::vector<printed> numbers;
  unpack(terms, [&](const auto&... t) {
    ((is_rational<std::remove_cvref_t<decltype(t)>>::value || is_runtime<std::remove_cvref_t<decltype(t)>>::value
          ? numbers.push_back(print<Style>(t))
          : parts.push_back(print<Style>(t))),
     ...);
  });
  return finish_sum<Style>(std::move(parts), std::move(numbers));
}

template <class F>
constexpr bool has_rational_exponent() {
  if constexpr (is_power<F>::value)
    return is_rational<std::remove_cvref_t<decltype(std::declval<F>().exponent())>>::value;
  else
    return false;
}

template <class Style>
printed finish_product(std::vector<printed> numerator, std::vector<printed> denominator, const std::string& number,
                       const std::string& denominator_number, bool negative) {
  for (printed& p : denominator)  // x / (-2.0) is -x / 2.0
    if (p.negative)
      negative = !negative, p.negative = false;
  const bool has_denominator = !denominator.empty() || !denominator_number.empty();
  // A lone numerator needs no brackets where the fraction bar groups it (LaTeX's \frac).
  std::string top = has_denominator && Style::fraction_groups && numerator.size() == 1 && number.empty()
                        ? numerator.front().text
                        : join<Style>(numerator, Style::times(), negative_level);
  if (!number.empty())
    top = top.empty() ? number : joined(number, Style::times(), top);
  if (top.empty())
    top.push_back('1');  // not = "1": GCC 12 -O3 -Wrestrict false positive
  // One factor below the bar is grouped only if it binds looser than a power (x / (y + 1));
  // several always are (x / (y * z)).
  const bool several = denominator.size() + (denominator_number.empty() ? 0 : 1) > 1;
  const bool compound = several || (denominator.size() == 1 && denominator.front().level < power_level);
  std::string bottom = several ? join<Style>(denominator, Style::times(), negative_level)
                               : (denominator.empty() ? "" : denominator.front().text);
  if (!denominator_number.empty())
    bottom = bottom.empty() ? denominator_number : joined(denominator_number, Style::times(), bottom);
  const bool single = numerator.size() + (number.empty() ? 0 : 1) == 1 && bottom.empty();
  if (bottom.empty())
    return {top, single ? numerator.empty() ? atom_level : numerator.front().level : product_level, negative};
  return {Style::fraction(top, bottom, compound), product_level, negative};
}

template <class Style, class... Fs>
printed print_product(const pack<Fs...>& factors) {
  bool negative = false;
  std::string number, denominator_number;
  std::vector<printed> numerator, denominator;
  unpack(factors, [&](const auto&... f) {
    (
        [&](const auto& factor) {
          using F = std::remove_cvref_t<decltype(factor)>;
          if constexpr (is_rational<F>::value) {
            negative = F::value.num < 0;
            const std::intmax_t n = negative ? -F::value.num : F::value.num;
            if (n != 1)
              number = std::to_string(n);
            if (F::value.den != 1)
              denominator_number = std::to_string(F::value.den);
          } else if constexpr (is_runtime<F>::value) {
            negative = factor.value < 0;
            number = format_number(negative ? -factor.value : factor.value);
          } else if constexpr (has_rational_exponent<F>()) {
            constexpr rational r = std::remove_cvref_t<decltype(factor.exponent())>::value;
            if constexpr (r.is_negative())
              denominator.push_back(print_positive_power<Style>(factor.base(), -r));
            else
              numerator.push_back(print_positive_power<Style>(factor.base(), r));
          } else {
            numerator.push_back(print<Style>(factor));
          }
        }(f),
        ...);
  });
  return finish_product<Style>(std::move(numerator), std::move(denominator), number, denominator_number, negative);
}

/// How a node that the switch below does not know prints itself (matrix/print.hpp
/// specialises it for matrix products, transposes, reductions and hadamard products):
/// `static printed print<Style>(const E&)`.
template <class E>
struct node_printer;

template <class Style, class E>
printed print(const E& e) {
  if constexpr (requires { node_printer<E>::template print<Style>(e); }) {
    return node_printer<E>::template print<Style>(e);
  } else if constexpr (E::kind == node_kind::constant) {
    constexpr rational r = E::value;
    return {Style::rational(r.num < 0 ? -r.num : r.num, r.den), r.den == 1 ? atom_level : product_level, r.num < 0, -1};
  } else if constexpr (E::kind == node_kind::named_constant) {
    return {Style::template named<typename E::tag>(), atom_level, false, -1};
  } else if constexpr (E::kind == node_kind::runtime_constant) {
    return {format_number(e.value < 0 ? -e.value : e.value), atom_level, e.value < 0, -1};
  } else if constexpr (E::kind == node_kind::variable) {
    return {Style::variable(E::name.view()), atom_level, false, 0};
  } else if constexpr (E::kind == node_kind::unary) {
    return {Style::call(E::op::name, latex_name<typename E::op>(), operand<Style>(print<Style>(e.arg()), 0)),
            atom_level, false};
  } else if constexpr (E::kind == node_kind::binary) {
    return {Style::call(E::op::name, latex_name<typename E::op>(),
                        operand<Style>(print<Style>(e.lhs()), 0) + ", " + operand<Style>(print<Style>(e.rhs()), 0)),
            atom_level, false};
  } else if constexpr (E::kind == node_kind::power) {
    using X = std::remove_cvref_t<decltype(e.exponent())>;
    if constexpr (is_rational<X>::value) {
      if constexpr (X::value.is_negative()) {
        const printed below = print_positive_power<Style>(e.base(), -X::value);
        return {Style::fraction("1", below.text, below.level < power_level), product_level, below.negative};
      } else {
        return print_positive_power<Style>(e.base(), X::value);
      }
    } else {
      if constexpr (is_runtime<X>::value) {  // pow(x, n) differentiated: x^1 is x
        if constexpr (std::is_integral_v<typename X::value_type>)
          if (e.exponent().value == 1)
            return print<Style>(e.base());
      }
      const printed x = print<Style>(e.exponent());
      return {Style::power(operand<Style>(print<Style>(e.base()), atom_level), operand<Style>(x, 0),
                           x.level == atom_level && !x.negative),
              power_level, false};
    }
  } else if constexpr (E::kind == node_kind::sum) {
    return print_sum<Style>(e.operands);
  } else {
    return print_product<Style>(e.operands);
  }
}

}  // namespace detail

/// The expression as text with minimal parentheses: `x - y * (a + b)`, `x / (y * z)`,
/// `-x^2`, `sqrt(x)`; integer powers are written `x^2`.
///
///     to_string(d(sin(x) + x * y, x)) == "cos(x) + y"
template <Expression E>
[[nodiscard]] std::string to_string(const E& e) {
  const detail::printed p = detail::print<detail::plain_style>(e);
  return p.negative ? "-" + p.text : p.text;
}

/// The expression as LaTeX math: `\frac{x}{y}`, `x^{2}`, `\sqrt{x}`, `\sin\left(x\right)`.
///
///     to_latex(x / sqrt(y)) == "\\frac{x}{\\sqrt{y}}"
template <Expression E>
[[nodiscard]] std::string to_latex(const E& e) {
  const detail::printed p = detail::print<detail::latex_style>(e);
  return p.negative ? "-" + p.text : p.text;
}

/// Streams `to_string(e)`.
///
///     std::cout << d(x * x, x);   // 2 * x
template <Expression E>
std::ostream& operator<<(std::ostream& out, const E& e) {
  return out << to_string(e);
}

}  // namespace leibniz

LEIBNIZ_TEXT_CODE_END
LEIBNIZ_HEADER_END
