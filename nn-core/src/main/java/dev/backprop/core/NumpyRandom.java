package dev.backprop.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A random source that reproduces NumPy's legacy global stream ({@code np.random.seed(s)} followed
 * by {@code np.random.random_sample}, {@code randn}, {@code uniform}), so that a run can start from
 * the data and initial weights that the book's Python code produces.
 *
 * <p>The generator is MT19937 seeded by {@code init_genrand}; a double takes two 32-bit outputs,
 * {@code ((a >> 5) · 2^26 + (b >> 6)) / 2^53}; Gaussians come from the polar Box–Muller method,
 * which makes two values per accepted pair and keeps the second for the next call.
 *
 * <p>Uniform draws are NumPy's bit for bit. Gaussians use a correctly rounded logarithm, while
 * NumPy calls glibc's, which is accurate to about 0.52 ulp but not correctly rounded: about 3 of
 * every 10 000 Gaussians differ from NumPy's in the last bit (never by more than two ulps), which
 * vanishes once values are rounded to float32 as the book stores them.
 *
 * <p>Not thread-safe: give each thread its own instance.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int position;
    private boolean hasGaussian;
    private double gaussian;

    /**
     * Seeds the stream as {@code np.random.seed(seed)} does.
     *
     * @param seed a seed from 0 to 2^32 − 1, NumPy's range
     * @throws IllegalArgumentException if the seed is outside that range
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException(
                    "NumPy seeds run from 0 to 2^32 - 1, got " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int previous = state[i - 1];
            state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        position = N;
    }

    private NumpyRandom(State saved) {
        for (int i = 0; i < N; i++) {
            state[i] = (int) saved.key()[i];
        }
        position = saved.position();
        hasGaussian = saved.hasGaussian();
        gaussian = saved.gaussian();
    }

    /** @return a copy of the generator's whole state, to save and restore later */
    public State state() {
        long[] key = new long[N];
        for (int i = 0; i < N; i++) {
            key[i] = state[i] & 0xffffffffL;
        }
        return new State(key, position, hasGaussian, gaussian);
    }

    /**
     * @param saved a state from {@link #state()}
     * @return a generator that continues exactly where the saved one was
     */
    public static NumpyRandom restore(State saved) {
        return new NumpyRandom(saved);
    }

    /**
     * The state of a {@link NumpyRandom}, as NumPy's {@code get_state()} gives it.
     *
     * @param key the 624 words of MT19937, each from 0 to 2^32 − 1
     * @param position the index of the next word, from 0 to 624
     * @param hasGaussian whether a Gaussian is cached
     * @param gaussian the cached Gaussian
     */
    public record State(long[] key, int position, boolean hasGaussian, double gaussian) {
        /**
         * @param key the 624 words of MT19937
         * @param position the index of the next word
         * @param hasGaussian whether a Gaussian is cached
         * @param gaussian the cached Gaussian
         * @throws IllegalArgumentException if the state is not one MT19937 can be in
         */
        public State {
            if (key == null || key.length != N || position < 0 || position > N || !Double.isFinite(gaussian)) {
                throw new IllegalArgumentException("Not an MT19937 state");
            }
            key = key.clone();
            for (long word : key) {
                if (word < 0 || word > 0xffffffffL) {
                    throw new IllegalArgumentException("Not an MT19937 state: a word is outside 32 bits");
                }
            }
        }

        /** @return a copy of the 624 words of MT19937 */
        @Override
        public long[] key() {
            return key.clone();
        }
    }

    /** @return the next raw 32-bit output of MT19937, from 0 to 2^32 − 1 */
    public long nextUInt32() {
        return nextInt32() & 0xffffffffL;
    }

    private int nextInt32() {
        if (position >= N) {
            regenerate();
        }
        int y = state[position++];
        // Tempering.
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        position = 0;
    }

    /** @return a uniform double in [0, 1) with 53 random bits, as {@code np.random.random_sample()} */
    public double nextDouble() {
        long a = nextUInt32() >>> 5;
        long b = nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * @param low the lower bound, included
     * @param high the upper bound, excluded
     * @return a uniform double in [low, high), as {@code np.random.uniform(low, high)}
     */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** @return a standard normal value, as {@code np.random.randn()} */
    public double nextGaussian() {
        if (hasGaussian) {
            hasGaussian = false;
            return gaussian;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        // NumPy's log is correctly rounded; Java's may be one ulp off (see PreciseLog).
        double f = Math.sqrt(-2.0 * PreciseLog.log(r2) / r2);
        gaussian = f * x1;
        hasGaussian = true;
        return f * x2;
    }

    /**
     * A uniform integer from 0 to {@code max} inclusive, as NumPy's legacy {@code random_interval}:
     * raw 32-bit draws masked to the smallest covering power of two, redrawn while above max.
     *
     * @param max the largest value, from 0 to 2^31 − 1
     * @return the draw
     */
    public int nextInterval(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be ≥ 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = Integer.highestOneBit(max) * 2L - 1;
        long value;
        do {
            value = nextUInt32() & mask;
        } while (value > max);
        return (int) value;
    }

    /**
     * Shuffles in place as {@code np.random.shuffle} does a 1-d array: for i from n − 1 down to 1,
     * swap entry i with entry {@link #nextInterval(int) nextInterval(i)}.
     *
     * @param values the array to shuffle
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInterval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /**
     * Draws a matrix of standard normal values in row-major order, as {@code np.random.randn(rows, cols)}.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @return a new matrix
     */
    public DMatrixRMaj randn(int rows, int cols) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < matrix.data.length; i++) {
            matrix.data[i] = nextGaussian();
        }
        return matrix;
    }
}
