package dev.backprop.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Method.Problem;
import dev.backprop.processor.ir.Method.ProblemKind;
import dev.backprop.processor.ir.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads a method's declaration, everything but its body: its parameters, the method-level
 * problems (abstract, not static, generic, varargs) and where the {@code wrt} names are written.
 */
final class DeclarationReader {

  private final MethodContext context;
  private final ExecutableElement method;
  private final TreePath methodPath;
  private final MethodTree tree;

  DeclarationReader(
      MethodContext context, ExecutableElement method, TreePath methodPath, MethodTree tree) {
    this.context = context;
    this.method = method;
    this.methodPath = methodPath;
    this.tree = tree;
  }

  /** The parameters, whose names are taken as they are. */
  List<Parameter> parameters() {
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      String name = context.names().takeParameter(p);
      TreePath paramPath = new TreePath(methodPath, tree.getParameters().get(i));
      parameters.add(new Parameter(
          name, Tables.typeOf(p.asType()), p.asType().toString(), context.position(paramPath)));
    }
    return parameters;
  }

  /** What makes the method unfit whatever its body. */
  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    Position here = context.position(methodPath);
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || tree.getBody() == null) {
      problems.add(new Problem(ProblemKind.ABSTRACT, "", here));
    } else if (!modifiers.contains(Modifier.STATIC)) {
      problems.add(new Problem(ProblemKind.NOT_STATIC, "", here));
    }
    if (!method.getTypeParameters().isEmpty()) {
      problems.add(new Problem(ProblemKind.GENERIC, "", here));
    }
    if (method.isVarArgs() && !tree.getParameters().isEmpty()) {
      Tree last = tree.getParameters().get(tree.getParameters().size() - 1);
      problems.add(new Problem(
          ProblemKind.VARARGS, "", context.position(new TreePath(methodPath, last))));
    }
    return problems;
  }

  /** Where each wrt name is written, so errors about it point there. */
  List<Position> wrtPositions(List<String> wrt) {
    List<Position> positions = new ArrayList<>();
    TreePath modifiers = new TreePath(methodPath, tree.getModifiers());
    for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
      TreePath annotationPath = new TreePath(modifiers, annotation);
      Element type = context.trees().getElement(
          new TreePath(annotationPath, annotation.getAnnotationType()));
      if (!(type instanceof TypeElement typeElement)
          || !typeElement.getQualifiedName().contentEquals(MethodReader.ANNOTATION)) {
        continue;
      }
      for (ExpressionTree argument : annotation.getArguments()) {
        if (argument instanceof AssignmentTree assignmentTree) {
          TreePath assignment = new TreePath(annotationPath, argument);
          ExpressionTree value = assignmentTree.getExpression();
          TreePath valuePath = new TreePath(assignment, value);
          if (value instanceof NewArrayTree array && array.getInitializers() != null) {
            for (ExpressionTree name : array.getInitializers()) {
              positions.add(context.position(new TreePath(valuePath, name)));
            }
          } else {
            positions.add(context.position(valuePath));
          }
        }
      }
    }
    return positions.size() == wrt.size() ? positions : List.of();
  }
}
