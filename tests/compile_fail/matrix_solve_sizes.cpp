// solve(A, b) with static sizes where b has other rows than the square A is a compile
// error that shows both shapes: a 3 x 3 matrix and a vector of 4.
//
// expect: solve\(A, b\): b has other rows than A
// expect: sizes_do_not_fit<leibniz::detail::solve_tag, 3, 3, 4, 1>
#include <leibniz/leibniz.hpp>

constexpr auto A = leibniz::mat<"A", 3, 3>;
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto b = leibniz::vec<"b", 4>;
#else
constexpr auto b = leibniz::vec<"b", 3>;
#endif

int main() {
  constexpr auto x = solve(A, b);
  return leibniz::shape_of(x).rows == 3 ? 0 : 1;
}
