package dev.backprop.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The parts of each kind of statement, and rebuilding one with other blocks. */
final class StmtParts {

  private StmtParts() {}

  private static Set<String> vars(Expr... expressions) {
    Set<String> names = new LinkedHashSet<>();
    for (Expr e : expressions) {
      if (e != null) {
        Expressions.addVariables(e, names);
      }
    }
    return names;
  }

  private static Set<String> vars(List<Expr> expressions) {
    return vars(expressions.toArray(new Expr[0]));
  }

  private static Set<String> with(Set<String> names, String name) {
    names.add(name);
    return names;
  }

  private static List<Expr> nonNull(Expr... expressions) {
    List<Expr> list = new ArrayList<>();
    for (Expr e : expressions) {
      if (e != null) {
        list.add(e);
      }
    }
    return list;
  }

  /**
   * The variable an assignment target writes: {@code x} for {@code x}, {@code a} for {@code
   * a[i][j]}.
   */
  private static String written(Expr target) {
    Expr e = target;
    while (e instanceof Expr.Index index) {
      e = index.array();
    }
    return ((Expr.Ref) e).name();
  }

  /** What the target of a save or restore reads besides the written variable: its indices. */
  private static Set<String> indices(Expr target) {
    Set<String> names = new LinkedHashSet<>();
    for (Expr e = target; e instanceof Expr.Index index; e = index.array()) {
      Expressions.addVariables(index.index(), names);
    }
    return names;
  }

  static final Stmt.Visitor<Statements.Parts> PARTS = new Stmt.Visitor<>() {
    private Statements.Parts leaf(List<Expr> expressions, Set<String> reads, Set<String> writes) {
      return new Statements.Parts(expressions, List.of(), List.of(), reads, writes, Set.of(),
          false);
    }

    private Statements.Parts declaring(List<Expr> expressions, Set<String> reads,
        Set<String> writes, Set<String> declares) {
      return new Statements.Parts(expressions, List.of(), List.of(), reads, writes, declares,
          false);
    }

    @Override
    public Statements.Parts visitDeclare(Stmt.Declare s) {
      return declaring(nonNull(s.init()), vars(s.init()), Set.of(s.name()), Set.of(s.name()));
    }

    @Override
    public Statements.Parts visitAssign(Stmt.Assign s) {
      Set<String> reads = vars(s.value());
      if (s.isCompound()) {
        reads.add(s.name());
      }
      return leaf(List.of(s.value()), reads, with(new LinkedHashSet<>(), s.name()));
    }

    @Override
    public Statements.Parts visitStore(Stmt.Store s) {
      Set<String> reads = vars(s.row(), s.index(), s.value());
      if (s.isCompound()) {
        reads.add(s.array());
      }
      return leaf(nonNull(s.row(), s.index(), s.value()), reads,
          with(new LinkedHashSet<>(), s.array()));
    }

    @Override
    public Statements.Parts visitFor(Stmt.For s) {
      return new Statements.Parts(List.of(s.condition()), List.of(s.init(), s.update()),
          List.of(s.body()), vars(s.condition()), Set.of(), Set.of(), true);
    }

    @Override
    public Statements.Parts visitWhile(Stmt.While s) {
      Set<String> reads = vars(s.condition());
      if (s.counter() != null) {
        reads.add(s.counter()); // the backward sweep runs as many iterations as it counted
      }
      return new Statements.Parts(List.of(s.condition()), List.of(), List.of(s.body()), reads,
          Set.of(), Set.of(), true);
    }

    @Override
    public Statements.Parts visitIf(Stmt.If s) {
      return new Statements.Parts(List.of(s.condition()), List.of(),
          List.of(s.then(), s.otherwise()), vars(s.condition()), Set.of(), Set.of(), false);
    }

    @Override
    public Statements.Parts visitBreak(Stmt.Break s) {
      return leaf(List.of(), Set.of(), Set.of());
    }

    @Override
    public Statements.Parts visitContinue(Stmt.Continue s) {
      return leaf(List.of(), Set.of(), Set.of());
    }

    @Override
    public Statements.Parts visitReturn(Stmt.Return s) {
      return leaf(List.of(s.value()), vars(s.value()), Set.of());
    }

    @Override
    public Statements.Parts visitThrow(Stmt.Throw s) {
      return leaf(s.args(), vars(s.args()), Set.of());
    }

    @Override
    public Statements.Parts visitEffect(Stmt.Effect s) {
      return leaf(s.args(), vars(s.args()), Set.of());
    }

    @Override
    public Statements.Parts visitUnsupported(Stmt.Unsupported s) {
      return leaf(List.of(), Set.of(), Set.of());
    }

    @Override
    public Statements.Parts visitCount(Sweep.Count s) {
      return leaf(List.of(), Set.of(s.counter()), Set.of(s.counter()));
    }

    @Override
    public Statements.Parts visitSave(Sweep.Save s) {
      Set<String> local = s.onTape() ? Set.of() : Set.of(s.local());
      return declaring(List.of(s.target()), vars(s.target()), local, local);
    }

    @Override
    public Statements.Parts visitRestore(Sweep.Restore s) {
      Set<String> reads = indices(s.target());
      if (!s.fromTape()) {
        reads.add(s.local());
      }
      return leaf(List.of(s.target()), reads, Set.of(written(s.target())));
    }

    @Override
    public Statements.Parts visitUndo(Sweep.Undo s) {
      Set<String> reads = vars(s.value());
      reads.add(s.name());
      return leaf(List.of(s.value()), reads, Set.of(s.name()));
    }

    @Override
    public Statements.Parts visitReversing(Sweep.Reversing s) {
      return leaf(List.of(), Set.of(), Set.of()); // a comment
    }

    @Override
    public Statements.Parts visitComment(Sweep.Comment s) {
      return leaf(List.of(), Set.of(), Set.of());
    }

    @Override
    public Statements.Parts visitSeed(Sweep.Seed s) {
      return declaring(List.of(), Set.of(), Set.of(s.name()), Set.of(s.name()));
    }

    @Override
    public Statements.Parts visitGradientOut(Sweep.GradientOut s) {
      return leaf(List.of(s.value()), vars(s.value()), Set.of());
    }

    @Override
    public Statements.Parts visitPullback(Sweep.Pullback s) {
      List<Expr> expressions = new ArrayList<>(s.args());
      expressions.add(s.seed());
      expressions.addAll(s.arrayAdjoints());
      Set<String> declares = s.partials() == null ? Set.of() : Set.of(s.partials());
      Set<String> writes = new LinkedHashSet<>(declares);
      for (Expr adjoint : s.arrayAdjoints()) {
        String array = Expressions.arrayName(adjoint);
        if (array != null) {
          writes.add(array); // the callee adds into it
        }
      }
      return declaring(expressions, vars(expressions), writes, declares);
    }
  };

  /** Rebuilds the visited statement with other blocks; statements without blocks stay. */
  record Rebuild(List<List<Stmt>> blocks) implements Stmt.Visitor<Stmt> {
    @Override
    public Stmt visitDeclare(Stmt.Declare s) {
      return s;
    }

    @Override
    public Stmt visitAssign(Stmt.Assign s) {
      return s;
    }

    @Override
    public Stmt visitStore(Stmt.Store s) {
      return s;
    }

    @Override
    public Stmt visitFor(Stmt.For s) {
      return s.withBody(blocks.get(0));
    }

    @Override
    public Stmt visitWhile(Stmt.While s) {
      return s.withBody(blocks.get(0));
    }

    @Override
    public Stmt visitIf(Stmt.If s) {
      return s.withBranches(blocks.get(0), blocks.get(1));
    }

    @Override
    public Stmt visitBreak(Stmt.Break s) {
      return s;
    }

    @Override
    public Stmt visitContinue(Stmt.Continue s) {
      return s;
    }

    @Override
    public Stmt visitReturn(Stmt.Return s) {
      return s;
    }

    @Override
    public Stmt visitThrow(Stmt.Throw s) {
      return s;
    }

    @Override
    public Stmt visitEffect(Stmt.Effect s) {
      return s;
    }

    @Override
    public Stmt visitUnsupported(Stmt.Unsupported s) {
      return s;
    }

    @Override
    public Stmt visitCount(Sweep.Count s) {
      return s;
    }

    @Override
    public Stmt visitSave(Sweep.Save s) {
      return s;
    }

    @Override
    public Stmt visitRestore(Sweep.Restore s) {
      return s;
    }

    @Override
    public Stmt visitUndo(Sweep.Undo s) {
      return s;
    }

    @Override
    public Stmt visitReversing(Sweep.Reversing s) {
      return s;
    }

    @Override
    public Stmt visitComment(Sweep.Comment s) {
      return s;
    }

    @Override
    public Stmt visitSeed(Sweep.Seed s) {
      return s;
    }

    @Override
    public Stmt visitGradientOut(Sweep.GradientOut s) {
      return s;
    }

    @Override
    public Stmt visitPullback(Sweep.Pullback s) {
      return s;
    }
  }
}
