package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.BinaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the forward sweep keeps a value it overwrites, so the backward sweep can put it back: a
 * {@link Sweep.Save} right before each assignment of a variable defined more than once (in a
 * local, {@code xPrev}, outside loops; on the tape inside them) and before each store into an
 * array element (on the tape). A variable or array the reversed iteration recomputes needs none.
 * Once the backward sweep is tidied, only the saves of variables it still restores are kept.
 */
final class Saves {

  private final Set<String> singleDefinitions;
  private final Set<String> recomputed;
  private final Set<String> selectionIndices;
  private final Map<String, Type> types;
  private final Names names;
  private int loopDepth;
  private int ids;

  private Saves(Set<String> singleDefinitions, Set<String> recomputed,
      Set<String> selectionIndices, Map<String, Type> types, Names names) {
    this.singleDefinitions = singleDefinitions;
    this.recomputed = recomputed;
    this.selectionIndices = selectionIndices;
    this.types = types;
    this.names = names;
  }

  /**
   * {@code forward} with a save before each statement that overwrites a value.
   *
   * @param selectionIndices the iterations {@link Selections} tracks: saved where they are reset
   *     to -1 before their loop, not where they record an iteration, since the loop's backward
   *     sweep reads only their last value
   */
  static List<Stmt> insert(List<Stmt> forward, Set<String> singleDefinitions,
      Set<String> recomputed, Set<String> selectionIndices, Map<String, Type> types,
      Names names) {
    return new Saves(singleDefinitions, recomputed, selectionIndices, types, names)
        .insert(forward);
  }

  private List<Stmt> insert(List<Stmt> forward) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : forward) {
      if (s instanceof Stmt.Assign a && !singleDefinitions.contains(a.name())
          && !recomputed.contains(a.name()) && !invertible(a, types)
          && !(selectionIndices.contains(a.name()) && a.value() instanceof Expr.Ref)) {
        // named in forward order: xPrev before xPrev2
        String local = loopDepth > 0 ? null : names.fresh(names.wanted(a.name()) + "Prev");
        out.add(new Sweep.Save(new Expr.Ref(a.name(), types.get(a.name())), local, ids++));
      } else if (s instanceof Stmt.Store store && !recomputed.contains(store.array())) {
        out.add(new Sweep.Save(store.element(), null, ids++));
      }
      out.add(withBlocks(s));
    }
    return out;
  }

  private Stmt withBlocks(Stmt s) {
    List<List<Stmt>> blocks = Statements.parts(s).blocks();
    if (blocks.isEmpty()) {
      return s;
    }
    boolean loop = Statements.isLoop(s);
    loopDepth += loop ? 1 : 0;
    List<List<Stmt>> saved = blocks.stream().map(this::insert).toList();
    loopDepth -= loop ? 1 : 0;
    return Statements.withBlocks(s, saved);
  }

  /**
   * Whether the backward sweep can put back the value {@code a} overwrote by undoing it, as
   * {@link Sweep.Undo}: an integer stepped by a constant, {@code idx += 1}.
   */
  static boolean invertible(Stmt.Assign a, Map<String, Type> types) {
    Type type = types.get(a.name());
    return (type == Type.INT || type == Type.LONG)
        && BinaryOp.adds(a.compound())
        && (a.value() instanceof Expr.Literal || a.value() instanceof Expr.Constant);
  }

  /**
   * {@code forward} with the saves whose ids are in {@code kept} only. A save into a local
   * becomes its declaration, {@code double xPrev = x;}; a variable saved before its first
   * assignment needs a value there, so its declaration gets one.
   */
  static List<Stmt> keep(List<Stmt> forward, Set<Integer> kept) {
    Set<String> restored = new HashSet<>();
    Statements.forEach(forward, s -> {
      if (s instanceof Sweep.Save save && kept.contains(save.id())) {
        restored.add(variable(save.target()));
      }
    });
    return Statements.map(forward, s -> {
      if (s instanceof Sweep.Save save) {
        if (!kept.contains(save.id())) {
          return null;
        }
        return save.onTape() ? save
            : new Stmt.Declare(save.local(), save.target().type(), save.target());
      }
      if (s instanceof Stmt.Declare d && d.init() == null && restored.contains(d.name())) {
        return new Stmt.Declare(d.name(), d.type(), d.type().zero(), d.position());
      }
      return s;
    });
  }

  /**
   * {@code forward}, and {@code double value = result;} at its end when the result's final value
   * needs a name of its own ({@code value} is not {@code result}).
   */
  static List<Stmt> finalValue(List<Stmt> forward, String result, String value, Type type) {
    if (value.equals(result)) {
      return forward;
    }
    List<Stmt> out = new ArrayList<>(forward);
    out.add(new Stmt.Declare(value, type, new Expr.Ref(result, type)));
    return out;
  }

  /**
   * The variable a save or restore target names: {@code x} for {@code x}, {@code a} for {@code
   * a[i]}.
   */
  static String variable(Expr target) {
    Expr e = target;
    while (e instanceof Expr.Index index) {
      e = index.array();
    }
    return ((Expr.Ref) e).name();
  }
}
