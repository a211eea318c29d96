package dev.backprop.runtime;

import java.util.Arrays;

/**
 * The primitive tape that generated gradients of methods with loops use: the forward sweep
 * pushes the values it overwrites, the backward sweep pops them in reverse order; local arrays
 * come from a pool of the tape. One tape per thread, reused across calls, so a gradient call
 * allocates nothing once the tape has grown to the size the computation needs.
 *
 * <p>Generated code brackets its use: {@code Tape tape = Tape.get(); int mark = tape.mark();
 * try { ... } finally { tape.release(mark); }}, so nested gradient calls share the tape as a
 * stack and an exception leaves it clean. Not for use from user code.
 */
public final class Tape {

  private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(Tape::new);

  private double[] doubles = new double[256];
  private int doubleTop;
  private int[] ints = new int[256];
  private int intTop;
  private double[][] arrays = new double[16][];
  private int arrayTop;
  private double[][] references = new double[16][];
  private int referenceTop;

  private Tape() {}

  /** This thread's tape. */
  public static Tape get() {
    return TAPES.get();
  }

  /** A position to {@link #release} back to: everything pushed or taken after it is dropped. */
  public int mark() {
    // three stacks, one mark: pack the array stack's top with the others' via side arrays
    int mark = marks.size;
    marks.push(doubleTop, intTop, arrayTop, referenceTop);
    return mark;
  }

  /** Drops everything pushed and every array taken since {@code mark}. */
  public void release(int mark) {
    doubleTop = marks.doubles(mark);
    intTop = marks.ints(mark);
    for (int i = marks.arrays(mark); i < arrayTop; i++) {
      pool.giveBack(arrays[i]);
      arrays[i] = null;
    }
    arrayTop = marks.arrays(mark);
    for (int i = marks.references(mark); i < referenceTop; i++) {
      references[i] = null;
    }
    referenceTop = marks.references(mark);
    marks.size = mark;
  }

  /** Saves a double the forward sweep is about to overwrite. */
  public void push(double value) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = value;
  }

  /** The double saved last. */
  public double popDouble() {
    return doubles[--doubleTop];
  }

  /** Saves an int (a loop count, an index, a branch taken) the forward sweep overwrites. */
  public void push(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intTop++] = value;
  }

  /** The int saved last. */
  public int popInt() {
    return ints[--intTop];
  }

  /** Saves a long the forward sweep overwrites, exactly (as two ints). */
  public void push(long value) {
    push((int) (value >>> 32));
    push((int) value);
  }

  /** The long saved last. */
  public long popLong() {
    long low = popInt() & 0xFFFFFFFFL;
    return ((long) popInt() << 32) | low;
  }

  /** Saves a boolean (which branch was taken). */
  public void push(boolean value) {
    push(value ? 1 : 0);
  }

  /** The boolean saved last. */
  public boolean popBoolean() {
    return popInt() != 0;
  }

  /** Saves which array a {@code double[]} variable the forward sweep reassigns referred to. */
  public void push(double[] array) {
    if (referenceTop == references.length) {
      references = Arrays.copyOf(references, references.length * 2);
    }
    references[referenceTop++] = array;
  }

  /** The array reference saved last. */
  public double[] popDoubleArray() {
    double[] array = references[--referenceTop];
    references[referenceTop] = null;
    return array;
  }

  /**
   * A zeroed {@code double[length]}, as {@code new double[length]} gives, from the pool; it is
   * the caller's until {@link #release}.
   */
  public double[] zeros(int length) {
    if (length < 0) {
      throw new NegativeArraySizeException(Integer.toString(length));
    }
    double[] array = pool.take(length);
    if (arrayTop == arrays.length) {
      arrays = Arrays.copyOf(arrays, arrays.length * 2);
    }
    arrays[arrayTop++] = array;
    return array;
  }

  /** How many values and arrays are on the tape: for tests. */
  public int size() {
    return doubleTop + intTop + arrayTop + referenceTop;
  }

  private final Marks marks = new Marks();
  private final Pool pool = new Pool();

  /** The stack of marks, four ints each. */
  private static final class Marks {
    private int[] values = new int[64];
    private int size;

    void push(int doubleTop, int intTop, int arrayTop, int referenceTop) {
      if (4 * size + 4 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[4 * size] = doubleTop;
      values[4 * size + 1] = intTop;
      values[4 * size + 2] = arrayTop;
      values[4 * size + 3] = referenceTop;
      size++;
    }

    int doubles(int mark) {
      return values[4 * mark];
    }

    int ints(int mark) {
      return values[4 * mark + 1];
    }

    int arrays(int mark) {
      return values[4 * mark + 2];
    }

    int references(int mark) {
      return values[4 * mark + 3];
    }
  }

  /** Arrays given back, by length (computations use a few lengths, so buckets are scanned). */
  private static final class Pool {
    private int[] lengths = new int[8];
    private double[][][] stacks = new double[8][][];
    private int[] counts = new int[8];
    private int buckets;

    double[] take(int length) {
      int b = bucket(length);
      if (b >= 0 && counts[b] > 0) {
        double[] array = stacks[b][--counts[b]];
        stacks[b][counts[b]] = null;
        Arrays.fill(array, 0.0);
        return array;
      }
      return new double[length];
    }

    void giveBack(double[] array) {
      int b = bucket(array.length);
      if (b < 0) {
        if (buckets == lengths.length) {
          lengths = Arrays.copyOf(lengths, buckets * 2);
          stacks = Arrays.copyOf(stacks, buckets * 2);
          counts = Arrays.copyOf(counts, buckets * 2);
        }
        b = buckets++;
        lengths[b] = array.length;
        stacks[b] = new double[4][];
      }
      if (counts[b] == stacks[b].length) {
        stacks[b] = Arrays.copyOf(stacks[b], counts[b] * 2);
      }
      stacks[b][counts[b]++] = array;
    }

    private int bucket(int length) {
      for (int b = 0; b < buckets; b++) {
        if (lengths[b] == length) {
          return b;
        }
      }
      return -1;
    }
  }
}
