// leibniz/dot.hpp — to_dot: the expression's DAG as a Graphviz graph, optionally
// annotated at a point with every node's value and adjoint: backpropagation, drawn.
//
// The graph is the DAG that evaluation computes: a subexpression that occurs several times
// is drawn once (static nodes are told apart by their structural hash, as node_count does),
// while nodes holding a runtime constant are drawn at each place they occur, since two of
// them may hold different numbers. Operands point to the node that uses them, inputs on
// the left (`rankdir=LR`). An exact exponent is part of its power's label (`^2`, `sqrt`,
// `^-1`), as a gate is usually drawn, and not a node of its own.
//
// Annotation needs no compile-time machinery beyond what exists: each node's value is
// `eval(node, bindings...)`, and the adjoints come from a small reverse sweep at run time
// over the drawn nodes, each passing `adjoint * local partial` (the node's own rule,
// nodes.hpp, evaluated) to its operands. This is a
// picture, not a fast path; `gradient` is the fast path.
//
// A graph with vectors or matrices in it labels every node but the numbers with its shape
// (shape.hpp) on a second line, `3 x 4`, a size taken at binding written `?`: the shapes
// are what a reader checks first in such a graph, and they are known at compile time.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "detail/children.hpp"
#include "detail/pack.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "print.hpp"
#include "shape.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN
LEIBNIZ_TEXT_CODE_BEGIN

namespace leibniz {

namespace detail {

/// One drawn node: its label, its operands (ids of earlier nodes) with the local partial
/// derivative of this node by each, and, with bindings, its value.
struct dot_node {
  std::string label;
  std::string dims;  // "3 x 4", "? x 1": the shape, in graphs with vectors or matrices
  enum class shape { input, constant, operation } kind = shape::operation;
  std::vector<std::size_t> operands;
  std::vector<long double> partials;  // d(this)/d(operand), one per operand, with bindings
  long double value = 0;
  bool has_adjoint = true;  // constants carry a value only: nothing flows back from them
  std::uint64_t hash = 0;
  bool shared = false;  // identified by hash (static), so drawn once however often it occurs
};

struct dot_graph {
  std::vector<dot_node> nodes;  // topological order: operands before their users
};

/// A leaf that is not a variable: a number.
template <class E>
constexpr bool is_constant_leaf() {
  return !Variable<E> && children_t<E>::size == 0;
}

/// `^2`, `sqrt`, `^-1`, `^(1/3)` for a power with an exact exponent.
inline std::string power_label(rational r) {
  if (r == rational{1, 2})
    return "sqrt";
  // Appended in place: GCC 12 at -O3 warns falsely about "^" + std::string (-Wrestrict).
  std::string label = "^";
  if (r.is_integer())
    return label.append(std::to_string(r.num));
  return label.append("(").append(std::to_string(r.num)).append("/").append(std::to_string(r.den)).append(")");
}

/// A shape as a node shows it: `3 x 4`, `? x 1` (a column of a length taken at binding),
/// `1 x 1` for a scalar.
inline std::string shape_text(shape s) {
  const auto size = [](int n) { return n == dynamic_size ? std::string("?") : std::to_string(n); };
  return s.scalar ? "1 x 1" : size(s.rows) + " x " + size(s.cols);
}

/// Whether a product multiplies two or more vectors or matrices (entry by entry).
template <class E>
constexpr bool is_entrywise_product() {
  return []<class... Cs>(pack<Cs...>*) {
    return (0 + ... + int(!shape_of_type<Cs>::value.scalar)) >= 2;
  }(static_cast<children_t<E>*>(nullptr));
}

template <class E>
std::string dot_label(const E& e) {
  if constexpr (E::kind == node_kind::matrix) {
    // A matrix node's own name ("*" for the matrix product, "sum", "colwise_sum", "fill"),
    // the transpose written as it prints, x^T.
    return E::name == std::string_view("transpose") ? std::string("^T") : std::string(E::name);
  } else if constexpr (E::kind == node_kind::product && is_entrywise_product<E>()) {
    return "hadamard";  // as to_string writes it: "*" is the matrix product in such graphs
  } else if constexpr (E::kind == node_kind::constant || E::kind == node_kind::named_constant ||
                       E::kind == node_kind::variable) {
    return to_string(e);
  } else if constexpr (E::kind == node_kind::runtime_constant) {
    return format_number(e.value);
  } else if constexpr (E::kind == node_kind::unary || E::kind == node_kind::binary) {
    return std::string(E::op::name);
  } else if constexpr (E::kind == node_kind::power) {
    using X = std::remove_cvref_t<decltype(e.exponent())>;
    if constexpr (is_rational<X>::value)
      return power_label(X::value);
    else
      return "^";
  } else if constexpr (E::kind == node_kind::sum) {
    return "+";
  } else {
    return "*";
  }
}

/// The operands that are drawn: all of them, except an exact exponent (part of the label).
template <class E>
constexpr auto drawn_operands(const E& e) {
  if constexpr (is_power<E>::value) {
    using X = std::remove_cvref_t<decltype(e.exponent())>;
    if constexpr (is_rational<X>::value)
      return pack<std::remove_cvref_t<decltype(e.base())>>(e.base());
    else
      return children(e);
  } else {
    return children(e);
  }
}

/// The value of a subexpression at the bindings, as R.
template <class R, class E, class... Bs>
R value_at(const E& e, const Bs&... bindings) {
  return static_cast<R>(eval(e, bindings...));
}

/// The local partials of e by each drawn operand, evaluated from the node's own rule
/// (nodes.hpp). Nothing flows back into a constant, so its partial is not evaluated.
template <class R, class E, class... Bs>
std::vector<R> local_partials([[maybe_unused]] const E& e, [[maybe_unused]] const Bs&... bindings) {
  if constexpr (children_t<E>::size == 0)  // a leaf has no operands (and no rule)
    return {};
  else
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return std::vector<R>{[&] {
        if constexpr (is_constant_leaf<element_t<K, children_t<E>>>())
          return R(0);
        else
          return value_at<R>(E::template partial<K>(e), bindings...);
      }()...};
    }
  (std::make_index_sequence<decltype(drawn_operands(e))::size>{});
}

/// Adds e (and, first, its operands) to the graph; returns its id. A static node already
/// drawn is found by its hash and not drawn again.
template <class R, bool Shapes, class E, class... Bs>
std::size_t add_node(dot_graph& graph, const E& e, [[maybe_unused]] const Bs&... bindings) {
  if constexpr (E::is_static) {
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
      if (graph.nodes[i].shared && graph.nodes[i].hash == E::hash)
        return i;
  }
  dot_node n;
  n.label = dot_label(e);
  if constexpr (Shapes && !is_constant_leaf<E>())
    n.dims = shape_text(shape_of_type<E>::value);
  n.kind = Variable<E>             ? dot_node::shape::input
           : is_constant_leaf<E>() ? dot_node::shape::constant
                                   : dot_node::shape::operation;
  n.has_adjoint = !is_constant_leaf<E>();
  n.hash = E::hash;
  n.shared = E::is_static;
  unpack(drawn_operands(e), [&](const auto&... operand) {
    (n.operands.push_back(add_node<R, Shapes>(graph, operand, bindings...)), ...);
  });
  if constexpr (sizeof...(Bs) > 0) {
    n.value = static_cast<long double>(value_at<R>(e, bindings...));
    for (const R& p : local_partials<R>(e, bindings...)) n.partials.push_back(static_cast<long double>(p));
  }
  graph.nodes.push_back(std::move(n));
  return graph.nodes.size() - 1;
}

/// df/dnode for every node: the reverse sweep. Nodes come in topological order, so going
/// backwards every node has its full adjoint (gradients added at branches) before it
/// passes it on.
inline std::vector<long double> adjoints(const dot_graph& graph) {
  std::vector<long double> adjoint(graph.nodes.size(), 0.0L);
  if (graph.nodes.empty())
    return adjoint;
  adjoint.back() = 1.0L;
  for (std::size_t i = graph.nodes.size(); i-- > 0;) {
    const dot_node& n = graph.nodes[i];
    for (std::size_t k = 0; k < n.operands.size(); ++k)
      if (graph.nodes[n.operands[k]].has_adjoint)
        adjoint[n.operands[k]] += adjoint[i] * n.partials[k];
  }
  return adjoint;
}

/// A number as a label shows it: 6 significant digits, `-12` rather than `-12.0`, and
/// `0` for a zero gradient, whatever its sign (`-0` would only puzzle the reader).
template <class R>
std::string dot_number(R value) {
  if (value == R(0))
    value = R(0);
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

inline std::string html_escape(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '&')
      out += "&amp;";
    else if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '"')
      out += "&quot;";
    else
      out += ch;
  }
  return out;
}

inline constexpr std::string_view dot_value_colour = "#1a7f37";     // green: forward values
inline constexpr std::string_view dot_gradient_colour = "#cf222e";  // red

/// The DOT text of a graph; `annotated` adds values and adjoints (as converted by R).
template <class R>
std::string write_dot(const dot_graph& graph, bool annotated) {
  const std::vector<long double> adjoint = annotated ? adjoints(graph) : std::vector<long double>{};
  std::vector<std::size_t> users(graph.nodes.size(), 0);
  for (const dot_node& n : graph.nodes)
    for (const std::size_t o : n.operands) ++users[o];
  const auto colour = [](std::string_view c, const std::string& text) {
    return "<FONT COLOR=\"" + std::string(c) + "\">" + text + "</FONT>";
  };
  std::string out =
      "digraph leibniz {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\", fontsize=11];\n"
      "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const dot_node& n = graph.nodes[i];
    const char* shape = n.kind == dot_node::shape::input      ? "box"
                        : n.kind == dot_node::shape::constant ? "plaintext"
                                                              : "ellipse";
    out += "  n" + std::to_string(i) + " [shape=" + shape;
    if (i + 1 == graph.nodes.size())
      out += ", peripheries=2";  // the output
    if (annotated) {
      // Value above in green, adjoint df/dnode below in red.
      std::string label = "<B>" + html_escape(n.label) + "</B><BR/>";
      if (!n.dims.empty())
        label += html_escape(n.dims) + "<BR/>";
      label += colour(dot_value_colour, dot_number(static_cast<R>(n.value)));
      if (n.has_adjoint)
        label += "<BR/>" + colour(dot_gradient_colour, dot_number(static_cast<R>(adjoint[i])));
      out += ", label=<" + label + ">";
    } else {
      // The shape on a second line (DOT's \n escape: a centred line break).
      out += ", label=\"" + html_escape(n.label) + (n.dims.empty() ? "" : "\\n" + html_escape(n.dims)) + "\"";
    }
    out += "];\n";
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const dot_node& n = graph.nodes[i];
    for (std::size_t k = 0; k < n.operands.size(); ++k) {
      const std::size_t o = n.operands[k];
      out += "  n" + std::to_string(o) + " -> n" + std::to_string(i);
      // Where a value feeds several nodes, each edge shows the share of the gradient it
      // carries back; the node's adjoint is their sum.
      if (annotated && users[o] > 1 && graph.nodes[o].has_adjoint)
        out += " [label=<" + colour(dot_gradient_colour, dot_number(static_cast<R>(adjoint[i] * n.partials[k]))) + ">]";
      out += ";\n";
    }
  }
  if (annotated)
    out += "  label=<" + colour(dot_value_colour, "value") + " &#160; " +
           colour(dot_gradient_colour, "gradient df/dnode") + ">;\n  labelloc=b;\n";
  out += "}\n";
  return out;
}

template <class T>
inline constexpr bool is_scalar_binding_v = false;
template <fixed_string Name, class T>
inline constexpr bool is_scalar_binding_v<binding<Name, T>> = std::is_arithmetic_v<T>;

}  // namespace detail

/// The expression's DAG as Graphviz DOT text: one node per distinct subexpression (drawn
/// once however often it occurs), edges from each operand to the node that uses it, inputs
/// on the left. Labels are the operations (`sin`, `+`, `*`, `^2`), variables and
/// constants. With bindings, every node also shows its value (green) and the adjoint
/// df/dnode (red), and where a value feeds several nodes each edge shows its share of the
/// gradient. An expression with vectors or matrices labels each node with its shape
/// (`W * x` over `3 x 1`; a size taken at binding is `?`, a scalar `1 x 1`); such a graph
/// is drawn without bindings. Render it with `dot -Tpng graph.dot -o graph.png`.
///
///     std::cout << leibniz::to_dot((x + y) * z, x = -2.0, y = 5.0, z = -4.0);   // q = 3, f = -12
///     std::cout << leibniz::to_dot(relu(W * x + b));   // "*\n? x 1", "relu\n? x 1", ...
template <class E, class... Bs>
[[nodiscard]] std::string to_dot(const E& f, const Bs&... bindings) {
  static_assert(Expression<E>, "leibniz::to_dot(f, x = v, ...): 'f' must be a leibniz expression");
  constexpr bool shapes = [] {
    if constexpr (Expression<E>)
      return detail::has_matrix<E>::value;
    else
      return false;
  }();
  static_assert(!shapes || sizeof...(Bs) == 0,
                "leibniz::to_dot(f, x = v, ...): values and adjoints are drawn for scalar expressions only; "
                "draw an expression with vectors or matrices without bindings, to_dot(f), which shows the shapes");
  static_assert(shapes || (detail::is_scalar_binding_v<Bs> && ...),  // (one message at a time)
                "leibniz::to_dot(f, x = v, ...): every argument after 'f' must be a binding `x = value` "
                "to a number (float, double, long double or an integer)");
  if constexpr (Expression<E> && (detail::is_scalar_binding_v<Bs> && ...) && (!shapes || sizeof...(Bs) == 0)) {
    if constexpr (sizeof...(Bs) == 0) {
      detail::dot_graph graph;
      detail::add_node<double, shapes>(graph, f);
      return detail::write_dot<double>(graph, false);
    } else if constexpr (detail::bindings_checked<E, Bs...>::value) {
      using R = detail::result_t<E, Bs...>;
      detail::dot_graph graph;
      detail::add_node<R, false>(graph, f, bindings...);
      return detail::write_dot<R>(graph, true);
    } else {
      return {};  // after the message naming the variable, without a cascade of errors
    }
  } else {
    return {};
  }
}

}  // namespace leibniz

LEIBNIZ_TEXT_CODE_END
LEIBNIZ_HEADER_END
