package dev.backprop.core;

/**
 * The natural logarithm rounded correctly to the nearest double, as glibc's {@code log} (and so
 * NumPy) returns it. {@link StrictMath#log} and {@link Math#log} are allowed one ulp of error, and
 * about one Gaussian in a hundred would then differ from NumPy's in its last bit.
 *
 * <p>Method: {@code x = 2^k · m} with {@code m} in [√½, √2), and
 * {@code log m = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …)} with {@code s = (m − 1)/(m + 1)}, all in
 * double-double arithmetic (about 106 bits), then rounded once.
 */
final class PreciseLog {

    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    private static final double SQRT2 = 1.4142135623730951;
    /** |s| ≤ 0.1716, so s^44/45 is below 2^-106. */
    private static final int TERMS = 23;
    private static final double[] INVERSE_ODD_HI = new double[TERMS];
    private static final double[] INVERSE_ODD_LO = new double[TERMS];

    static {
        for (int n = 0; n < TERMS; n++) {
            double d = 2 * n + 1;
            INVERSE_ODD_HI[n] = 1.0 / d;
            INVERSE_ODD_LO[n] = Math.fma(-INVERSE_ODD_HI[n], d, 1.0) / d;
        }
    }

    private PreciseLog() {}

    /**
     * @param x a positive finite number
     * @return {@code ln x}, correctly rounded
     */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        int k = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            k = -54;
        }
        int exponent = Math.getExponent(x);
        double m = Math.scalb(x, -exponent);
        k += exponent;
        if (m > SQRT2) {
            m *= 0.5;
            k += 1;
        }
        // s = (m − 1) / (m + 1); m − 1 is exact, m + 1 is a two-sum.
        double numerator = m - 1.0;
        double denominatorHi = m + 1.0;
        double denominatorLo = (m - (denominatorHi - 1.0)) + (1.0 - (denominatorHi - (denominatorHi - 1.0)));
        double sHi = numerator / denominatorHi;
        // Remainder numerator − s·(denHi + denLo), divided by the denominator, refines s.
        double remainder = Math.fma(-sHi, denominatorHi, numerator) - sHi * denominatorLo;
        double sLo = remainder / denominatorHi;
        double[] s = normalize(sHi, sLo);
        double[] s2 = multiply(s[0], s[1], s[0], s[1]);

        double tHi = INVERSE_ODD_HI[TERMS - 1];
        double tLo = INVERSE_ODD_LO[TERMS - 1];
        for (int n = TERMS - 2; n >= 0; n--) {
            double[] product = multiply(tHi, tLo, s2[0], s2[1]);
            double[] sum = add(product[0], product[1], INVERSE_ODD_HI[n], INVERSE_ODD_LO[n]);
            tHi = sum[0];
            tLo = sum[1];
        }
        double[] logM = multiply(2 * s[0], 2 * s[1], tHi, tLo);
        double[] kLn2 = add(k * LN2_HI, Math.fma(k, LN2_HI, -k * LN2_HI), k * LN2_LO, 0);
        double[] total = add(kLn2[0], kLn2[1], logM[0], logM[1]);
        return total[0] + total[1];
    }

    private static double[] normalize(double hi, double lo) {
        double sum = hi + lo;
        return new double[] {sum, lo - (sum - hi)};
    }

    private static double[] add(double aHi, double aLo, double bHi, double bLo) {
        double sum = aHi + bHi;
        double bVirtual = sum - aHi;
        double error = (aHi - (sum - bVirtual)) + (bHi - bVirtual);
        return normalize(sum, error + aLo + bLo);
    }

    private static double[] multiply(double aHi, double aLo, double bHi, double bLo) {
        double product = aHi * bHi;
        double error = Math.fma(aHi, bHi, -product);
        return normalize(product, error + aHi * bLo + aLo * bHi);
    }
}
