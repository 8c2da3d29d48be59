// The standard normal distribution's upper tail, for the large-sample approximation of the
// Mann-Whitney test. Computed through erfc to full double precision: a series for small
// arguments (Abramowitz & Stegun 7.1.6, all terms positive) and a continued fraction for large
// ones (A&S 7.1.14, evaluated by the modified Lentz method), so tiny p-values keep their digits.

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(x) for x >= 0. */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/sqrt(pi) e^{-x^2} sum_{n>=0} 2^n x^{2n+1} / (1*3*...*(2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let i = 1; i < 500; i++) {
    const a = i / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

export function erfc(x: number): number {
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}
