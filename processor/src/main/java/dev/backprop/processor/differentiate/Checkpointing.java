package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A long loop keeps checkpoints instead of saves, so that its tape stays near a fixed budget
 * rather than growing with its iteration count. Its first {@code T} iterations save what the
 * backward sweep needs, as before, where {@code T} is as many as fit in
 * {@code Tape.CHECKPOINT_BYTES} of saves; every later iteration runs without saves, and at the
 * start of each later segment the loop pushes what it changes (its scalars, a few bytes) and
 * where the segment starts. The backward sweep takes the segments last first: it puts the
 * checkpoint back, runs the segment's iterations again with their saves, and reverses them, so
 * the tape holds the checkpoints and one segment's saves at a time; each iteration after the
 * first {@code T} runs forward twice. These are periodic checkpoints (Griewank's, Tapenade's).
 * The segments start at {@code T} iterations and grow by {@code g} each, {@code g} the
 * iterations whose saves weigh what a checkpoint does (1 or 2, typically): the checkpoints and
 * the longest segment then stay in balance, and the tape grows like the square root of the
 * iteration count; for any count that runs in practice it stays close to the budget.
 *
 * <p>A loop qualifies when it stands at the top of the method, its reversed loop at the top of
 * the backward sweep, it saves on the tape (loops fused with their backward work keep nothing),
 * it changes only scalars (an array it writes would have to be copied at each checkpoint), and,
 * for a counted loop, its bounds are not both constants (then its tape is bounded already).
 */
final class Checkpointing {

  /** The runtime's constant: how many bytes a loop saves before checkpoints take over. */
  static final String BYTES = "dev.backprop.runtime.Tape.CHECKPOINT_BYTES";

  private static final String LATER =
      "past the first checkpointAfter, no saves: each segment starts with a checkpoint";
  private static final String SEGMENTS =
      "those segments, last first: again from their checkpoint, with saves, then backward";

  private static final Set<Type> SCALARS = Set.of(Type.DOUBLE, Type.INT, Type.LONG, Type.BOOLEAN);

  private final Names names;
  private final Map<String, Type> types;
  /** The locals of each checkpointed loop, by its key: the plain form and the pullback alike. */
  private final Map<String, Locals> localsOf = new HashMap<>();
  private int ids;
  /** The scalars some checkpoint puts back. */
  private final Set<String> restored = new HashSet<>();

  Checkpointing(Names names, Map<String, Type> types) {
    this.names = names;
    this.types = types;
  }

  /** The generated locals of one checkpointed loop. */
  private record Locals(String after, String from, String checkpoint, String segment,
      String end, String start) {}

  /** Both sweeps with each qualifying loop checkpointed. */
  Fusion.Sweeps of(Fusion.Sweeps sweeps) {
    ids = Math.max(ids, maxId(sweeps) + 1);
    Set<String> unassigned = new HashSet<>();
    Statements.forEach(sweeps.forward(), s -> {
      if (s instanceof Stmt.Declare d && d.init() == null) {
        unassigned.add(d.name());
      }
    });
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> backward = new ArrayList<>(sweeps.backward());
    List<Stmt> sweep = sweeps.forward();
    for (int k = 0; k < sweep.size(); k++) {
      Stmt s = sweep.get(k);
      int q = s instanceof Stmt.For || s instanceof Stmt.While ? reversedAt(backward, s) : -1;
      List<String> state = q < 0 ? null
          : state(s, Statements.writes(sweep.subList(k + 1, sweep.size())));
      // a checkpoint reads each scalar: one declared without a value may not be assigned yet
      if (state == null || state.stream().anyMatch(unassigned::contains)) {
        forward.add(s);
        continue;
      }
      restored.addAll(state);
      Stmt.For reversed = (Stmt.For) backward.get(q);
      List<Stmt> checkpointed = new ArrayList<>();
      if (s instanceof Stmt.For loop) {
        forward.addAll(counted(loop, state));
        checkpointed.addAll(countedBackward(loop, reversed, state));
      } else {
        Stmt.While loop = (Stmt.While) s;
        forward.addAll(counting(loop, state));
        checkpointed.addAll(countingBackward(loop, reversed, state));
      }
      backward.remove(q);
      backward.addAll(q, checkpointed);
    }
    return new Fusion.Sweeps(forward, backward);
  }

  /**
   * Whether the backward sweep puts back an earlier value of {@code name}: then the method must
   * keep its final value elsewhere to return it.
   */
  boolean restores(String name) {
    return restored.contains(name);
  }

  // --- counted loops: for (int i = a; i < b; i++) ---------------------------------------------

  /**
   * {@code int from = (int) Math.min(b, a + T);}, the loop up to {@code from} as it was, then
   * the rest without saves, checkpointing at the start of each segment.
   */
  private List<Stmt> counted(Stmt.For loop, List<String> state) {
    Locals l = locals(loop);
    String i = loop.counter();
    Expr a = loop.init().init();
    Expr after = new Expr.Ref(l.after(), Type.LONG);
    Expr limit = Exprs.isZero(a) ? after : new Expr.Binary(BinaryOp.PLUS, a, after, Type.LONG);
    Expr from = new Expr.Cast(Type.INT, new Expr.MathCall(MathFunction.MIN, "Math",
        List.of(end(loop, true), limit), Type.LONG));
    Expr.Ref iRef = new Expr.Ref(i, Type.INT);
    Expr.Ref fromRef = new Expr.Ref(l.from(), Type.INT);
    List<Stmt> out = new ArrayList<>();
    out.add(after(l, loop));
    out.add(new Stmt.Declare(l.from(), Type.INT, from));
    out.add(new Stmt.For(loop.init(), Exprs.compare(BinaryOp.LESS, iRef, fromRef), loop.update(),
        loop.body(), loop.position()));
    out.add(new Sweep.Comment(LATER));
    out.add(new Stmt.Declare(l.checkpoint(), Type.LONG, fromRef));
    out.add(new Stmt.Declare(l.segment(), Type.LONG, after));
    List<Stmt> body = new ArrayList<>();
    body.add(checkpoint(l, iRef, state, loop));
    body.addAll(withoutSaves(loop.body()));
    out.add(new Stmt.For(new Stmt.Declare(i, Type.INT, fromRef), loop.condition(), loop.update(),
        body, null));
    return out;
  }

  /**
   * The segments after {@code from}, last first, each from its checkpoint; then the first
   * iterations, reversed as before.
   */
  private List<Stmt> countedBackward(Stmt.For loop, Stmt.For reversed, List<String> state) {
    Locals l = locals(loop);
    Expr.Ref from = new Expr.Ref(l.from(), Type.INT);
    // the loop ended, so b + 1 of an i <= b loop does not overflow
    return backward(l, Type.INT, loop.counter(), Statements.withoutEffects(loop.body()), reversed,
        state, end(loop, false), from, Exprs.minus(from, Exprs.ONE));
  }

  /** Where the loop stops, exclusive: {@code b}, or {@code b + 1} for {@code i <= b}. */
  private static Expr end(Stmt.For loop, boolean wide) {
    Expr.Binary condition = (Expr.Binary) loop.condition();
    if (condition.op() == BinaryOp.LESS) {
      return condition.right();
    }
    return wide
        ? new Expr.Binary(BinaryOp.PLUS, new Expr.Cast(Type.LONG, condition.right()), Exprs.ONE,
            Type.LONG)
        : Exprs.plus(condition.right(), Exprs.ONE);
  }

  // --- counting loops: while (c) { iterations++; ... } -----------------------------------------

  /**
   * The loop while it has run fewer than {@code T} iterations, as it was; then, if it goes on,
   * the rest without saves, checkpointing at the start of each segment.
   */
  private List<Stmt> counting(Stmt.While loop, List<String> state) {
    Locals l = locals(loop);
    Expr.Ref count = new Expr.Ref(loop.counter(), Type.LONG);
    Expr after = new Expr.Ref(l.after(), Type.LONG);
    List<Stmt> out = new ArrayList<>();
    out.add(after(l, loop));
    out.add(new Stmt.While(new Expr.Binary(BinaryOp.CONDITIONAL_AND,
        Exprs.compare(BinaryOp.LESS, count, after), loop.condition(), Type.BOOLEAN),
        loop.body(), loop.bodyFirst(), loop.counter(), loop.position()));
    out.add(new Sweep.Comment(LATER));
    out.add(new Stmt.Declare(l.checkpoint(), Type.LONG, after));
    out.add(new Stmt.Declare(l.segment(), Type.LONG, after));
    List<Stmt> body = new ArrayList<>();
    body.add(checkpoint(l, count, state, loop));
    body.addAll(withoutSaves(loop.body()));
    // entered only when the loop above stopped for its count, so that the condition is due
    out.add(new Stmt.While(new Expr.Binary(BinaryOp.CONDITIONAL_AND,
        Exprs.compare(BinaryOp.GREATER_EQUAL, count, after), loop.condition(), Type.BOOLEAN),
        body, false, loop.counter(), null));
    return out;
  }

  private List<Stmt> countingBackward(Stmt.While loop, Stmt.For reversed, List<String> state) {
    Locals l = locals(loop);
    List<Stmt> again = new ArrayList<>(Statements.withoutEffects(loop.body()));
    again.removeIf(s -> s instanceof Sweep.Count);
    return backward(l, Type.LONG, reversed.counter(), again, reversed, state,
        new Expr.Ref(loop.counter(), Type.LONG), new Expr.Ref(l.after(), Type.LONG),
        new Expr.Ref(l.end(), Type.LONG));
  }

  // --- shared ------------------------------------------------------------------------------


  /**
   * The backward sweep of a checkpointed loop, with {@code counter} of {@code type}: while
   * {@code end} (at first {@code last}, the count's end) is past {@code from}, the segment from
   * the checkpoint on the tape to {@code end}, run again ({@code again}) and reversed; then the
   * first iterations' reversed loop, from {@code first}. A counted loop's reversal runs its index
   * from {@code end - 1} down to {@code start}; a counting loop's, its count from {@code end}
   * down to {@code start + 1}.
   */
  private List<Stmt> backward(Locals l, Type type, String counter, List<Stmt> again,
      Stmt.For reversed, List<String> state, Expr last, Expr from, Expr first) {
    Expr.Ref index = new Expr.Ref(counter, type);
    Expr.Ref end = new Expr.Ref(l.end(), type);
    Expr.Ref start = new Expr.Ref(l.start(), type);
    boolean counted = type == Type.INT;
    List<Stmt> segment = new ArrayList<>();
    segment.add(new Sweep.Restore(start, null, ids++));
    segment.addAll(restores(state));
    segment.add(new Stmt.For(new Stmt.Declare(counter, type, start),
        Exprs.compare(BinaryOp.LESS, index, end),
        new Stmt.Assign(counter, BinaryOp.PLUS, Exprs.ONE, null), again, null));
    segment.add(new Stmt.For(
        new Stmt.Declare(counter, type, counted ? Exprs.minus(end, Exprs.ONE) : end),
        Exprs.compare(counted ? BinaryOp.GREATER_EQUAL : BinaryOp.GREATER, index, start),
        reversed.update(), reversed.body(), null));
    segment.add(Stmt.Assign.of(l.end(), start));
    List<Stmt> out = new ArrayList<>();
    out.add(new Sweep.Comment(SEGMENTS));
    out.add(new Stmt.Declare(l.end(), type, last));
    out.add(new Stmt.Declare(l.start(), type, null));
    out.add(new Stmt.While(Exprs.compare(BinaryOp.GREATER, end, from), segment, false, null,
        null));
    out.add(new Stmt.For(new Stmt.Declare(counter, type, first), reversed.condition(),
        reversed.update(), reversed.body(), reversed.position()));
    return out;
  }

  /**
   * {@code if (i == checkpoint) { push the state; push i; checkpoint += segment; segment += g; }},
   * with {@code g} the iterations whose saves weigh what the checkpoint does, at least one.
   */
  private Stmt checkpoint(Locals l, Expr.Ref at, List<String> state, Stmt loop) {
    List<Stmt> then = new ArrayList<>();
    int bytes = bytes(at.type());
    for (String v : state) {
      then.add(new Sweep.Save(new Expr.Ref(v, types.get(v)), null, ids++));
      bytes += bytes(types.get(v));
    }
    then.add(new Sweep.Save(at, null, ids++));
    int perIteration = savedBytes(loop);
    int growth = Math.max(1, (bytes + perIteration - 1) / perIteration);
    then.add(new Stmt.Assign(l.checkpoint(), BinaryOp.PLUS,
        new Expr.Ref(l.segment(), Type.LONG), null));
    then.add(new Stmt.Assign(l.segment(), BinaryOp.PLUS, Exprs.lit(growth), null));
    return new Stmt.If(Exprs.compare(BinaryOp.EQUAL, at, new Expr.Ref(l.checkpoint(), Type.LONG)),
        then, List.of(), null);
  }

  private static int bytes(Type type) {
    return type == Type.DOUBLE || type == Type.LONG ? 8 : 4;
  }

  /** What an iteration of {@code loop} saves on the tape, in bytes (an inner loop's once). */
  private static int savedBytes(Stmt loop) {
    int[] bytes = {0};
    Statements.forEach(Statements.parts(loop).blocks().get(0), s -> {
      if (s instanceof Sweep.Save save && save.onTape()) {
        bytes[0] += bytes(save.target().type());
      }
    });
    return Math.max(1, bytes[0]);
  }

  /**
   * {@code long checkpointAfter = Math.max(1, Tape.CHECKPOINT_BYTES / 24);}: how many iterations
   * save before checkpoints take over, for a loop whose body saves 24 bytes.
   */
  private static Stmt after(Locals l, Stmt loop) {
    Expr iterations = new Expr.Binary(BinaryOp.DIVIDE, new Expr.Constant(BYTES, Type.LONG),
        Exprs.lit(savedBytes(loop)), Type.LONG);
    return new Stmt.Declare(l.after(), Type.LONG, new Expr.MathCall(MathFunction.MAX, "Math",
        List.of(Exprs.ONE, iterations), Type.LONG));
  }

  private List<Stmt> restores(List<String> state) {
    List<Stmt> out = new ArrayList<>();
    for (int k = state.size() - 1; k >= 0; k--) {
      out.add(new Sweep.Restore(new Expr.Ref(state.get(k), types.get(state.get(k))), null, ids++));
    }
    return out;
  }

  private static List<Stmt> withoutSaves(List<Stmt> body) {
    return Statements.map(body, s -> s instanceof Sweep.Save ? null : s);
  }

  /**
   * The scalars the loop changes that live outside it, and those it reads that the forward sweep
   * changes after it (the backward sweep need not have put them back when it runs the loop
   * again), in order of appearance; null when the loop does not qualify.
   *
   * @param later what the forward sweep writes after the loop
   */
  private List<String> state(Stmt loop, Set<String> later) {
    List<Stmt> body = Statements.parts(loop).blocks().get(0);
    boolean[] taped = {false};
    Statements.forEach(body, s -> taped[0] |= s instanceof Sweep.Save save && save.onTape());
    if (!taped[0]) {
      return null;
    }
    if (loop instanceof Stmt.For counted
        && Exprs.decimalInt(counted.init().init()) != null
        && Exprs.decimalInt(((Expr.Binary) counted.condition()).right()) != null) {
      return null;
    }
    Set<String> local = new HashSet<>();
    Statements.forEach(body, s -> {
      if (s instanceof Stmt.Declare d) {
        local.add(d.name());
      } else if (s instanceof Stmt.For inner) {
        local.add(inner.counter());
      }
    });
    Set<String> changed = Statements.writes(body);
    for (String v : Statements.reads(loop)) {
      if (later.contains(v)) {
        changed.add(v);
      }
    }
    List<String> state = new ArrayList<>();
    for (String v : changed) {
      if (local.contains(v) || (loop instanceof Stmt.While w && v.equals(w.counter()))
          || types.get(v) == Type.STRING) {
        continue; // a message: a run again builds none
      }
      if (!SCALARS.contains(types.get(v))) {
        return null;
      }
      state.add(v);
    }
    return state;
  }

  /** Where the loop's reversal stands at the top of {@code backward}, or -1. */
  private static int reversedAt(List<Stmt> backward, Stmt loop) {
    for (int q = 0; q < backward.size(); q++) {
      if (!(backward.get(q) instanceof Stmt.For r) || !r.countsDown()) {
        continue;
      }
      if (loop instanceof Stmt.For f && f.sourceKey() != null && !f.countsDown()
          && f.sourceKey().equals(r.sourceKey())) {
        return q;
      }
      if (loop instanceof Stmt.While w && w.counter() != null
          && r.init().init() instanceof Expr.Ref from && from.name().equals(w.counter())) {
        return q;
      }
    }
    return -1;
  }

  private static String key(Stmt loop) {
    return loop instanceof Stmt.For f ? f.sourceKey() : ((Stmt.While) loop).counter();
  }

  /** The locals of {@code loop}; {@code from} only for a counted loop. */
  private Locals locals(Stmt loop) {
    return localsOf.computeIfAbsent(key(loop), k -> new Locals(names.fresh("checkpointAfter"),
        loop instanceof Stmt.For ? names.fresh("checkpointsFrom") : null,
        names.fresh("checkpoint"), names.fresh("segment"), names.fresh("end"),
        names.fresh("start")));
  }

  private static int maxId(Fusion.Sweeps sweeps) {
    int[] max = {0};
    List<Stmt> all = new ArrayList<>(sweeps.forward());
    all.addAll(sweeps.backward());
    Statements.forEach(all, s -> {
      if (s instanceof Sweep.Save save) {
        max[0] = Math.max(max[0], save.id());
      } else if (s instanceof Sweep.Restore restore) {
        max[0] = Math.max(max[0], restore.id());
      }
    });
    return max[0];
  }
}
