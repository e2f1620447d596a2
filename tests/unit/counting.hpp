// tests/unit/counting.hpp — a test operation that counts how often it is computed.
//
// counted(a) has the value of a and derivative 1, and adds one to counted_op::calls per
// evaluation of its kernel (per number, per SIMD batch or per Eigen block), so a test
// can prove that a shared node is computed once, not by reading the code.
#pragma once

#include <string_view>

#include <leibniz/leibniz.hpp>

struct counted_op {
  static constexpr std::string_view name = "counted";
  static constexpr std::string_view latex = "\\operatorname{counted}";
  static inline long calls = 0;
  template <class T>
  static T apply(const T& v) {
    ++calls;
    return v;
  }
  static constexpr leibniz::detail::folded fold(leibniz::detail::rational) { return {}; }
  template <class A>
  static constexpr auto derivative(const A&) {
    return leibniz::c<1>;
  }
};

template <leibniz::Expression A>
constexpr auto counted(const A& a) {
  return leibniz::detail::make_unary<counted_op>(a);
}
