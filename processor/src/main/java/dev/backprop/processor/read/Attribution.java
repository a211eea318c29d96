package dev.backprop.processor.read;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Gets a method body typed by the compiler, after making sure that is safe: the body must hold
 * no lambda or class, which a second attribution could crash javac on.
 */
final class Attribution {

  private final MethodContext context;

  Attribution(MethodContext context) {
    this.context = context;
  }

  /**
   * Lambdas and classes inside the body must not be attributed twice (javac may crash), so
   * they are found syntactically, before anything asks for types. Empty when there are none;
   * otherwise they and the statements rejected whatever their types, which are all the body
   * can be read as.
   */
  List<Stmt> unsafeToAttribute(TreePath blockPath) {
    List<Stmt> found = new ArrayList<>();
    List<Stmt> others = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      // Statements we reject whatever their types, reported alongside a lambda.
      private Void other(Construct construct) {
        others.add(unsupported(construct, getCurrentPath()));
        return null;
      }

      @Override
      public Void visitSwitch(SwitchTree node, Void unused) {
        return other(Construct.SWITCH);
      }

      @Override
      public Void visitTry(TryTree node, Void unused) {
        return other(Construct.TRY);
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        return other(Construct.THROW);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        found.add(unsupported(Construct.LAMBDA, getCurrentPath()));
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        found.add(unsupported(Construct.LAMBDA, getCurrentPath()));
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        found.add(unsupported(Construct.LOCAL_CLASS, getCurrentPath()));
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        if (node.getClassBody() != null) {
          found.add(unsupported(Construct.LOCAL_CLASS, getCurrentPath()));
          return null;
        }
        return super.visitNewClass(node, unused);
      }
    }.scan(blockPath, null);
    if (!found.isEmpty()) {
      found.addAll(others);
    }
    return found;
  }

  /**
   * Types the body in place. Method bodies are not attributed while processors run, and
   * {@code Trees.getScope} attributes a copy; {@code Trees.getElement} on a tree that has no
   * symbol yet makes javac attribute the enclosing class itself. Between rounds javac clears
   * these results, so this never attributes anything twice.
   */
  void attribute(TreePath blockPath) {
    context.trees().getElement(blockPath);
  }

  private Stmt unsupported(Construct construct, TreePath path) {
    return new Stmt.Unsupported(construct, "", context.position(path));
  }
}
