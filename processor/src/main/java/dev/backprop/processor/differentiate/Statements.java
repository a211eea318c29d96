package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Traversals over statement lists. */
final class Statements {

  private Statements() {}

  /** Adds every name {@code s} reads or writes, at any depth. */
  static Set<String> names(Stmt s, Set<String> into) {
    if (s instanceof Stmt.Declare) {
      Stmt.Declare d = (Stmt.Declare) s;
      into.add(d.name());
      if (d.init() != null) {
        Exprs.refs(d.init(), into);
      }
    } else if (s instanceof Stmt.Assign) {
      into.add(((Stmt.Assign) s).name());
      Exprs.refs(((Stmt.Assign) s).value(), into);
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      Exprs.refs(i.condition(), into);
      i.then().forEach(t -> names(t, into));
      i.otherwise().forEach(t -> names(t, into));
    } else if (s instanceof Stmt.Seed) {
      into.add(((Stmt.Seed) s).name());
    } else if (s instanceof Stmt.GradientOut) {
      Exprs.refs(((Stmt.GradientOut) s).value(), into);
    } else if (s instanceof Stmt.Pullback) {
      Stmt.Pullback p = (Stmt.Pullback) s;
      p.args().forEach(a -> Exprs.refs(a, into));
      Exprs.refs(p.seed(), into);
      p.arrayAdjoints().forEach(a -> Exprs.refs(a, into));
    } else if (s instanceof Stmt.Return) {
      Exprs.refs(((Stmt.Return) s).value(), into);
    } else if (s instanceof Stmt.Store) {
      Stmt.Store store = (Stmt.Store) s;
      into.add(store.array());
      if (store.row() != null) {
        Exprs.refs(store.row(), into);
      }
      Exprs.refs(store.index(), into);
      Exprs.refs(store.value(), into);
    } else if (s instanceof Stmt.For) {
      Stmt.For loop = (Stmt.For) s;
      if (loop.init() != null) {
        names(loop.init(), into);
        names(loop.update(), into);
      }
      if (loop.isCounting()) {
        into.add(loop.counter());
      }
      Exprs.refs(loop.condition(), into);
      loop.body().forEach(b -> names(b, into));
    } else if (s instanceof Stmt.Count) {
      into.add(((Stmt.Count) s).counter());
    } else if (s instanceof Stmt.Push) {
      Exprs.refs(((Stmt.Push) s).value(), into);
    }
    return into;
  }

  /** Adds every name {@code s} reads (not the ones it only writes), at any depth. */
  static Set<String> reads(List<Stmt> body, Set<String> into) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare) {
        if (((Stmt.Declare) s).init() != null) {
          Exprs.refs(((Stmt.Declare) s).init(), into);
        }
      } else if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        Exprs.refs(a.value(), into);
        if (a.isCompound()) {
          into.add(a.name());
        }
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        Exprs.refs(i.condition(), into);
        reads(i.then(), into);
        reads(i.otherwise(), into);
      } else if (s instanceof Stmt.Store) {
        Stmt.Store store = (Stmt.Store) s;
        if (store.row() != null) {
          Exprs.refs(store.row(), into);
        }
        Exprs.refs(store.index(), into);
        Exprs.refs(store.value(), into);
        if (store.isCompound()) {
          into.add(store.array());
        }
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        if (loop.init() != null) {
          reads(List.of(loop.init(), loop.update()), into);
        }
        if (loop.isCounting()) {
          into.add(loop.counter());
        }
        Exprs.refs(loop.condition(), into);
        reads(loop.body(), into);
      } else {
        names(s, into);
      }
    }
    return into;
  }

  /** {@code body} with {@code f} applied to each statement, branches first; null drops it. */
  static List<Stmt> map(List<Stmt> body, UnaryOperator<Stmt> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = new Stmt.If(i.condition(), map(i.then(), f), map(i.otherwise(), f), i.position());
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        s = loop.withBody(map(loop.body(), f));
      }
      Stmt mapped = f.apply(s);
      if (mapped != null) {
        out.add(mapped);
      }
    }
    return out;
  }

  /** Whether {@code e} reads {@code name}. */
  static boolean reads(Expr e, String name) {
    Set<String> names = new java.util.HashSet<>();
    Exprs.refs(e, names);
    return names.contains(name);
  }
}
