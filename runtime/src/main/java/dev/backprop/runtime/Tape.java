package dev.backprop.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The primitive tape that generated gradients of methods with loops use: the forward sweep
 * pushes the values it overwrites, the backward sweep pops them in reverse order; local arrays
 * come from a pool of the tape. One tape per thread, reused across calls, so a gradient call
 * allocates nothing once the tape has grown to the size the computation needs; virtual threads
 * borrow one of a few shared tapes for each outermost call instead.
 *
 * <p>Generated code brackets its use: {@code Tape tape = Tape.get(); int mark = tape.mark();
 * try { ... } finally { tape.releasing = true; tape.release(mark); }}, so nested gradient calls
 * share the tape as a stack and an exception, a {@code StackOverflowError} included, leaves it
 * clean (see {@link #releasing}). Not for use from user code.
 */
public final class Tape {

  private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(() -> new Tape(false));

  /**
   * {@code Thread.isVirtual()} (Java 21 and later), or null: a virtual thread, often one per
   * task and millions of them, borrows a tape for each outermost call instead of making its own.
   */
  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  /** The tapes virtual threads borrow. */
  private static final Lender LENDER = new Lender(2 * Runtime.getRuntime().availableProcessors());

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
   * the first {@code T} twice. Set with the system property
   * {@code backprop.tape.checkpointBytes}; 16 MiB by default, at least 1. Generated code reads it;
   * it is public for that.
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

  /** Whether this tape is lent to a virtual thread for one outermost call. */
  private final boolean lent;

  private Tape(boolean lent) {
    this.lent = lent;
  }

  /**
   * This thread's tape; on a virtual thread, a tape lent until the outermost call that takes it
   * releases its first mark (a nested call borrows another, which is as good).
   *
   * @return the tape to mark, use and release; no other thread uses it meanwhile
   */
  public static Tape get() {
    return isVirtual(Thread.currentThread()) ? LENDER.lend() : TAPES.get();
  }

  private static boolean isVirtual(Thread thread) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(thread);
    } catch (Throwable e) {
      throw new AssertionError(e); // Thread.isVirtual() throws nothing
    }
  }

  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
          MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // before Java 21: no virtual threads
    }
  }

  /**
   * A position to {@link #release} back to: everything pushed or taken after it is dropped.
   *
   * @return the mark to pass to {@link #release}: 0 for the outermost call on this tape
   */
  public int mark() {
    if (releasing) {
      // a release that overflowed (see releasing): nothing on the tape is live
      drop(0);
    }
    int mark = marks.size;
    int at = Marks.STACKS * mark;
    if (at + Marks.STACKS > marks.values.length) {
      marks.values = Arrays.copyOf(marks.values, marks.values.length * 2);
    }
    int[] values = marks.values;
    values[at + Marks.DOUBLES] = doubleTop;
    values[at + Marks.INTS] = intTop;
    values[at + Marks.ARRAYS] = arrayTop;
    values[at + Marks.REFERENCES] = referenceTop;
    values[at + Marks.MATRICES] = matrixTop;
    marks.size = mark + 1;
    return mark;
  }

  /**
   * Set by generated code right before it calls {@link #release} in its {@code finally}, and
   * cleared by the release: a field write needs no stack, a call does. A call cut short by a
   * {@code StackOverflowError} runs that {@code finally} with little stack left, and the call of
   * {@code release} can overflow again; the tape then still holds that call's marks and saves.
   * Nothing can call a gradient again until the error has left every generated method on the
   * thread (they catch nothing), so the next {@link #mark} that finds this set knows the tape
   * holds nothing live and empties it.
   */
  public boolean releasing;

  /**
   * Drops everything pushed and every array taken since {@code mark}. It puts the tape's tops
   * back before it calls anything, so that an overflow in the pooling of arrays costs at most
   * their pooling.
   *
   * @param mark a mark {@link #mark} returned on this tape; the marks taken after it go too
   */
  public void release(int mark) {
    drop(mark);
    if (lent && mark == 0) {
      LENDER.takeBack(this); // the last this call does with it
    }
  }

  private void drop(int mark) {
    int[] at = marks.values;
    int from = Marks.STACKS * mark;
    int arraysTo = arrayTop;
    int referencesTo = referenceTop;
    int matricesTo = matrixTop;
    doubleTop = at[from + Marks.DOUBLES];
    intTop = at[from + Marks.INTS];
    arrayTop = at[from + Marks.ARRAYS];
    referenceTop = at[from + Marks.REFERENCES];
    matrixTop = at[from + Marks.MATRICES];
    marks.size = mark;
    releasing = false;
    if (arraysTo > arrayTop || referencesTo > referenceTop || matricesTo > matrixTop
        || mark == 0) {
      giveBack(arraysTo, referencesTo, matricesTo, mark);
    }
  }

  /** The rest of a release: pools the arrays taken, forgets the references saved. */
  private void giveBack(int arraysTo, int referencesTo, int matricesTo, int mark) {
    for (int i = arrayTop; i < arraysTo; i++) {
      pool.giveBack(arrays[i]);
      arrays[i] = null;
    }
    for (int i = referenceTop; i < referencesTo; i++) {
      references[i] = null;
    }
    for (int i = matrixTop; i < matricesTo; i++) {
      // the rows went back to the pool with the arrays above
      Arrays.fill(matrices[i], null);
      matrixPool.giveBack(matrices[i]);
      matrices[i] = null;
    }
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

  /**
   * Saves a double the forward sweep is about to overwrite.
   *
   * @param value the value to save
   * @throws IllegalStateException if the tape already holds the most doubles a Java array holds
   */
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

  /**
   * The double saved last.
   *
   * @return the double saved last, taken off the tape
   */
  public double popDouble() {
    return doubles[--doubleTop];
  }

  /**
   * Saves an int (a loop count, an index, a branch taken) the forward sweep overwrites.
   *
   * @param value the value to save
   * @throws IllegalStateException if the tape already holds the most ints a Java array holds
   */
  public void push(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, grown(ints.length, "ints"));
    }
    ints[intTop++] = value;
  }

  /**
   * The int saved last.
   *
   * @return the int saved last, taken off the tape
   */
  public int popInt() {
    return ints[--intTop];
  }

  /**
   * Saves a long the forward sweep overwrites, exactly (as two ints).
   *
   * @param value the value to save
   */
  public void push(long value) {
    push((int) (value >>> 32));
    push((int) value);
  }

  /**
   * The long saved last.
   *
   * @return the long saved last, taken off the tape (both its ints)
   */
  public long popLong() {
    long low = popInt() & 0xFFFFFFFFL;
    return ((long) popInt() << 32) | low;
  }

  /**
   * Saves a boolean (which branch was taken).
   *
   * @param value the value to save, as the int 1 or 0
   */
  public void push(boolean value) {
    push(value ? 1 : 0);
  }

  /**
   * The boolean saved last.
   *
   * @return the boolean saved last, taken off the tape
   */
  public boolean popBoolean() {
    return popInt() != 0;
  }

  /**
   * Saves which array a {@code double[]} variable the forward sweep reassigns referred to.
   *
   * @param array the reference to save, or null; the elements are not copied
   */
  public void push(double[] array) {
    if (referenceTop == references.length) {
      references = Arrays.copyOf(references, references.length * 2);
    }
    references[referenceTop++] = array;
  }

  /**
   * The array reference saved last.
   *
   * @return the reference saved last, taken off the tape: the array as it is now, not a copy
   */
  public double[] popDoubleArray() {
    double[] array = references[--referenceTop];
    references[referenceTop] = null;
    return array;
  }

  /**
   * A zeroed {@code double[length]}, as {@code new double[length]} gives, from the pool; it is
   * the caller's until {@link #release}.
   *
   * @param length the array's length
   * @return the zeroed array; the pool takes it back at the release of a mark taken before, so
   *     it must not be used after that
   * @throws NegativeArraySizeException if {@code length} is negative, as {@code new} would
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
   *
   * @param rows the number of rows
   * @param columns the length of each row
   * @return the zeroed matrix, each row an array of its own; the pool takes it back, rows and
   *     all, at the release of a mark taken before
   * @throws NegativeArraySizeException if {@code rows} or {@code columns} is negative
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
   *
   * @param matrix the matrix whose shape to copy, no row null; its elements are not read
   * @return the zeroed matrix, the caller's until {@link #release}, as {@link #zeros(int, int)}
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

  /**
   * How many values and arrays are on the tape: for tests.
   *
   * @return the entries on the tape's stacks: a long saved counts as two ints, a matrix taken as
   *     one entry plus one per row
   */
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
    static final int STACKS = 5;

    private int[] values = new int[16 * STACKS];
    private int size;
  }

  /** A few tapes, lent to virtual threads one outermost call at a time. */
  private static final class Lender {
    private final Tape[] tapes;
    private int count;

    Lender(int keep) {
      tapes = new Tape[keep];
    }

    synchronized Tape lend() {
      if (count == 0) {
        return new Tape(true);
      }
      Tape tape = tapes[--count];
      tapes[count] = null;
      return tape;
    }

    /** Keeps {@code tape} for the next virtual thread, if fewer than the most it keeps wait. */
    synchronized void takeBack(Tape tape) {
      if (count < tapes.length) {
        tapes[count++] = tape;
      }
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
