// leibniz/leibniz.hpp — everything: expressions, derivatives, evaluation on numbers and
// Eigen arrays, printing, graphs and the gradient checker.
//
//     #include <leibniz/leibniz.hpp>
//     using namespace leibniz::literals;
//     constexpr auto x = leibniz::var<"x">;
//     static_assert(leibniz::d(sin(x) * x, x) == cos(x) * x + sin(x));
#pragma once

#include "check.hpp"
#include "core.hpp"
#include "eigen.hpp"
#include "matrix.hpp"
