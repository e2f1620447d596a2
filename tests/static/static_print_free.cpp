// tests/static/static_print_free.cpp — the static tier of what can be asked of an
// expression at compile time: its concepts, its emptiness, its free variables (as a
// std::tuple type), its node_count and tree_size, and variable names. One static_assert
// a line, compiled and never run. (to_string and to_latex build std::strings at run
// time: they are tested in tests/unit/test_print.cpp.)
#include <leibniz/leibniz.hpp>

#include <tuple>
#include <type_traits>

namespace {

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;
using leibniz::Expression;
using leibniz::free_variables;
using leibniz::node_count;
using leibniz::StaticExpression;
using leibniz::tree_size;
using leibniz::Variable;

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

template <leibniz::fixed_string... Names>
using vars = std::tuple<leibniz::variable<Names>...>;

template <class E>
using free_t = decltype(free_variables(std::declval<const E&>()));

// ------------------------------------------------------------------------- concepts
static_assert(Expression<decltype(x)>);
static_assert(Expression<decltype(2_c)>);
static_assert(Expression<decltype(leibniz::pi)>);
static_assert(Expression<decltype(sin(x) + x * y)>);
static_assert(Expression<decltype(2.0 * x)>);
static_assert(Expression<const decltype(sin(x))&>);
static_assert(!Expression<double>);
static_assert(!Expression<int>);
static_assert(!Expression<decltype(x = 1.0)>);
static_assert(Variable<decltype(x)>);
static_assert(Variable<decltype(leibniz::var<"x1">)>);
static_assert(Variable<decltype(x + y - y)>);
static_assert(!Variable<decltype(2_c * x)>);
static_assert(!Variable<decltype(sin(x))>);
static_assert(!Variable<decltype(2_c)>);
static_assert(!Variable<double>);
static_assert(StaticExpression<decltype(x)>);
static_assert(StaticExpression<decltype(2_c * x)>);
static_assert(StaticExpression<decltype(d(sin(x) * y, x))>);
static_assert(!StaticExpression<decltype(2.0 * x)>);
static_assert(!StaticExpression<decltype(sin(x) + pow(x, 0.5))>);
static_assert(!StaticExpression<double>);

// ------------------------------------------------------------------------- empty objects
static_assert(std::is_empty_v<decltype(x)>);
static_assert(std::is_empty_v<decltype(c<1, 2>)>);
static_assert(std::is_empty_v<decltype(leibniz::pi)>);
static_assert(std::is_empty_v<decltype(sin(x) + x * y)>);
static_assert(std::is_empty_v<decltype(d(exp(sin(x) * y) / (x + 1_c), x, y))>);
static_assert(!std::is_empty_v<decltype(2.0 * x)>);
static_assert(sizeof(2.0 * x) == sizeof(double));
static_assert(sizeof(2.5 * sin(x) + 3.5 * cos(y) * x) == 2 * sizeof(double));
static_assert(sizeof(0.5f * x) == sizeof(float));

// ------------------------------------------------------------------------- variable names
static_assert(x.name.view() == "x");
static_assert(leibniz::var<"x12">.name.view() == "x12");
static_assert(leibniz::fixed_string("abc").size() == 3);
static_assert(std::is_same_v<decltype(leibniz::var<"x">), decltype(x)>);
static_assert(!std::is_same_v<decltype(x), decltype(y)>);

// ------------------------------------------------------------------------- free variables: sorted, unique
static_assert(std::is_same_v<free_t<decltype(x)>, vars<"x">>);
static_assert(std::is_same_v<free_t<decltype(x * y + x)>, vars<"x", "y">>);
static_assert(std::is_same_v<free_t<decltype(z * y + x * y)>, vars<"x", "y", "z">>);
static_assert(std::is_same_v<free_t<decltype(sin(z) + exp(y * z) * x)>, vars<"x", "y", "z">>);
static_assert(std::is_same_v<free_t<decltype(pow(x, y))>, vars<"x", "y">>);
static_assert(std::is_same_v<free_t<decltype(max(y, x))>, vars<"x", "y">>);
static_assert(std::is_same_v<free_t<decltype(2.0 * x + y)>, vars<"x", "y">>);
static_assert(
    std::is_same_v<free_t<decltype(leibniz::var<"b"> + leibniz::var<"a1"> + leibniz::var<"A">)>, vars<"A", "a1", "b">>);
static_assert(std::is_same_v<free_t<decltype(leibniz::var<"x2"> * leibniz::var<"x10">)>, vars<"x10", "x2">>);
static_assert(std::tuple_size_v<free_t<decltype(sin(x) + x * y)>> == 2);
static_assert(std::get<1>(free_variables(z * y + x)) == y);

// ------------------------------------------------------------------------- free variables: after simplification
static_assert(std::is_same_v<free_t<decltype(z / z)>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(x - x)>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(0_c * y)>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(x + y - x)>, vars<"y">>);
static_assert(std::is_same_v<free_t<decltype(x * z / z)>, vars<"x">>);
static_assert(std::is_same_v<free_t<decltype(2_c)>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(leibniz::pi)>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(d(x * y, x))>, vars<"y">>);
static_assert(std::is_same_v<free_t<decltype(d(x * x * y, y))>, vars<"x">>);
static_assert(std::is_same_v<free_t<decltype(d(sin(x), y))>, vars<>>);
static_assert(std::is_same_v<free_t<decltype(d(x + y, x))>, vars<>>);

// ------------------------------------------------------------------------- node_count and tree_size
static_assert(node_count(x) == 1);
static_assert(tree_size(x) == 1);
static_assert(node_count(2_c) == 1);
static_assert(node_count(sin(x) + x) == 3);
static_assert(tree_size(sin(x) + x) == 4);
static_assert(node_count(x * x) == 3);
static_assert(node_count(x / y) == 5);
static_assert(node_count(x - y) == 5);
static_assert(node_count(sin(x) * sin(x) + sin(x)) == 5);
static_assert(tree_size(sin(x) * sin(x) + sin(x)) == 7);
static_assert(node_count(sin(x) * sin(x) * exp(sin(x))) == 6);
static_assert(tree_size(sin(x) * sin(x) * exp(sin(x))) == 8);
static_assert(node_count(exp(sin(x)) + sin(exp(x))) == 6);
static_assert(tree_size(exp(sin(x)) + sin(exp(x))) == 7);
static_assert(node_count(sqrt(x) * exp(sqrt(x))) == 5);
static_assert(tree_size(sqrt(x) * exp(sqrt(x))) == 8);
static_assert(node_count(sin(x * y) + x * y + exp(x * y) * x) == 7);
static_assert(node_count(2.0 * x + 3.0 * x) == 6);
static_assert(tree_size(2.0 * x + 3.0 * x) == 7);
static_assert(node_count(2.0 * sin(x) + 3.0 * sin(x) * x) == 7);
static_assert(tree_size(2.0 * sin(x) + 3.0 * sin(x) * x) == 10);
static_assert(node_count(d(sin(x) * sin(x), x)) == 5);
static_assert(tree_size(d(sin(x) * sin(x), x)) == 6);

// the DAG grows linearly where the tree doubles: u_k = sin(u_{k-1}) * u_{k-1}
constexpr auto u1 = sin(x) + x;
constexpr auto u2 = sin(u1) * u1;
constexpr auto u3 = sin(u2) * u2;
constexpr auto u4 = sin(u3) * u3;
static_assert(node_count(u1) == 3);
static_assert(node_count(u2) == 5);
static_assert(node_count(u3) == 7);
static_assert(node_count(u4) == 9);
static_assert(tree_size(u1) == 4);
static_assert(tree_size(u2) == 10);
static_assert(tree_size(u3) == 21);
static_assert(tree_size(u4) == 43);

}  // namespace
