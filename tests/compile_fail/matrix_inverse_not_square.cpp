// inverse(A) of a matrix whose static sizes are not square is a compile error that
// names the operations that need a square matrix and shows A's sizes: 3 x 4.
//
// expect: inverse\(A\), log_det\(A\) and solve\(A, b\) take a square matrix A
// expect: sizes_do_not_fit<leibniz::inverse_op, 3, 4, 4, 3>
#include <leibniz/leibniz.hpp>

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto A = leibniz::mat<"A", 3, 4>;
#else
constexpr auto A = leibniz::mat<"A", 3, 3>;
#endif

int main() {
  constexpr auto x = inverse(A);
  return leibniz::shape_of(x).rows == 3 ? 0 : 1;
}
