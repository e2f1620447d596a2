// tests/unit/test_inspect.cpp — free_variables, node_count (the DAG) and tree_size (the
// written-out tree). All of them are constexpr; the numbers below were counted by hand.
#include <catch2/catch.hpp>

#include <tuple>
#include <type_traits>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;
using leibniz::free_variables;
using leibniz::node_count;
using leibniz::tree_size;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

template <leibniz::fixed_string... Names>
using vars = std::tuple<leibniz::variable<Names>...>;

template <class E, class Tuple>
constexpr bool has_variables = std::is_same_v<decltype(free_variables(std::declval<const E&>())), Tuple>;
}  // namespace

TEST_CASE("free_variables: sorted by name, each once", "[inspect][free_variables]") {
  STATIC_REQUIRE(has_variables<decltype(x), vars<"x">>);
  STATIC_REQUIRE(has_variables<decltype(x * y + x), vars<"x", "y">>);
  STATIC_REQUIRE(has_variables<decltype(y * x + x), vars<"x", "y">>);
  STATIC_REQUIRE(has_variables<decltype(z * y + x * y), vars<"x", "y", "z">>);
  STATIC_REQUIRE(has_variables<decltype(sin(z) + exp(y * z) * x + x * x * x), vars<"x", "y", "z">>);
  STATIC_REQUIRE(has_variables<decltype(pow(x, y)), vars<"x", "y">>);
  STATIC_REQUIRE(has_variables<decltype(max(y, x)), vars<"x", "y">>);
  STATIC_REQUIRE(has_variables<decltype(2.0 * x + y), vars<"x", "y">>);
  // lexicographic order of the names (byte-wise: upper case first, "x10" before "x2")
  constexpr auto named = leibniz::var<"x2"> + leibniz::var<"b"> * leibniz::var<"x10"> + leibniz::var<"a1"> +
                         leibniz::var<"A"> * leibniz::var<"a">;
  STATIC_REQUIRE(has_variables<decltype(named), vars<"A", "a", "a1", "b", "x10", "x2">>);

  // and the tuple holds the variables themselves
  constexpr auto fv = free_variables(z * y + x * y);
  STATIC_REQUIRE(std::tuple_size_v<decltype(fv)> == 3);
  STATIC_REQUIRE(std::get<0>(fv) == x);
  STATIC_REQUIRE(std::get<1>(fv) == y);
  STATIC_REQUIRE(std::get<2>(fv) == z);
  CHECK(std::get<2>(fv).name.view() == "z");
}

TEST_CASE("free_variables are those after simplification", "[inspect][free_variables]") {
  STATIC_REQUIRE(has_variables<decltype(z / z), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(x - x), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(0_c * y), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(pow(y, 0_c)), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(x + y - x), vars<"y">>);
  STATIC_REQUIRE(has_variables<decltype(x * z / z), vars<"x">>);
  STATIC_REQUIRE(has_variables<decltype(log(exp(y)) - y + x), vars<"x">>);
  STATIC_REQUIRE(has_variables<decltype(2_c), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(leibniz::pi), vars<>>);
  // derivatives lose the variables they no longer depend on
  STATIC_REQUIRE(has_variables<decltype(d(x * y, x)), vars<"y">>);
  STATIC_REQUIRE(has_variables<decltype(d(x * x * y, y)), vars<"x">>);
  STATIC_REQUIRE(has_variables<decltype(d(sin(x), y)), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(d(x + y, x)), vars<>>);
  STATIC_REQUIRE(has_variables<decltype(d(sin(x) + x * y, x)), vars<"x", "y">>);
  // a runtime constant is not a variable
  const auto g = 2.5 * x + 1.5;
  CHECK(std::tuple_size_v<decltype(free_variables(g))> == 1);
}

TEST_CASE("node_count counts each distinct node once; tree_size counts them all", "[inspect][size]") {
  // leaves
  STATIC_REQUIRE(node_count(x) == 1);
  STATIC_REQUIRE(tree_size(x) == 1);
  STATIC_REQUIRE(node_count(2_c) == 1);
  STATIC_REQUIRE(node_count(leibniz::pi) == 1);
  // sin(x) + x: sum, sin, x (x once); written out: sum, sin, x, x
  STATIC_REQUIRE(node_count(sin(x) + x) == 3);
  STATIC_REQUIRE(tree_size(sin(x) + x) == 4);
  // x * x is x^2: power, x, 2
  STATIC_REQUIRE(node_count(x * x) == 3);
  STATIC_REQUIRE(tree_size(x * x) == 3);
  // x / y is x * y^-1: product, x, power, y, -1; x - y is x + (-1) y: sum, x, product, -1, y
  STATIC_REQUIRE(node_count(x / y) == 5);
  STATIC_REQUIRE(node_count(x - y) == 5);
  STATIC_REQUIRE(tree_size(x - y) == 5);
  // sin(x)^2 + sin(x): sum, power, sin, x, 2 -- the documented example
  STATIC_REQUIRE(node_count(sin(x) * sin(x) + sin(x)) == 5);
  STATIC_REQUIRE(tree_size(sin(x) * sin(x) + sin(x)) == 7);
  // exp(sin(x)) * sin(x)^2: product, exp, sin, x, power, 2
  STATIC_REQUIRE(node_count(sin(x) * sin(x) * exp(sin(x))) == 6);
  STATIC_REQUIRE(tree_size(sin(x) * sin(x) * exp(sin(x))) == 8);
  // nothing shared but x: sum, exp, sin, x, sin, exp
  STATIC_REQUIRE(node_count(exp(sin(x)) + sin(exp(x))) == 6);
  STATIC_REQUIRE(tree_size(exp(sin(x)) + sin(exp(x))) == 7);
  // sqrt(x) shared: product, power, x, 1/2, exp
  STATIC_REQUIRE(node_count(sqrt(x) * exp(sqrt(x))) == 5);
  STATIC_REQUIRE(tree_size(sqrt(x) * exp(sqrt(x))) == 8);
  // the DAG is never larger than the tree
  constexpr auto f = sin(x * y) + x * y + exp(x * y) * x;
  STATIC_REQUIRE(node_count(f) <= tree_size(f));
  STATIC_REQUIRE(node_count(f) == 7);  // sum, sin, x*y, x, y, x*exp, exp
  CHECK(node_count(f) == 7);
}

TEST_CASE("shared subexpressions: the DAG grows linearly where the tree doubles", "[inspect][size]") {
  // u_k = sin(u_{k-1}) * u_{k-1}: each level adds two nodes (sin(u) and the product)
  // to the DAG, and copies the whole tree.
  constexpr auto u1 = sin(x) + x;
  constexpr auto u2 = sin(u1) * u1;
  constexpr auto u3 = sin(u2) * u2;
  constexpr auto u4 = sin(u3) * u3;
  constexpr auto u5 = sin(u4) * u4;
  STATIC_REQUIRE(node_count(u1) == 3);
  STATIC_REQUIRE(node_count(u2) == 5);
  STATIC_REQUIRE(node_count(u3) == 7);
  STATIC_REQUIRE(node_count(u4) == 9);
  STATIC_REQUIRE(node_count(u5) == 11);
  STATIC_REQUIRE(tree_size(u1) == 4);
  STATIC_REQUIRE(tree_size(u2) == 10);
  STATIC_REQUIRE(tree_size(u3) == 21);
  STATIC_REQUIRE(tree_size(u4) == 43);
  STATIC_REQUIRE(tree_size(u5) == 87);
}

TEST_CASE("nodes that hold a runtime constant are counted at each place", "[inspect][size][runtime]") {
  // 2.0 x + 3.0 x: sum, (2.0 x), 2.0, x, (3.0 x), 3.0 -- x once, the constants each
  constexpr auto f = 2.0 * x + 3.0 * x;
  STATIC_REQUIRE(node_count(f) == 6);
  STATIC_REQUIRE(tree_size(f) == 7);
  // 2.0 sin(x) + 3.0 x sin(x): sin(x) and x are shared, the runtime nodes are not
  constexpr auto g = 2.0 * sin(x) + 3.0 * sin(x) * x;
  STATIC_REQUIRE(node_count(g) == 7);
  STATIC_REQUIRE(tree_size(g) == 10);
  constexpr auto h = 2.0 * x;
  STATIC_REQUIRE(node_count(h) == 3);
  CHECK(node_count(h) == 3);
  CHECK(tree_size(pow(x, 2.5)) == 3);
}
