// leibniz/functions.hpp — every elementary function, one header each under ops/.
//
// The one list of them: a new function is its op header under ops/ (see function.hpp)
// and one line here.
#pragma once

#include "ops/abs.hpp"
#include "ops/acos.hpp"
#include "ops/asin.hpp"
#include "ops/atan.hpp"
#include "ops/cos.hpp"
#include "ops/cosh.hpp"
#include "ops/erf.hpp"
#include "ops/exp.hpp"
#include "ops/expm1.hpp"
#include "ops/gelu.hpp"
#include "ops/log.hpp"
#include "ops/log1p.hpp"
#include "ops/max.hpp"
#include "ops/min.hpp"
#include "ops/normal_cdf.hpp"
#include "ops/pow.hpp"
#include "ops/relu.hpp"
#include "ops/sigmoid.hpp"
#include "ops/sign.hpp"
#include "ops/sin.hpp"
#include "ops/sinh.hpp"
#include "ops/softplus.hpp"
#include "ops/step.hpp"
#include "ops/tan.hpp"
#include "ops/tanh.hpp"
