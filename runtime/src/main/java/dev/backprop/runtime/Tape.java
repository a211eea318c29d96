package dev.backprop.runtime;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

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

  /**
   * How much memory a thread's tape keeps between calls, in bytes: when the outermost gradient
   * call returns, a stack or the pool of arrays that grew past it is let go (a call that needs
   * more takes it again, and allocates). Set with the system property
   * {@code backprop.tape.retainedBytes}; 64 MiB by default, so that one huge call does not
   * leave gigabytes held by the thread while ordinary training steps allocate nothing.
   */
  static final long RETAINED_BYTES = Long.getLong("backprop.tape.retainedBytes", 64L << 20);

  /**
   * How many bytes of saves a loop may put on the tape before it keeps checkpoints instead: a
   * loop whose iterations save {@code b} bytes each saves for its first
   * {@code T = CHECKPOINT_BYTES / b} iterations; after these, each segment of the loop (about
   * {@code T} iterations, growing by one or two per segment) pushes only the scalars the loop
   * changes, and the backward sweep runs it again, with its saves, from there. The tape then holds
   * the checkpoints and one segment's saves, close to this budget for any count that runs in
   * practice and growing like {@code sqrt(n)} beyond, at the price of running the iterations after
   * the first {@code T} twice. Set with the system property {@code backprop.tape.checkpointBytes}; 16 MiB
   * by default, at least 1. Generated code reads it; it is public for that.
   */
  public static final long CHECKPOINT_BYTES =
      Math.max(1, Long.getLong("backprop.tape.checkpointBytes", 16L << 20));

  private double[] doubles = new double[256];
  private int doubleTop;
  private int[] ints = new int[256];
  private int intTop;
  private double[][] arrays = new double[16][];
  private int arrayTop;
  private double[][] references = new double[16][];
  private int referenceTop;

  private double[][][] matrices = new double[4][][];
  private int matrixTop;

  private Tape() {}

  /** This thread's tape. */
  public static Tape get() {
    return TAPES.get();
  }

  /** A position to {@link #release} back to: everything pushed or taken after it is dropped. */
  public int mark() {
    int mark = marks.size;
    marks.push(doubleTop, intTop, arrayTop, referenceTop, matrixTop);
    return mark;
  }

  /** Drops everything pushed and every array taken since {@code mark}. */
  public void release(int mark) {
    doubleTop = marks.get(mark, Marks.DOUBLES);
    intTop = marks.get(mark, Marks.INTS);
    for (int i = marks.get(mark, Marks.ARRAYS); i < arrayTop; i++) {
      pool.giveBack(arrays[i]);
      arrays[i] = null;
    }
    arrayTop = marks.get(mark, Marks.ARRAYS);
    for (int i = marks.get(mark, Marks.REFERENCES); i < referenceTop; i++) {
      references[i] = null;
    }
    referenceTop = marks.get(mark, Marks.REFERENCES);
    for (int i = marks.get(mark, Marks.MATRICES); i < matrixTop; i++) {
      // the rows went back to the pool with the arrays above
      Arrays.fill(matrices[i], null);
      matrixPool.giveBack(matrices[i]);
      matrices[i] = null;
    }
    matrixTop = marks.get(mark, Marks.MATRICES);
    marks.size = mark;
    if (mark == 0) {
      giveBackCapacity();
    }
  }

  /** After the outermost call: lets go of whatever grew past {@link #RETAINED_BYTES}. */
  private void giveBackCapacity() {
    if (8L * doubles.length > RETAINED_BYTES) {
      doubles = new double[256];
    }
    if (4L * ints.length > RETAINED_BYTES) {
      ints = new int[256];
    }
    if (8L * references.length > RETAINED_BYTES) {
      references = new double[16][];
    }
    if (pool.bytes > RETAINED_BYTES) {
      pool.clear();
    }
  }

  /** The bytes the tape holds on to: its stacks and its pooled arrays (for tests). */
  long retainedBytes() {
    return 8L * doubles.length + 4L * ints.length + pool.bytes;
  }

  /** Saves a double the forward sweep is about to overwrite. */
  public void push(double value) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, grown(doubles.length, "doubles"));
    }
    doubles[doubleTop++] = value;
  }

  /**
   * A stack's next length: twice its length, up to the longest array a JVM makes; a stack that
   * long already is full, and saying so beats a {@code NegativeArraySizeException}.
   */
  static int grown(int length, String what) {
    if (length >= LONGEST) {
      throw new IllegalStateException("the tape is full: one gradient call saved " + length + " "
          + what + ", the most a Java array holds. A loop that changes only scalars keeps"
          + " checkpoints instead once its saves pass Tape.CHECKPOINT_BYTES; one that writes an"
          + " array, or sits in another loop or a branch, saves on every iteration");
    }
    return (int) Math.min(2L * length, LONGEST);
  }

  /** The longest array the JVM makes (a few header words short of Integer.MAX_VALUE). */
  static final int LONGEST = Integer.MAX_VALUE - 8;

  /** The double saved last. */
  public double popDouble() {
    return doubles[--doubleTop];
  }

  /** Saves an int (a loop count, an index, a branch taken) the forward sweep overwrites. */
  public void push(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, grown(ints.length, "ints"));
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

  /**
   * A zeroed {@code double[rows][columns]}, as {@code new double[rows][columns]} gives, from the
   * pool; it is the caller's until {@link #release}.
   */
  public double[][] zeros(int rows, int columns) {
    if (rows < 0 || columns < 0) {
      throw new NegativeArraySizeException(Integer.toString(rows < 0 ? rows : columns));
    }
    double[][] matrix = takeMatrix(rows);
    for (int i = 0; i < rows; i++) {
      matrix[i] = zeros(columns);
    }
    return matrix;
  }

  /**
   * A zeroed {@code double[][]} with the shape of {@code matrix} (each row as long as its
   * counterpart), from the pool: the adjoint of a local matrix.
   */
  public double[][] zerosLike(double[][] matrix) {
    double[][] zeros = takeMatrix(matrix.length);
    for (int i = 0; i < matrix.length; i++) {
      zeros[i] = zeros(matrix[i].length);
    }
    return zeros;
  }

  private double[][] takeMatrix(int rows) {
    double[][] matrix = matrixPool.take(rows);
    if (matrixTop == matrices.length) {
      matrices = Arrays.copyOf(matrices, matrices.length * 2);
    }
    matrices[matrixTop++] = matrix;
    return matrix;
  }

  /** How many values and arrays are on the tape: for tests. */
  public int size() {
    return doubleTop + intTop + arrayTop + referenceTop + matrixTop;
  }

  private final Marks marks = new Marks();
  private final Pool<double[]> pool = new Pool<>(double[]::new, a -> a.length,
      a -> Arrays.fill(a, 0.0), 8);
  private final Pool<double[][]> matrixPool = new Pool<>(double[][]::new, m -> m.length,
      m -> {}, 8);

  /** The stack of marks: the top of each of the tape's stacks when the mark was taken. */
  private static final class Marks {
    static final int DOUBLES = 0;
    static final int INTS = 1;
    static final int ARRAYS = 2;
    static final int REFERENCES = 3;
    static final int MATRICES = 4;
    private static final int STACKS = 5;

    private int[] values = new int[16 * STACKS];
    private int size;

    // five parameters, not varargs: a mark must not allocate
    void push(int doubles, int ints, int arrays, int references, int matrices) {
      if (STACKS * size + STACKS > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      int at = STACKS * size;
      values[at + DOUBLES] = doubles;
      values[at + INTS] = ints;
      values[at + ARRAYS] = arrays;
      values[at + REFERENCES] = references;
      values[at + MATRICES] = matrices;
      size++;
    }

    int get(int mark, int stack) {
      return values[STACKS * mark + stack];
    }
  }

  /**
   * Arrays given back, by length (computations use a few lengths, so buckets are scanned); an
   * array taken again is cleared first, so it looks new.
   */
  private static final class Pool<T> {
    private final IntFunction<T> create;
    private final ToIntFunction<T> lengthOf;
    private final Consumer<T> clear;
    private int[] lengths = new int[8];
    private Object[][] stacks = new Object[8][];
    private int[] counts = new int[8];
    private int buckets;
    /** The bytes of the arrays given back and not taken again: elements times their size. */
    private final int elementBytes;
    long bytes;

    Pool(IntFunction<T> create, ToIntFunction<T> lengthOf, Consumer<T> clear, int elementBytes) {
      this.create = create;
      this.lengthOf = lengthOf;
      this.clear = clear;
      this.elementBytes = elementBytes;
    }

    /** Forgets every array given back. */
    void clear() {
      lengths = new int[8];
      stacks = new Object[8][];
      counts = new int[8];
      buckets = 0;
      bytes = 0;
    }

    @SuppressWarnings("unchecked") // only T goes in
    T take(int length) {
      int b = bucket(length);
      if (b >= 0 && counts[b] > 0) {
        T array = (T) stacks[b][--counts[b]];
        stacks[b][counts[b]] = null;
        bytes -= (long) elementBytes * length;
        clear.accept(array);
        return array;
      }
      return create.apply(length);
    }

    void giveBack(T array) {
      int length = lengthOf.applyAsInt(array);
      int b = bucket(length);
      if (b < 0) {
        if (buckets == lengths.length) {
          lengths = Arrays.copyOf(lengths, buckets * 2);
          stacks = Arrays.copyOf(stacks, buckets * 2);
          counts = Arrays.copyOf(counts, buckets * 2);
        }
        b = buckets++;
        lengths[b] = length;
        stacks[b] = new Object[4];
      }
      if (counts[b] == stacks[b].length) {
        stacks[b] = Arrays.copyOf(stacks[b], counts[b] * 2);
      }
      stacks[b][counts[b]++] = array;
      bytes += (long) elementBytes * length;
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
