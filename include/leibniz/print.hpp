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
#include "detail/text.hpp"
#include "expression.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN
LEIBNIZ_TEXT_CODE_BEGIN

namespace leibniz {

namespace detail {

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
  static std::string group(const std::string& s) { return concat({"(", s, ")"}); }
  static std::string times() { return " * "; }
  static std::string rational(std::intmax_t n, std::intmax_t d) {
    return d == 1 ? std::to_string(n) : concat({std::to_string(n), "/", std::to_string(d)});
  }
  static std::string fraction(const std::string& num, const std::string& den, bool den_is_compound) {
    return concat({num, " / ", den_is_compound ? group(den) : den});
  }
  static std::string power(const std::string& base, const std::string& exponent, bool exponent_is_atom) {
    return concat({base, "^", exponent_is_atom ? exponent : group(exponent)});
  }
  static std::string root(const std::string& arg) { return concat({"sqrt(", arg, ")"}); }
  static std::string call(std::string_view name, std::string_view, const std::string& args) {
    return concat({name, "(", args, ")"});
  }
  static std::string named(std::string_view name, std::string_view) { return std::string(name); }
  static std::string variable(std::string_view name) { return std::string(name); }
};

struct latex_style {
  static constexpr bool fraction_groups = true;  // \frac{a}{b} groups both
  static std::string group(const std::string& s) { return concat({"\\left(", s, "\\right)"}); }
  static std::string times() { return " \\cdot "; }
  static std::string rational(std::intmax_t n, std::intmax_t d) {
    return d == 1 ? std::to_string(n) : concat({"\\frac{", std::to_string(n), "}{", std::to_string(d), "}"});
  }
  static std::string fraction(const std::string& num, const std::string& den, bool) {
    return concat({"\\frac{", num, "}{", den, "}"});
  }
  static std::string power(const std::string& base, const std::string& exponent, bool) {
    return concat({base, "^{", exponent, "}"});
  }
  static std::string root(const std::string& arg) { return concat({"\\sqrt{", arg, "}"}); }
  static std::string call(std::string_view, std::string_view latex, const std::string& args) {
    const bool known = latex.substr(0, 1) == "\\" && latex.find("operatorname") == std::string_view::npos;
    return concat({latex, known ? " " : "", group(args)});
  }
  static std::string named(std::string_view, std::string_view latex) { return std::string(latex); }
  static std::string variable(std::string_view name) {  // x1 -> x_{1}, w_1 -> w_{1}
    if (const std::size_t bar = name.find('_'); bar != std::string_view::npos && bar > 0 && bar + 1 < name.size())
      return concat({name.substr(0, bar), "_{", name.substr(bar + 1), "}"});
    std::size_t i = name.size();
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') --i;
    if (i == 0 || i == name.size())
      return std::string(name);
    return concat({name.substr(0, i), "_{", name.substr(i), "}"});
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

/// The printer's work list. A node prints its operands first, each pushing its text;
/// then its rule, a function of the style alone, pops them and pushes the node's text.
/// So the code made for each node type is a few calls, and the string work is written
/// once: when each node type built its own strings, the operands named in the size
/// errors of B8's gradient cost 0.5 s of its translation unit; now 0.2 s
/// (docs/compile-time.md).
struct text_stack {
  std::vector<printed> items;

  void push(printed p) { items.push_back(std::move(p)); }
  printed pop() {
    printed p = std::move(items.back());
    items.pop_back();
    return p;
  }
  /// The index of the first of the last n texts: a rule reads items[first + i], then drops them.
  std::size_t first_of(std::size_t n) const { return items.size() - n; }
  void drop(std::size_t n) {
    while (n-- > 0) items.pop_back();
  }
};

template <class Style, class E>
void print(text_stack& s, const E& e);

/// Prints each operand, in order: read from the node where it holds a runtime constant,
/// else the operand type's constant instance (pack.hpp), which makes no code.
template <class Style, std::size_t... I, class... Ts>
void print_operands(text_stack& s, const pack_storage<std::index_sequence<I...>, Ts...>& operands) {
  [[maybe_unused]] const int in_order[] = {
      0, (print<Style>(s, static_cast<const pack_leaf<I, Ts>&>(operands).value), 0)...};
}

/// The text of p as an operand that binds at least as tightly as `level`.
template <class Style>
std::string operand(const printed& p, int level) {
  const std::string text = p.negative ? concat({"-", p.text}) : p.text;
  const int own = p.negative ? std::min<int>(p.level, negative_level) : p.level;
  return own < level ? Style::group(text) : text;
}

/// Sorts the n texts that `order` indexes by `before`, stably, by insertion: a sum or a
/// product has a handful of them, and the standard algorithms, instantiated at the
/// user's optimisation level, cost more to compile than the printing.
template <class Before>
void sort_parts(const text_stack& s, std::size_t* order, std::size_t n, Before before) {
  for (std::size_t i = 1; i < n; ++i)
    for (std::size_t j = i; j > 0 && before(s.items[order[j]], s.items[order[j - 1]]); --j) {
      const std::size_t k = order[j];
      order[j] = order[j - 1];
      order[j - 1] = k;
    }
}

/// The n texts that `parts` indexes, in display order (numbers, variables, the rest;
/// then by text), between separators, each bound at least as tightly as `level`.
template <class Style>
std::string join(const text_stack& s, std::size_t* parts, std::size_t n, std::string_view separator, int level) {
  sort_parts(s, parts, n,
             [](const printed& a, const printed& b) { return a.rank != b.rank ? a.rank < b.rank : a.text < b.text; });
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0)
      out += separator;
    out += operand<Style>(s.items[parts[i]], level);
  }
  return out;
}

// ------------------------------------------------------------------ the rules
// Each pushes one text; those that take operands pop them first (the last pushed on top).

template <class Style>
void push_rational(text_stack& s, rational r) {
  s.push({Style::rational(r.num < 0 ? -r.num : r.num, r.den), r.den == 1 ? atom_level : product_level, r.num < 0, -1});
}
template <class T>
void push_number(text_stack& s, T value) {
  s.push({format_number(value < 0 ? -value : value), atom_level, value < 0, -1});
}
template <class Style>
void push_named(text_stack& s, std::string_view name, std::string_view latex) {
  s.push({Style::named(name, latex), atom_level, false, -1});
}
template <class Style>
void push_variable(text_stack& s, std::string_view name) {
  s.push({Style::variable(name), atom_level, false, 0});
}

/// The LaTeX name of an op: its `latex` if it gives one, else none (\operatorname{name}).
template <class Op>
constexpr std::string_view latex_of() {
  if constexpr (requires { Op::latex; })
    return Op::latex;
  else
    return {};
}

/// name(a, b, ...) of the last `arity` texts; `latex` empty for \operatorname{name}.
template <class Style>
void call_rule(text_stack& s, std::string_view name, std::string_view latex, std::size_t arity) {
  const std::size_t first = s.first_of(arity);
  std::string args;
  for (std::size_t i = 0; i < arity; ++i) {
    if (i > 0)
      args += ", ";
    args += operand<Style>(s.items[first + i], 0);
  }
  s.drop(arity);
  const std::string latex_name = latex.empty() ? concat({"\\operatorname{", name, "}"}) : std::string(latex);
  s.push({Style::call(name, latex_name, args), atom_level, false});
}

/// b^r for a rational r > 0: sqrt(b) for 1/2; rank orders it among factors.
template <class Style>
printed positive_power_of(const printed& b, rational r, int rank) {
  if (r == rational{1, 1})
    return {b.text, b.level, b.negative, rank};
  if (r == rational{1, 2})
    return {Style::root(operand<Style>(b, 0)), atom_level, false, rank};
  const std::string exponent = Style::rational(r.num, r.den);
  return {Style::power(operand<Style>(b, atom_level), exponent, r.is_integer()), power_level, false, rank};
}
/// The base on top raised to r, a rational that is not 0; a negative power goes below a bar.
template <class Style>
void rational_power_rule(text_stack& s, rational r, int rank) {
  const printed below = positive_power_of<Style>(s.pop(), r.is_negative() ? -r : r, rank);
  if (r.is_negative())
    s.push({Style::fraction("1", below.text, below.level < power_level), product_level, below.negative});
  else
    s.push(below);
}
/// base^exponent, the exponent on top.
template <class Style>
void power_rule(text_stack& s) {
  const printed x = s.pop(), b = s.pop();
  s.push({Style::power(operand<Style>(b, atom_level), operand<Style>(x, 0), x.level == atom_level && !x.negative),
          power_level, false});
}

/// The sum of the last n texts; is_number[i] says whether term i is a number, shown last.
template <class Style>
void sum_rule(text_stack& s, const bool* is_number, std::size_t n) {
  // The terms by text, then the numbers in their order.
  const std::size_t first = s.first_of(n);
  std::vector<std::size_t> order(n);
  std::size_t terms = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!is_number[i])
      order[terms++] = first + i;
  for (std::size_t i = 0, k = terms; i < n; ++i)
    if (is_number[i])
      order[k++] = first + i;
  sort_parts(s, order.data(), terms, [](const printed& a, const printed& b) { return a.text < b.text; });
  // Lead with a positive term where there is one: 1 - step(x), not -step(x) + 1.
  for (std::size_t i = 0; i < n; ++i)
    if (!s.items[order[i]].negative) {
      const std::size_t lead = order[i];
      for (std::size_t j = i; j > 0; --j) order[j] = order[j - 1];
      order[0] = lead;
      break;
    }
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    const printed& p = s.items[order[i]];
    if (i > 0)
      out += p.negative ? " - " : " + ";
    else if (p.negative)
      out += '-';
    out += p.level <= sum_level ? Style::group(p.text) : p.text;
  }
  s.drop(n);
  s.push({out, sum_level, false});
}

/// How a factor of a product prints: an exact number and a runtime one in front, a
/// power with an exact exponent above or below the bar (its base on the stack, not the
/// power), anything else above it as its own text.
enum class factor_role { exact_number, runtime_number, exact_power, other };
struct factor_info {
  factor_role role;
  rational value{};  // the exact number, or the exact exponent
  int rank = 1;      // of an exact power: its base is a variable (0) or not (1)
};

template <class F>
constexpr factor_info factor_info_of() {
  if constexpr (is_rational<F>::value) {
    return {factor_role::exact_number, F::value};
  } else if constexpr (is_runtime<F>::value) {
    return {factor_role::runtime_number};
  } else if constexpr (is_power<F>::value) {
    using X = exponent_t<F>;
    if constexpr (is_rational<X>::value)
      return {factor_role::exact_power, X::value, base_t<F>::kind == node_kind::variable ? 0 : 1};
    else
      return {factor_role::other};
  } else {
    return {factor_role::other};
  }
}

/// Prints a factor as its role says: an exact power by its base.
template <class Style, class F>
LEIBNIZ_ALWAYS_INLINE inline void print_factor(text_stack& s, const F& f) {
  if constexpr (factor_info_of<F>().role == factor_role::exact_power)
    print<Style>(s, static_cast<const pack_leaf<0, base_t<F>>&>(f.operands).value);
  else
    print<Style>(s, f);
}

/// The product of the last n texts, one per factor, as `factors` says.
template <class Style>
void product_rule(text_stack& s, const factor_info* factors, std::size_t n) {
  const std::size_t first = s.first_of(n);
  bool negative = false;
  std::string number, denominator_number;
  std::vector<std::size_t> above(n), below(n);  // the factors above and below the bar
  std::size_t n_above = 0, n_below = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const factor_info& f = factors[i];
    printed& text = s.items[first + i];
    if (f.role == factor_role::exact_number) {
      negative = f.value.num < 0;
      const std::intmax_t whole = negative ? -f.value.num : f.value.num;
      if (whole != 1)
        number = std::to_string(whole);
      if (f.value.den != 1)
        denominator_number = std::to_string(f.value.den);
    } else if (f.role == factor_role::runtime_number) {
      negative = text.negative;
      number = text.text;
    } else if (f.role == factor_role::exact_power && f.value.is_negative()) {
      text = positive_power_of<Style>(text, -f.value, f.rank);
      below[n_below++] = first + i;
    } else {
      if (f.role == factor_role::exact_power)
        text = positive_power_of<Style>(text, f.value, f.rank);
      above[n_above++] = first + i;
    }
  }
  for (std::size_t k = 0; k < n_below; ++k)  // x / (-2.0) is -x / 2.0
    if (s.items[below[k]].negative)
      negative = !negative, s.items[below[k]].negative = false;
  const bool has_denominator = n_below > 0 || !denominator_number.empty();
  // A lone numerator needs no brackets where the fraction bar groups it (LaTeX's \frac).
  std::string top = has_denominator && Style::fraction_groups && n_above == 1 && number.empty()
                        ? s.items[above[0]].text
                        : join<Style>(s, above.data(), n_above, Style::times(), negative_level);
  if (!number.empty())
    top = top.empty() ? number : concat({number, Style::times(), top});
  if (top.empty())
    top.push_back('1');  // not = "1": GCC 12 -O3 -Wrestrict false positive
  // One factor below the bar is grouped only if it binds looser than a power (x / (y + 1));
  // several always are (x / (y * z)).
  const bool several = n_below + (denominator_number.empty() ? 0 : 1) > 1;
  const bool compound = several || (n_below == 1 && s.items[below[0]].level < power_level);
  std::string bottom = several ? join<Style>(s, below.data(), n_below, Style::times(), negative_level)
                               : (n_below == 0 ? "" : s.items[below[0]].text);
  if (!denominator_number.empty())
    bottom = bottom.empty() ? denominator_number : concat({denominator_number, Style::times(), bottom});
  const bool single = n_above + (number.empty() ? 0 : 1) == 1 && bottom.empty();
  printed out{top, product_level, negative};
  if (!bottom.empty())
    out.text = Style::fraction(top, bottom, compound);
  else if (single)
    out.level = n_above == 0 ? atom_level : s.items[above[0]].level;
  s.drop(n);
  s.push(std::move(out));
}

template <class Style, class... Ts>
void print_sum(text_stack& s, const pack<Ts...>& terms) {
  static constexpr bool is_number[] = {(is_rational<Ts>::value || is_runtime<Ts>::value)...};
  print_operands<Style>(s, terms);
  sum_rule<Style>(s, is_number, sizeof...(Ts));
}

template <class Style, std::size_t... I, class... Fs>
void print_product(text_stack& s, const pack_storage<std::index_sequence<I...>, Fs...>& factors) {
  static constexpr factor_info info[] = {factor_info_of<Fs>()...};
  [[maybe_unused]] const int in_order[] = {
      0, (print_factor<Style>(s, static_cast<const pack_leaf<I, Fs>&>(factors).value), 0)...};
  product_rule<Style>(s, info, sizeof...(Fs));
}

/// How a node that the switch below does not know prints itself (matrix/print.hpp
/// specialises it for matrix products, transposes, reductions and hadamard products):
/// `static void print<Style>(text_stack&, const E&)`, which pushes one text.
template <class E>
struct node_printer;

template <class Style, class E>
void print(text_stack& s, const E& e) {
  if constexpr (requires { node_printer<E>::template print<Style>(s, e); }) {
    node_printer<E>::template print<Style>(s, e);
  } else if constexpr (E::kind == node_kind::constant) {
    push_rational<Style>(s, E::value);
  } else if constexpr (E::kind == node_kind::named_constant) {
    push_named<Style>(s, E::tag::name, E::tag::latex);
  } else if constexpr (E::kind == node_kind::runtime_constant) {
    push_number(s, e.value);
  } else if constexpr (E::kind == node_kind::variable) {
    push_variable<Style>(s, E::name.view());
  } else if constexpr (E::kind == node_kind::unary || E::kind == node_kind::binary) {
    print_operands<Style>(s, e.operands);
    call_rule<Style>(s, E::op::name, latex_of<typename E::op>(), E::kind == node_kind::unary ? 1 : 2);
  } else if constexpr (E::kind == node_kind::power) {
    using X = exponent_t<E>;
    if constexpr (is_rational<X>::value) {
      print<Style>(s, static_cast<const pack_leaf<0, base_t<E>>&>(e.operands).value);
      rational_power_rule<Style>(s, X::value, factor_info_of<E>().rank);
    } else {
      if constexpr (is_runtime<X>::value) {  // pow(x, n) differentiated: x^1 is x
        if constexpr (std::is_integral_v<typename X::value_type>)
          if (e.exponent().value == 1)
            return print<Style>(s, e.base());
      }
      print_operands<Style>(s, e.operands);
      power_rule<Style>(s);
    }
  } else if constexpr (E::kind == node_kind::sum) {
    print_sum<Style>(s, e.operands);
  } else {
    print_product<Style>(s, e.operands);
  }
}

/// text cut to at most `width` characters, the cut marked "...".
inline std::string shortened(std::string text, std::size_t width) {
  return text.size() > width ? concat({std::string_view(text).substr(0, width - 3), "..."}) : text;
}

/// The text on top of the stack, taken off, its sign in front.
inline std::string pop_signed_text(text_stack& s) {
  const printed p = s.pop();
  return p.negative ? concat({"-", p.text}) : p.text;
}

/// The text of e in a style, its sign in front.
template <class Style, class E>
std::string text_of(const E& e) {
  text_stack s;
  print<Style>(s, e);
  return pop_signed_text(s);
}

}  // namespace detail

/// The expression as text with minimal parentheses: `x - y * (a + b)`, `x / (y * z)`,
/// `-x^2`, `sqrt(x)`; integer powers are written `x^2`.
///
///     to_string(d(sin(x) + x * y, x)) == "cos(x) + y"
template <Expression E>
[[nodiscard]] std::string to_string(const E& e) {
  return detail::text_of<detail::plain_style>(e);
}

/// The expression as LaTeX math: `\frac{x}{y}`, `x^{2}`, `\sqrt{x}`, `\sin\left(x\right)`.
///
///     to_latex(x / sqrt(y)) == "\\frac{x}{\\sqrt{y}}"
template <Expression E>
[[nodiscard]] std::string to_latex(const E& e) {
  return detail::text_of<detail::latex_style>(e);
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
