// to_dot: the structure of the drawn graph (nodes, edges, labels) and its annotations
// (values and adjoints), read back from the DOT text.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

namespace {

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

struct parsed_node {
  std::string label;
  std::string shape;
  bool output = false;
  std::optional<double> value;
  std::optional<double> adjoint;
};

struct parsed_edge {
  int from = 0;
  int to = 0;
  std::optional<double> gradient;  // the share of the gradient it carries, at branches
};

struct parsed_graph {
  std::map<int, parsed_node> nodes;
  std::vector<parsed_edge> edges;
  bool left_to_right = false;
  bool closed = false;

  const parsed_node& labelled(const std::string& label) const {
    const parsed_node* found = nullptr;
    for (const auto& [id, n] : nodes)
      if (n.label == label) {
        REQUIRE(found == nullptr);  // the label is unique in the graphs asked about
        found = &n;
      }
    REQUIRE(found != nullptr);
    return *found;
  }
  int id_of(const std::string& label) const {
    for (const auto& [id, n] : nodes)
      if (n.label == label)
        return id;
    FAIL("no node labelled " << label);
    return -1;
  }
  std::size_t edges_between(const std::string& from, const std::string& to) const {
    std::size_t count = 0;
    for (const parsed_edge& e : edges) count += e.from == id_of(from) && e.to == id_of(to);
    return count;
  }
};

std::optional<double> coloured(const std::string& label, const std::string& colour) {
  const std::regex font("<FONT COLOR=\"" + colour + "\">([^<]*)</FONT>");
  std::smatch m;
  if (!std::regex_search(label, m, font))
    return std::nullopt;
  return std::stod(m[1]);
}

parsed_graph parse(const std::string& dot) {
  static const std::regex node_line(R"re(^  n(\d+) \[shape=(\w+)(, peripheries=2)?, label=(.*)\];$)re");
  static const std::regex edge_line(R"re(^  n(\d+) -> n(\d+)( \[label=<(.*)>\])?;$)re");
  static const std::regex plain_label(R"re(^"(.*)"$)re");
  static const std::regex html_label(R"re(^<<B>(.*?)</B>(.*)>$)re");
  parsed_graph g;
  std::istringstream in(dot);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "digraph leibniz {");
  while (std::getline(in, line)) {
    std::smatch m;
    if (line == "  rankdir=LR;") {
      g.left_to_right = true;
    } else if (std::regex_match(line, m, node_line)) {
      parsed_node n;
      n.shape = m[2];
      n.output = m[3].matched;
      const std::string label = m[4];
      std::smatch l;
      if (std::regex_match(label, l, plain_label)) {
        n.label = l[1];
      } else {
        REQUIRE(std::regex_match(label, l, html_label));
        n.label = l[1];
        n.value = coloured(l[2], "#1a7f37");
        n.adjoint = coloured(l[2], "#cf222e");
      }
      g.nodes[std::stoi(m[1])] = n;
    } else if (std::regex_match(line, m, edge_line)) {
      parsed_edge e{std::stoi(m[1]), std::stoi(m[2]), std::nullopt};
      if (m[3].matched)
        e.gradient = coloured(m[4], "#cf222e");
      g.edges.push_back(e);
    } else if (line == "}") {
      g.closed = true;
    }
  }
  // Every edge joins drawn nodes and points from an operand to a later user.
  for (const parsed_edge& e : g.edges) {
    REQUIRE(g.nodes.count(e.from) == 1);
    REQUIRE(g.nodes.count(e.to) == 1);
    REQUIRE(e.from < e.to);
  }
  return g;
}

}  // namespace

TEST_CASE("the course's backprop example: structure of (x + y) * z", "[dot]") {
  constexpr auto f = (x + y) * z;
  const parsed_graph g = parse(leibniz::to_dot(f));
  CHECK(g.closed);
  CHECK(g.left_to_right);
  CHECK(g.nodes.size() == leibniz::node_count(f));  // 5: x, y, z, +, *
  CHECK(g.edges.size() == 4);
  CHECK(g.edges_between("x", "+") == 1);
  CHECK(g.edges_between("y", "+") == 1);
  CHECK(g.edges_between("+", "*") == 1);
  CHECK(g.edges_between("z", "*") == 1);
  CHECK(g.labelled("x").shape == "box");
  CHECK(g.labelled("*").output);
  CHECK_FALSE(g.labelled("+").output);
  CHECK_FALSE(g.labelled("+").value.has_value());  // no bindings, no annotations
}

TEST_CASE("the course's backprop example: values and adjoints at x = -2, y = 5, z = -4", "[dot]") {
  constexpr auto f = (x + y) * z;
  const parsed_graph g = parse(leibniz::to_dot(f, x = -2.0, y = 5.0, z = -4.0));
  CHECK(g.nodes.size() == 5);
  CHECK(g.labelled("+").value == 3.0);     // q = x + y
  CHECK(g.labelled("*").value == -12.0);   // f
  CHECK(g.labelled("*").adjoint == 1.0);   // df/df
  CHECK(g.labelled("+").adjoint == -4.0);  // df/dq = z
  CHECK(g.labelled("z").adjoint == 3.0);   // df/dz = q
  CHECK(g.labelled("x").adjoint == -4.0);  // upstream -4 times local 1
  CHECK(g.labelled("y").adjoint == -4.0);
  CHECK(g.labelled("x").value == -2.0);
  CHECK(g.labelled("z").value == -4.0);
  for (const parsed_edge& e : g.edges) CHECK_FALSE(e.gradient.has_value());  // no branches
}

TEST_CASE("a shared subexpression is drawn once and its gradients add", "[dot]") {
  // Course example 1: x1 feeds both sin and the product.
  constexpr auto f = sin(x) + x * y;
  const parsed_graph g = parse(leibniz::to_dot(f, x = 1.0, y = 2.0));
  CHECK(g.nodes.size() == leibniz::node_count(f));  // x, y, sin, *, +
  CHECK(g.nodes.size() == 5);
  CHECK(g.edges.size() == 5);
  CHECK(g.edges_between("x", "sin") == 1);
  CHECK(g.edges_between("x", "*") == 1);
  CHECK(g.labelled("+").value == Approx(std::sin(1.0) + 2.0));
  CHECK(g.labelled("x").adjoint == Approx(std::cos(1.0) + 2.0));  // df/dx1 = cos(x1) + x2
  CHECK(g.labelled("y").adjoint == Approx(1.0));                  // df/dx2 = x1
  // The two edges leaving x carry cos(x) and y back; the node shows their sum.
  std::vector<double> shares;
  for (const parsed_edge& e : g.edges)
    if (e.from == g.id_of("x")) {
      REQUIRE(e.gradient.has_value());
      shares.push_back(*e.gradient);
    }
  REQUIRE(shares.size() == 2);
  CHECK(shares[0] + shares[1] == Approx(std::cos(1.0) + 2.0));
  CHECK((shares[0] == Approx(2.0) || shares[1] == Approx(2.0)));
}

TEST_CASE("a repeated subexpression deep inside is one node", "[dot]") {
  const auto u = exp(x * y);
  const auto f = u * sin(u) + u;  // exp(x y) occurs three times
  const parsed_graph g = parse(leibniz::to_dot(f));
  CHECK(g.nodes.size() == leibniz::node_count(f));
  std::size_t exps = 0;
  for (const auto& [id, n] : g.nodes) exps += n.label == "exp";
  CHECK(exps == 1);
  CHECK(g.edges_between("exp", "sin") == 1);
}

TEST_CASE("runtime constants are drawn at each place, never merged by type", "[dot]") {
  const auto f = x * 2.0 + x * 3.0;
  const parsed_graph g = parse(leibniz::to_dot(f, x = 1.0));
  CHECK(g.nodes.size() == leibniz::node_count(f));  // x, 2.0, 3.0, two products, +
  CHECK(g.nodes.size() == 6);
  CHECK(g.labelled("2.0").shape == "plaintext");
  CHECK(g.labelled("3.0").value == 3.0);
  CHECK_FALSE(g.labelled("3.0").adjoint.has_value());  // constants carry a value only
  CHECK(g.labelled("+").value == 5.0);
  CHECK(g.labelled("x").adjoint == 5.0);
}

TEST_CASE("labels of operations, constants and powers", "[dot]") {
  const auto f = 3_c * sqrt(x) + pow(y, 2_c) / x + leibniz::pi * max(x, y);
  const parsed_graph g = parse(leibniz::to_dot(f));
  for (const char* label : {"3", "sqrt", "^2", "^-1", "pi", "max", "x", "y", "+"}) {
    INFO(label);
    CHECK(g.id_of(label) >= 0);
  }
  // An exact exponent is part of its power's label, not a node: the only constant drawn
  // is the coefficient 3 (node_count also counts the exponents 1/2, 2 and -1).
  std::size_t constants = 0;
  for (const auto& [id, n] : g.nodes) constants += n.shape == "plaintext";
  CHECK(constants == 2);  // 3 and pi
  CHECK(g.edges_between("x", "sqrt") == 1);
  CHECK(g.edges_between("y", "^2") == 1);
  CHECK(g.edges_between("x", "^-1") == 1);
  CHECK(g.edges_between("x", "max") == 1);
  CHECK(g.edges_between("y", "max") == 1);
}

TEST_CASE("local partials of each kind of node", "[dot]") {
  SECTION("a product passes each factor the product of the others, also at a zero") {
    const parsed_graph g = parse(leibniz::to_dot(x * y * z, x = 0.0, y = 3.0, z = 4.0));
    CHECK(g.labelled("x").adjoint == 12.0);
    CHECK(g.labelled("y").adjoint == 0.0);
    CHECK(g.labelled("z").adjoint == 0.0);
  }
  SECTION("max routes the gradient to the larger operand") {
    const parsed_graph g = parse(leibniz::to_dot(max(x, y), x = 3.0, y = 1.0));
    CHECK(g.labelled("max").value == 3.0);
    CHECK(g.labelled("x").adjoint == 1.0);
    CHECK(g.labelled("y").adjoint == 0.0);
  }
  SECTION("a power with a variable exponent: both partials") {
    const parsed_graph g = parse(leibniz::to_dot(pow(x, y), x = 2.0, y = 3.0));
    CHECK(g.nodes.size() == 3);
    CHECK(g.labelled("^").value == 8.0);
    CHECK(g.labelled("x").adjoint == Approx(12.0));                 // y x^(y-1)
    CHECK(g.labelled("y").adjoint == Approx(8.0 * std::log(2.0)));  // x^y log(x)
  }
  SECTION("a power with an exact exponent, a function, and a runtime exponent") {
    const auto f = pow(sin(x), 3_c) + pow(x, 2.5);
    const parsed_graph g = parse(leibniz::to_dot(f, x = 0.5));
    const double expected = 3.0 * std::pow(std::sin(0.5), 2.0) * std::cos(0.5) + 2.5 * std::pow(0.5, 1.5);
    CHECK(g.labelled("x").adjoint == Approx(expected).epsilon(1e-5));  // 6 digits printed
    CHECK(g.labelled("sin").adjoint == Approx(3.0 * std::pow(std::sin(0.5), 2.0)).epsilon(1e-5));
    CHECK_FALSE(g.labelled("2.5").adjoint.has_value());
  }
}

TEST_CASE("the graph of a derivative", "[dot]") {
  constexpr auto f = sin(x) * x;
  constexpr auto df = leibniz::d(f, x);  // x cos(x) + sin(x)
  const parsed_graph g = parse(leibniz::to_dot(df, x = 2.0));
  CHECK(g.nodes.size() == leibniz::node_count(df));
  CHECK(g.nodes.size() == 5);  // x, cos, *, sin, +
  CHECK(g.labelled("+").output);
  CHECK(g.labelled("+").value == Approx(2.0 * std::cos(2.0) + std::sin(2.0)).epsilon(1e-5));
  // d/dx of the derivative: the second derivative, 2 cos(x) - x sin(x).
  CHECK(g.labelled("x").adjoint == Approx(2.0 * std::cos(2.0) - 2.0 * std::sin(2.0)).epsilon(1e-5));
}

TEST_CASE("a constant expression and a lone variable", "[dot]") {
  const parsed_graph one = parse(leibniz::to_dot(x, x = 7.0));
  REQUIRE(one.nodes.size() == 1);
  CHECK(one.labelled("x").output);
  CHECK(one.labelled("x").value == 7.0);
  CHECK(one.labelled("x").adjoint == 1.0);
  CHECK(one.edges.empty());
  const parsed_graph two = parse(leibniz::to_dot(leibniz::d(x * x, x, x)));
  REQUIRE(two.nodes.size() == 1);
  CHECK(two.labelled("2").shape == "plaintext");
}

TEST_CASE("float bindings are annotated in float", "[dot]") {
  const parsed_graph g = parse(leibniz::to_dot(x * y, x = 1.5f, y = -2.0f));
  CHECK(g.labelled("*").value == -3.0);
  CHECK(g.labelled("x").adjoint == -2.0);
}

TEST_CASE("a zero gradient prints as 0, never -0", "[dot]") {
  const std::string dot = leibniz::to_dot(-x * y, x = 1.0, y = 0.0);  // d/dx = -1 * 0
  CHECK(dot.find(">-0<") == std::string::npos);
  CHECK(parse(dot).labelled("x").adjoint == 0.0);
}
