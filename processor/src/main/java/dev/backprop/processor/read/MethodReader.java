package dev.backprop.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Method.Problem;
import dev.backprop.processor.ir.Method.ProblemKind;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @Differentiable} method's body into the IR, with the compiler's types and
 * symbols. Anything outside the accepted subset becomes an {@code Unsupported} node at its
 * exact position, for the check stage to report.
 */
public final class MethodReader {

  /** The annotation, by name: the processor does not depend on the runtime jar. */
  public static final String ANNOTATION = "dev.backprop.Differentiable";

  private final Trees trees;
  private final SourceMap sourceMap;
  private final Predicate<Element> inThisRound;

  MethodReader(Trees trees, Predicate<Element> inThisRound) {
    this.trees = trees;
    this.sourceMap = new SourceMap(trees);
    this.inThisRound = inThisRound;
  }

  /** Reports errors at positions this reader handed out. */
  public Reporter reporter() {
    return sourceMap;
  }

  /** The IR of {@code method}, or null when the compiler has no source tree for it. */
  public Method read(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree)) {
      return null;
    }
    return new BodyReader(method, path).read();
  }

  /**
   * Methods annotated {@code @Differentiable} inside local or anonymous classes of {@code root}:
   * javac does not hand those to processors, so they are found by reading the source. The
   * annotation is recognised by name ({@code Differentiable} or its qualified name).
   */
  public List<Position> annotatedInLocalClasses(Element root) {
    TreePath rootPath = trees.getPath(root);
    List<Position> found = new ArrayList<>();
    if (rootPath == null) {
      return found;
    }
    new TreePathScanner<Void, Integer>() {
      @Override
      public Void visitMethod(MethodTree node, Integer depth) {
        // depth counts the method bodies we are in: a class inside one is local or anonymous
        if (depth > 0 && node.getModifiers().getAnnotations().stream().anyMatch(a -> {
          String name = a.getAnnotationType().toString();
          return name.equals("Differentiable") || name.equals(ANNOTATION);
        })) {
          found.add(sourceMap.positionOf(getCurrentPath()));
        }
        return super.visitMethod(node, depth + 1);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return super.visitLambdaExpression(node, depth + 1);
      }

      @Override
      public Void visitVariable(VariableTree node, Integer depth) {
        // a field initialiser holding an anonymous class counts as a body too
        boolean field = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree;
        return super.visitVariable(node, field ? depth + 1 : depth);
      }
    }.scan(rootPath, 0);
    return found;
  }

  /** Key of a method among all differentiable methods: class, name and parameter types. */
  public static String keyOf(ExecutableElement method) {
    StringBuilder key = new StringBuilder();
    key.append(((TypeElement) method.getEnclosingElement()).getQualifiedName())
        .append('#')
        .append(method.getSimpleName())
        .append('(');
    for (VariableElement p : method.getParameters()) {
      key.append(p.asType()).append(',');
    }
    return key.append(')').toString();
  }

  /** The {@code wrt} names of a method's annotation, or null if it is not annotated. */
  public static List<String> wrtOf(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (!type.getQualifiedName().contentEquals(ANNOTATION)) {
        continue;
      }
      List<String> wrt = new ArrayList<>();
      mirror.getElementValues().forEach((name, value) -> {
        if (name.getSimpleName().contentEquals("wrt") && value.getValue() instanceof List<?>) {
          for (Object item : (List<?>) value.getValue()) {
            wrt.add(String.valueOf(((AnnotationValue) item).getValue()));
          }
        }
      });
      return wrt;
    }
    return null;
  }

  /** Maps a compiler type to ours, or null if it is not one of ours. */
  static Type typeOf(TypeMirror mirror) {
    if (mirror == null) {
      return null;
    }
    switch (mirror.getKind()) {
      case DOUBLE: return Type.DOUBLE;
      case INT: return Type.INT;
      case LONG: return Type.LONG;
      case BOOLEAN: return Type.BOOLEAN;
      case ARRAY: {
        TypeMirror component = ((javax.lang.model.type.ArrayType) mirror).getComponentType();
        if (component.getKind() == TypeKind.DOUBLE) {
          return Type.DOUBLE_ARRAY;
        }
        if (component.getKind() == TypeKind.INT) {
          return Type.INT_ARRAY;
        }
        if (component.getKind() == TypeKind.ARRAY
            && ((javax.lang.model.type.ArrayType) component).getComponentType().getKind()
                == TypeKind.DOUBLE) {
          return Type.DOUBLE_MATRIX;
        }
        return null;
      }
      default: return null;
    }
  }

  /** Reads one method; holds the per-method state (names, source text). */
  private final class BodyReader {
    private final ExecutableElement method;
    private final TreePath methodPath;
    private final Map<Element, String> names = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private CharSequence source;

    BodyReader(ExecutableElement method, TreePath methodPath) {
      this.method = method;
      this.methodPath = methodPath;
    }

    Method read() {
      MethodTree tree = (MethodTree) methodPath.getLeaf();
      List<Problem> problems = methodProblems(tree);
      List<Parameter> parameters = new ArrayList<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        VariableElement p = method.getParameters().get(i);
        String name = p.getSimpleName().toString();
        names.put(p, name);
        usedNames.add(name);
        TreePath paramPath = new TreePath(methodPath, tree.getParameters().get(i));
        parameters.add(
            new Parameter(name, typeOf(p.asType()), p.asType().toString(), position(paramPath)));
      }
      List<Stmt> body = new ArrayList<>();
      BlockTree block = tree.getBody();
      if (block != null) {
        TreePath blockPath = new TreePath(methodPath, block);
        List<Stmt> unsafe = unsafeToAttribute(blockPath);
        if (!unsafe.isEmpty()) {
          body.addAll(unsafe);
        } else {
          attribute(blockPath);
          reserveLocalNames(blockPath);
          readStatements(blockPath, block.getStatements(), body);
        }
      }
      Type returnType = typeOf(method.getReturnType());
      List<String> wrt = wrtOf(method) == null ? List.of() : wrtOf(method);
      return new Method(
          keyOf(method),
          method.getSimpleName().toString(),
          parameters,
          wrt,
          wrtPositions(tree, wrt),
          returnType,
          method.getReturnType().toString(),
          body,
          problems,
          position(methodPath));
    }

    /** Where each wrt name is written, so errors about it point there. */
    private List<Position> wrtPositions(MethodTree tree, List<String> wrt) {
      List<Position> positions = new ArrayList<>();
      TreePath modifiers = new TreePath(methodPath, tree.getModifiers());
      for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
        TreePath annotationPath = new TreePath(modifiers, annotation);
        Element type = trees.getElement(new TreePath(annotationPath, annotation.getAnnotationType()));
        if (!(type instanceof TypeElement)
            || !((TypeElement) type).getQualifiedName().contentEquals(ANNOTATION)) {
          continue;
        }
        for (ExpressionTree argument : annotation.getArguments()) {
          if (argument instanceof AssignmentTree) {
            TreePath assignment = new TreePath(annotationPath, argument);
            ExpressionTree value = ((AssignmentTree) argument).getExpression();
            TreePath valuePath = new TreePath(assignment, value);
            if (value instanceof NewArrayTree && ((NewArrayTree) value).getInitializers() != null) {
              for (ExpressionTree name : ((NewArrayTree) value).getInitializers()) {
                positions.add(position(new TreePath(valuePath, name)));
              }
            } else {
              positions.add(position(valuePath));
            }
          }
        }
      }
      return positions.size() == wrt.size() ? positions : List.of();
    }

    private List<Problem> methodProblems(MethodTree tree) {
      List<Problem> problems = new ArrayList<>();
      Position here = position(methodPath);
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
        problems.add(new Problem(ProblemKind.VARARGS, "", position(new TreePath(methodPath, last))));
      }
      return problems;
    }

    /**
     * Lambdas and classes inside the body must not be attributed twice (javac may crash), so
     * they are found syntactically, before anything asks for types.
     */
    private List<Stmt> unsafeToAttribute(TreePath blockPath) {
      List<Stmt> found = new ArrayList<>();
      List<Stmt> others = new ArrayList<>();
      new TreePathScanner<Void, Void>() {
        // Statements we reject whatever their types, reported alongside a lambda.
        private Void other(Construct construct) {
          others.add(new Stmt.Unsupported(construct, "", position(getCurrentPath())));
          return null;
        }

        @Override
        public Void visitSwitch(com.sun.source.tree.SwitchTree node, Void unused) {
          return other(Construct.SWITCH);
        }

        @Override
        public Void visitTry(com.sun.source.tree.TryTree node, Void unused) {
          return other(Construct.TRY);
        }

        @Override
        public Void visitThrow(com.sun.source.tree.ThrowTree node, Void unused) {
          return other(Construct.THROW);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
          found.add(new Stmt.Unsupported(Construct.LAMBDA, "", position(getCurrentPath())));
          return null;
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
          found.add(new Stmt.Unsupported(Construct.LAMBDA, "", position(getCurrentPath())));
          return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
          found.add(new Stmt.Unsupported(Construct.LOCAL_CLASS, "", position(getCurrentPath())));
          return null;
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
          if (node.getClassBody() != null) {
            found.add(new Stmt.Unsupported(Construct.LOCAL_CLASS, "", position(getCurrentPath())));
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
    private void attribute(TreePath blockPath) {
      trees.getElement(blockPath);
    }

    /** Every local's own name is taken up front so renamed shadows never collide with one. */
    private void reserveLocalNames(TreePath blockPath) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree node, Void unused) {
          usedNames.add(node.getName().toString());
          return super.visitVariable(node, unused);
        }
      }.scan(blockPath, null);
    }

    private void readStatements(
        TreePath parent, List<? extends StatementTree> statements, List<Stmt> out) {
      for (StatementTree statement : statements) {
        readStatement(new TreePath(parent, statement), out);
      }
    }

    private void readStatement(TreePath path, List<Stmt> out) {
      Tree tree = path.getLeaf();
      switch (tree.getKind()) {
        case BLOCK:
          readStatements(path, ((BlockTree) tree).getStatements(), out);
          return;
        case EMPTY_STATEMENT:
          return;
        case VARIABLE:
          out.add(declaration(path, (VariableTree) tree));
          return;
        case EXPRESSION_STATEMENT:
          out.add(expressionStatement(path, (ExpressionStatementTree) tree));
          return;
        case IF: {
          IfTree node = (IfTree) tree;
          List<Stmt> then = new ArrayList<>();
          readStatement(new TreePath(path, node.getThenStatement()), then);
          List<Stmt> otherwise = new ArrayList<>();
          if (node.getElseStatement() != null) {
            readStatement(new TreePath(path, node.getElseStatement()), otherwise);
          }
          out.add(new Stmt.If(
              expression(new TreePath(path, node.getCondition())), then, otherwise,
              position(path)));
          return;
        }
        case RETURN: {
          ReturnTree node = (ReturnTree) tree;
          Expr value = node.getExpression() == null
              ? new Expr.Unsupported(Construct.OTHER_STATEMENT, "return;", position(path))
              : expression(new TreePath(path, node.getExpression()));
          out.add(new Stmt.Return(value, position(path)));
          return;
        }
        case FOR_LOOP:
          out.add(forLoop(path, (com.sun.source.tree.ForLoopTree) tree));
          return;
        case WHILE_LOOP: {
          com.sun.source.tree.WhileLoopTree node = (com.sun.source.tree.WhileLoopTree) tree;
          List<Stmt> body = new ArrayList<>();
          readStatement(new TreePath(path, node.getStatement()), body);
          out.add(new Stmt.For(null, expression(new TreePath(path, node.getCondition())), null,
              body, position(path)));
          return;
        }
        case DO_WHILE_LOOP: {
          com.sun.source.tree.DoWhileLoopTree node = (com.sun.source.tree.DoWhileLoopTree) tree;
          List<Stmt> body = new ArrayList<>();
          readStatement(new TreePath(path, node.getStatement()), body);
          out.add(Stmt.For.doWhile(
              body, expression(new TreePath(path, node.getCondition())), position(path)));
          return;
        }
        case ENHANCED_FOR_LOOP:
          forEach(path, (com.sun.source.tree.EnhancedForLoopTree) tree, out);
          return;
        case LABELED_STATEMENT:
          // A labelled loop is a loop; a labelled block is read as the block (its break is the error).
          readStatement(new TreePath(path, ((LabeledStatementTree) tree).getStatement()), out);
          return;
        case SWITCH:
          out.add(unsupported(Construct.SWITCH, path));
          return;
        case TRY:
          out.add(unsupported(Construct.TRY, path));
          return;
        case THROW:
          out.add(unsupported(Construct.THROW, path));
          return;
        case BREAK:
          out.add(((com.sun.source.tree.BreakTree) tree).getLabel() == null
              ? new Stmt.Break(position(path)) : unsupported(Construct.BREAK_OR_CONTINUE, path));
          return;
        case CONTINUE:
          out.add(((com.sun.source.tree.ContinueTree) tree).getLabel() == null
              ? new Stmt.Continue(position(path)) : unsupported(Construct.BREAK_OR_CONTINUE, path));
          return;
        case CLASS:
          out.add(unsupported(Construct.LOCAL_CLASS, path));
          return;
        default:
          out.add(new Stmt.Unsupported(
              Construct.OTHER_STATEMENT, describe(tree), position(path)));
      }
    }

    /** A counted for loop; anything else is an error the check stage words. */
    private Stmt forLoop(TreePath path, com.sun.source.tree.ForLoopTree tree) {
      if (tree.getInitializer().size() != 1 || !(tree.getInitializer().get(0) instanceof VariableTree)
          || tree.getCondition() == null || tree.getUpdate().size() != 1) {
        return unsupported(Construct.LOOP_FORM, path);
      }
      Stmt init = declaration(new TreePath(path, tree.getInitializer().get(0)),
          (VariableTree) tree.getInitializer().get(0));
      Stmt update = expressionStatement(new TreePath(path, tree.getUpdate().get(0)),
          tree.getUpdate().get(0));
      if (!(init instanceof Stmt.Declare) || !(update instanceof Stmt.Assign)) {
        return init instanceof Stmt.Unsupported ? init
            : update instanceof Stmt.Unsupported ? update
            : unsupported(Construct.LOOP_FORM, path);
      }
      List<Stmt> body = new ArrayList<>();
      readStatement(new TreePath(path, tree.getStatement()), body);
      return new Stmt.For((Stmt.Declare) init,
          expression(new TreePath(path, tree.getCondition())), (Stmt.Assign) update, body,
          position(path));
    }

    /**
     * {@code for (T v : array) body} as the counted loop it means: {@code for (int i = 0; i <
     * array.length; i++) { T v = array[i]; body }}, the array held in a local first unless it is
     * a variable or a constant already (Java evaluates it once).
     */
    private void forEach(
        TreePath path, com.sun.source.tree.EnhancedForLoopTree tree, List<Stmt> out) {
      TreePath arrayPath = new TreePath(path, tree.getExpression());
      Type arrayType = typeOf(trees.getTypeMirror(arrayPath));
      if (arrayType != Type.DOUBLE_ARRAY && arrayType != Type.INT_ARRAY
          && arrayType != Type.DOUBLE_MATRIX) {
        out.add(unsupported(Construct.LOOP, arrayPath));
        return;
      }
      Expr array = expression(arrayPath);
      if (array instanceof Expr.Unsupported) {
        out.add(new Stmt.Unsupported(((Expr.Unsupported) array).construct(),
            ((Expr.Unsupported) array).detail(), ((Expr.Unsupported) array).position()));
        return;
      }
      if (!(array instanceof Expr.Ref) && !(array instanceof Expr.Constant)) {
        String held = fresh(array instanceof Expr.Index ? "row" : "array");
        out.add(new Stmt.Declare(held, arrayType, array, position(arrayPath)));
        array = new Expr.Ref(held, arrayType);
      }
      TreePath variablePath = new TreePath(path, tree.getVariable());
      Stmt variable = declaration(variablePath, tree.getVariable());
      if (!(variable instanceof Stmt.Declare)) {
        out.add(variable);
        return;
      }
      Stmt.Declare element = (Stmt.Declare) variable;
      String index = fresh("i");
      Expr.Ref i = new Expr.Ref(index, Type.INT);
      Type elementType = arrayType == Type.DOUBLE_MATRIX ? Type.DOUBLE_ARRAY
          : arrayType == Type.INT_ARRAY ? Type.INT : Type.DOUBLE;
      List<Stmt> body = new ArrayList<>();
      body.add(new Stmt.Declare(element.name(), element.type(),
          new Expr.Index(array, i, elementType), element.position()));
      readStatement(new TreePath(path, tree.getStatement()), body);
      out.add(new Stmt.For(
          new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), null),
          new Expr.Binary(BinaryOp.LESS, i, new Expr.Length(array), Type.BOOLEAN),
          new Stmt.Assign(index, BinaryOp.PLUS, new Expr.Literal(Type.INT, "1"), null),
          body, position(path)));
    }

    /** A name no parameter or local has yet: {@code wanted}, with {@code _} added while taken. */
    private String fresh(String wanted) {
      String name = wanted;
      while (usedNames.contains(name)) {
        name = name + "_";
      }
      usedNames.add(name);
      return name;
    }

    private Stmt unsupported(Construct construct, TreePath path) {
      return new Stmt.Unsupported(construct, "", position(path));
    }

    private Stmt declaration(TreePath path, VariableTree tree) {
      Element element = trees.getElement(path);
      TypeMirror mirror = element == null ? null : element.asType();
      Type type = typeOf(mirror);
      if (mirror != null && mirror.getKind() == TypeKind.ARRAY && type == null) {
        return new Stmt.Unsupported(Construct.ARRAY, "", position(path));
      }
      if (type == null) {
        return new Stmt.Unsupported(
            Construct.UNSUPPORTED_TYPE, mirror == null ? "?" : mirror.toString(), position(path));
      }
      String name = nameFor(element, tree.getName().toString());
      Expr init = tree.getInitializer() == null
          ? null
          : expression(new TreePath(path, tree.getInitializer()));
      return new Stmt.Declare(name, type, init, position(path));
    }

    private String nameFor(Element variable, String wanted) {
      String name = names.get(variable);
      if (name != null) {
        return name;
      }
      // A second local of the same name (another block's scope) gets a fresh one.
      name = names.containsValue(wanted) ? fresh(wanted) : wanted;
      usedNames.add(name);
      names.put(variable, name);
      return name;
    }


    private Stmt expressionStatement(TreePath path, ExpressionStatementTree tree) {
      TreePath exprPath = new TreePath(path, tree.getExpression());
      Tree expr = tree.getExpression();
      return expressionStatement(exprPath, expr);
    }

    private Stmt expressionStatement(TreePath exprPath, Tree expr) {
      switch (expr.getKind()) {
        case ASSIGNMENT: {
          AssignmentTree node = (AssignmentTree) expr;
          return assignment(exprPath, node.getVariable(), null, node.getExpression());
        }
        case PLUS_ASSIGNMENT:
        case MINUS_ASSIGNMENT:
        case MULTIPLY_ASSIGNMENT:
        case DIVIDE_ASSIGNMENT:
        case REMAINDER_ASSIGNMENT: {
          CompoundAssignmentTree node = (CompoundAssignmentTree) expr;
          return assignment(
              exprPath, node.getVariable(), compoundOperator(expr.getKind()), node.getExpression());
        }
        case PREFIX_INCREMENT:
        case PREFIX_DECREMENT:
        case POSTFIX_INCREMENT:
        case POSTFIX_DECREMENT: {
          // As a statement, i++ is i += 1.
          boolean up = expr.getKind() == Tree.Kind.PREFIX_INCREMENT
              || expr.getKind() == Tree.Kind.POSTFIX_INCREMENT;
          ExpressionTree operand = ((UnaryTree) expr).getExpression();
          Stmt step = assignment(exprPath, operand, up ? BinaryOp.PLUS : BinaryOp.MINUS, null);
          return step;
        }
        default:
          return new Stmt.Unsupported(
              Construct.EXPRESSION_STATEMENT, describe(expr), position(exprPath));
      }
    }

    /** {@code target op= value}; a null value stands for the 1 of {@code ++} and {@code --}. */
    private Stmt assignment(
        TreePath path, ExpressionTree target, BinaryOp compound, ExpressionTree value) {
      TreePath targetPath = new TreePath(path, target);
      Expr read = value == null
          ? new Expr.Literal(Type.INT, "1")
          : expression(new TreePath(path, value));
      if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
        com.sun.source.tree.ArrayAccessTree access = (com.sun.source.tree.ArrayAccessTree) target;
        TreePath arrayPath = new TreePath(targetPath, access.getExpression());
        Expr index = expression(new TreePath(targetPath, access.getIndex()));
        if (access.getExpression().getKind() == Tree.Kind.ARRAY_ACCESS) {
          // m[i][j] = ...: an element of a local double[][]
          com.sun.source.tree.ArrayAccessTree row =
              (com.sun.source.tree.ArrayAccessTree) access.getExpression();
          TreePath matrixPath = new TreePath(arrayPath, row.getExpression());
          Element matrix = trees.getElement(matrixPath);
          if (matrix == null || matrix.getKind() != ElementKind.LOCAL_VARIABLE
              || typeOf(matrix.asType()) != Type.DOUBLE_MATRIX) {
            return new Stmt.Unsupported(Construct.ARRAY_WRITE, row.getExpression().toString(),
                position(targetPath));
          }
          return new Stmt.Store(nameFor(matrix, matrix.getSimpleName().toString()),
              expression(new TreePath(arrayPath, row.getIndex())), index, compound, read,
              position(path));
        }
        Element array = trees.getElement(arrayPath);
        if (array != null && array.getKind() == ElementKind.LOCAL_VARIABLE
            && typeOf(array.asType()) == Type.DOUBLE_MATRIX) {
          return new Stmt.Unsupported(Construct.ROW_WRITE, access.getExpression().toString(),
              position(targetPath));
        }
        if (array == null || array.getKind() != ElementKind.LOCAL_VARIABLE
            || typeOf(array.asType()) != Type.DOUBLE_ARRAY) {
          return new Stmt.Unsupported(Construct.ARRAY_WRITE, access.getExpression().toString(),
              position(targetPath));
        }
        return new Stmt.Store(nameFor(array, array.getSimpleName().toString()), index, compound,
            read, position(path));
      }
      Element element = trees.getElement(targetPath);
      if (element == null
          || (element.getKind() != ElementKind.LOCAL_VARIABLE
              && element.getKind() != ElementKind.PARAMETER)) {
        return new Stmt.Unsupported(Construct.FIELD_WRITE, target.toString(), position(path));
      }
      String name = nameFor(element, element.getSimpleName().toString());
      if (typeOf(element.asType()) == null) {
        return new Stmt.Unsupported(
            Construct.UNSUPPORTED_TYPE, element.asType().toString(), position(targetPath));
      }
      return new Stmt.Assign(name, compound, read, position(path));
    }

    private BinaryOp compoundOperator(Tree.Kind kind) {
      switch (kind) {
        case PLUS_ASSIGNMENT: return BinaryOp.PLUS;
        case MINUS_ASSIGNMENT: return BinaryOp.MINUS;
        case MULTIPLY_ASSIGNMENT: return BinaryOp.TIMES;
        case DIVIDE_ASSIGNMENT: return BinaryOp.DIVIDE;
        default: return BinaryOp.REMAINDER;
      }
    }

    Expr expression(TreePath path) {
      Tree tree = path.getLeaf();
      if (tree instanceof ParenthesizedTree) {
        return expression(new TreePath(path, ((ParenthesizedTree) tree).getExpression()));
      }
      TypeMirror mirror = trees.getTypeMirror(path);
      if (mirror == null) {
        return new Expr.Unsupported(Construct.MISSING_TYPE, describe(tree), position(path));
      }
      if (mirror.getKind() == TypeKind.ERROR) {
        // javac reports the underlying error itself; nothing useful to add.
        return new Expr.Unsupported(Construct.MISSING_TYPE, "", null);
      }
      Type type = typeOf(mirror);
      switch (tree.getKind()) {
        case INT_LITERAL:
        case LONG_LITERAL:
        case DOUBLE_LITERAL:
        case BOOLEAN_LITERAL:
          return new Expr.Literal(type, literalText(path, (LiteralTree) tree));
        case IDENTIFIER:
        case MEMBER_SELECT:
          return name(path, type, mirror);
        case METHOD_INVOCATION:
          return call(path, (MethodInvocationTree) tree, type, mirror);
        case CONDITIONAL_EXPRESSION: {
          ConditionalExpressionTree node = (ConditionalExpressionTree) tree;
          return typed(type, mirror, path, () -> new Expr.Conditional(
              expression(new TreePath(path, node.getCondition())),
              expression(new TreePath(path, node.getTrueExpression())),
              expression(new TreePath(path, node.getFalseExpression())),
              type));
        }
        case TYPE_CAST: {
          TypeCastTree node = (TypeCastTree) tree;
          return typed(type, mirror, path, () -> new Expr.Cast(
              type, expression(new TreePath(path, node.getExpression()))));
        }
        case UNARY_MINUS:
        case UNARY_PLUS:
        case LOGICAL_COMPLEMENT:
        case BITWISE_COMPLEMENT: {
          UnaryTree node = (UnaryTree) tree;
          return typed(type, mirror, path, () -> new Expr.Unary(
              unaryOperator(tree.getKind()),
              expression(new TreePath(path, node.getExpression())),
              type));
        }
        case PREFIX_INCREMENT:
        case PREFIX_DECREMENT:
        case POSTFIX_INCREMENT:
        case POSTFIX_DECREMENT:
          return new Expr.Unsupported(Construct.INCREMENT, "", position(path));
        case ASSIGNMENT:
        case PLUS_ASSIGNMENT:
        case MINUS_ASSIGNMENT:
        case MULTIPLY_ASSIGNMENT:
        case DIVIDE_ASSIGNMENT:
        case REMAINDER_ASSIGNMENT:
          return new Expr.Unsupported(Construct.NESTED_ASSIGNMENT, "", position(path));
        case ARRAY_ACCESS: {
          com.sun.source.tree.ArrayAccessTree node = (com.sun.source.tree.ArrayAccessTree) tree;
          Expr array = expression(new TreePath(path, node.getExpression()));
          Expr index = expression(new TreePath(path, node.getIndex()));
          if (array instanceof Expr.Unsupported) {
            return array;
          }
          if (index instanceof Expr.Unsupported) {
            return index;
          }
          return typed(type, mirror, path, () -> new Expr.Index(array, index, type));
        }
        case NEW_ARRAY: {
          com.sun.source.tree.NewArrayTree node = (com.sun.source.tree.NewArrayTree) tree;
          int dimensions = type == Type.DOUBLE_ARRAY ? 1 : type == Type.DOUBLE_MATRIX ? 2 : 0;
          if (dimensions == 0 || node.getDimensions().size() != dimensions
              || node.getInitializers() != null) {
            return new Expr.Unsupported(Construct.ARRAY, "", position(path));
          }
          Expr length = expression(new TreePath(path, node.getDimensions().get(0)));
          if (length instanceof Expr.Unsupported) {
            return length;
          }
          if (dimensions == 1) {
            return new Expr.NewArray(length);
          }
          Expr columns = expression(new TreePath(path, node.getDimensions().get(1)));
          return columns instanceof Expr.Unsupported ? columns : new Expr.NewArray(length, columns);
        }
        case NEW_CLASS:
          return new Expr.Unsupported(Construct.OBJECT_CREATION, "", position(path));
        case STRING_LITERAL:
          return new Expr.Unsupported(Construct.STRING, "", position(path));
        case SWITCH_EXPRESSION:
          return new Expr.Unsupported(Construct.SWITCH, "", position(path));
        default:
          if (tree instanceof BinaryTree) {
            BinaryTree node = (BinaryTree) tree;
            BinaryOp op = binaryOperator(tree.getKind());
            if (op != null) {
              return typed(type, mirror, path, () -> new Expr.Binary(
                  op,
                  expression(new TreePath(path, node.getLeftOperand())),
                  expression(new TreePath(path, node.getRightOperand())),
                  type));
            }
          }
          return new Expr.Unsupported(
              Construct.OTHER_EXPRESSION, describe(tree), position(path));
      }
    }

    private Expr typed(
        Type type, TypeMirror mirror, TreePath path, java.util.function.Supplier<Expr> reader) {
      if (type == null) {
        return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, mirror.toString(), position(path));
      }
      return reader.get();
    }

    private Expr name(TreePath path, Type type, TypeMirror mirror) {
      if (path.getLeaf() instanceof MemberSelectTree) {
        MemberSelectTree select = (MemberSelectTree) path.getLeaf();
        TreePath selectedPath = new TreePath(path, select.getExpression());
        TypeMirror selected = trees.getTypeMirror(selectedPath);
        if (selected != null && selected.getKind() == TypeKind.ARRAY) {
          if (!select.getIdentifier().contentEquals("length")) {
            return new Expr.Unsupported(Construct.ARRAY, "", position(path));
          }
          Expr array = expression(selectedPath);
          return array instanceof Expr.Unsupported ? array : new Expr.Length(array);
        }
      }
      Element element = trees.getElement(path);
      if (element == null) {
        return new Expr.Unsupported(Construct.MISSING_TYPE, describe(path.getLeaf()), position(path));
      }
      ElementKind kind = element.getKind();
      if (kind == ElementKind.LOCAL_VARIABLE || kind == ElementKind.PARAMETER) {
        if (type == null && kind == ElementKind.PARAMETER) {
          // Already reported at the parameter: fail quietly rather than at every use.
          return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, mirror.toString(), null);
        }
        if (type == null && mirror.getKind() == TypeKind.ARRAY) {
          return new Expr.Unsupported(Construct.ARRAY, "", position(path));
        }
        if (type == null) {
          return new Expr.Unsupported(
              Construct.UNSUPPORTED_TYPE, mirror.toString(), position(path));
        }
        return new Expr.Ref(nameFor(element, element.getSimpleName().toString()), type);
      }
      if (kind == ElementKind.FIELD || kind == ElementKind.ENUM_CONSTANT) {
        return field(path, (VariableElement) element, type, mirror);
      }
      return new Expr.Unsupported(Construct.OTHER_EXPRESSION, describe(path.getLeaf()), position(path));
    }

    private Expr field(TreePath path, VariableElement field, Type type, TypeMirror mirror) {
      Set<Modifier> modifiers = field.getModifiers();
      String name = field.getSimpleName().toString();
      if (!modifiers.contains(Modifier.STATIC)) {
        return new Expr.Unsupported(Construct.INSTANCE_MEMBER, name, position(path));
      }
      if (!modifiers.contains(Modifier.FINAL)) {
        return new Expr.Unsupported(Construct.MUTABLE_FIELD, name, position(path));
      }
      if (type == null) {
        return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, mirror.toString(), position(path));
      }
      TypeElement owner = (TypeElement) field.getEnclosingElement();
      String ownerName = owner.getQualifiedName().toString();
      if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
        return new Expr.Constant(owner.getSimpleName() + "." + name, type);
      }
      Object constant = field.getConstantValue();
      if (modifiers.contains(Modifier.PRIVATE) || isPrivateNest(owner)) {
        // The generated class cannot see a private field; a compile-time constant is inlined.
        if (constant == null) {
          return new Expr.Unsupported(Construct.PRIVATE_FIELD, name, position(path));
        }
        return new Expr.Literal(type, constantText(constant, type));
      }
      return new Expr.Constant(ownerName + "." + name, type);
    }

    private Expr call(TreePath path, MethodInvocationTree tree, Type type, TypeMirror mirror) {
      Element element = trees.getElement(path);
      if (!(element instanceof ExecutableElement)) {
        return new Expr.Unsupported(Construct.MISSING_TYPE, describe(tree), position(path));
      }
      ExecutableElement callee = (ExecutableElement) element;
      TypeElement owner = (TypeElement) callee.getEnclosingElement();
      String ownerName = owner.getQualifiedName().toString();
      String name = callee.getSimpleName().toString();
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree arg : tree.getArguments()) {
        args.add(expression(new TreePath(path, arg)));
      }
      if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
        var function = MathFunction.of(name, args.size());
        boolean primitiveArgs = args.stream().allMatch(a -> !(a instanceof Expr.Unsupported));
        if (function.isEmpty() || type == null) {
          return new Expr.Unsupported(
              Construct.UNKNOWN_MATH_FUNCTION, owner.getSimpleName() + "." + name, position(path));
        }
        if (!primitiveArgs) {
          return firstUnsupported(args);
        }
        return new Expr.MathCall(function.get(), owner.getSimpleName().toString(), args, type);
      }
      List<String> wrt = wrtOf(callee);
      if (wrt == null) {
        // A method of this compilation can be annotated; a library's cannot.
        Construct construct = trees.getPath(callee) != null
            ? Construct.NON_DIFFERENTIABLE_CALL : Construct.LIBRARY_CALL;
        return new Expr.Unsupported(construct, owner.getSimpleName() + "." + name, position(path));
      }
      if (!callee.getModifiers().contains(Modifier.STATIC)) {
        return new Expr.Unsupported(Construct.INSTANCE_MEMBER, name + "(...)", position(path));
      }
      if (type == null) {
        return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, mirror.toString(), position(path));
      }
      for (Expr arg : args) {
        if (arg instanceof Expr.Unsupported) {
          return arg;
        }
      }
      List<String> parameterNames = new ArrayList<>();
      List<Boolean> differentiated = new ArrayList<>();
      List<Boolean> arrays = new ArrayList<>();
      for (VariableElement p : callee.getParameters()) {
        String pName = p.getSimpleName().toString();
        Type pType = typeOf(p.asType());
        parameterNames.add(pName);
        differentiated.add((pType == Type.DOUBLE || pType == Type.DOUBLE_ARRAY)
            && (wrt.isEmpty() || wrt.contains(pName)));
        arrays.add(pType == Type.DOUBLE_ARRAY);
      }
      boolean accessible = !callee.getModifiers().contains(Modifier.PRIVATE) && !isPrivateNest(owner);
      Callee info = new Callee(
          keyOf(callee),
          accessible,
          GradientNames.packageName(owner),
          owner.getQualifiedName().toString(),
          GradientNames.qualifiedName(owner),
          name,
          parameterNames,
          differentiated,
          arrays,
          inThisRound.test(callee));
      List<String> texts = new ArrayList<>();
      for (ExpressionTree arg : tree.getArguments()) {
        texts.add(sourceText(new TreePath(path, arg)));
      }
      return new Expr.Call(info, args, texts, type, position(path));
    }

    private Expr firstUnsupported(List<Expr> args) {
      return args.stream().filter(a -> a instanceof Expr.Unsupported).findFirst().orElseThrow();
    }

    private boolean isPrivateNest(TypeElement type) {
      for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          return true;
        }
      }
      return false;
    }

    private String literalText(TreePath path, LiteralTree tree) {
      String text = sourceText(path);
      return text.isEmpty() ? String.valueOf(tree.getValue()) : text;
    }

    /** The tree exactly as the user wrote it, or "" if the source cannot be read. */
    private String sourceText(TreePath path) {
      Tree tree = path.getLeaf();
      CharSequence text = source(path);
      long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), tree);
      long end = trees.getSourcePositions().getEndPosition(path.getCompilationUnit(), tree);
      if (text != null && start >= 0 && end > start && end <= text.length()) {
        return text.subSequence((int) start, (int) end).toString();
      }
      return "";
    }

    private CharSequence source(TreePath path) {
      if (source == null) {
        try {
          source = path.getCompilationUnit().getSourceFile().getCharContent(true);
        } catch (IOException | RuntimeException unreadable) {
          source = "";
        }
      }
      return source;
    }

    private Position position(TreePath path) {
      return sourceMap.positionOf(path);
    }
  }

  private static String constantText(Object value, Type type) {
    if (value instanceof Double) {
      double d = (Double) value;
      if (Double.isNaN(d)) {
        return "Double.NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
      }
      return Double.toString(d);
    }
    if (value instanceof Long) {
      return value + "L";
    }
    return String.valueOf(value);
  }

  private static UnaryOp unaryOperator(Tree.Kind kind) {
    switch (kind) {
      case UNARY_MINUS: return UnaryOp.NEGATE;
      case UNARY_PLUS: return UnaryOp.PLUS;
      case LOGICAL_COMPLEMENT: return UnaryOp.NOT;
      default: return UnaryOp.COMPLEMENT;
    }
  }

  private static BinaryOp binaryOperator(Tree.Kind kind) {
    switch (kind) {
      case MULTIPLY: return BinaryOp.TIMES;
      case DIVIDE: return BinaryOp.DIVIDE;
      case REMAINDER: return BinaryOp.REMAINDER;
      case PLUS: return BinaryOp.PLUS;
      case MINUS: return BinaryOp.MINUS;
      case LEFT_SHIFT: return BinaryOp.SHIFT_LEFT;
      case RIGHT_SHIFT: return BinaryOp.SHIFT_RIGHT;
      case UNSIGNED_RIGHT_SHIFT: return BinaryOp.UNSIGNED_SHIFT_RIGHT;
      case LESS_THAN: return BinaryOp.LESS;
      case LESS_THAN_EQUAL: return BinaryOp.LESS_EQUAL;
      case GREATER_THAN: return BinaryOp.GREATER;
      case GREATER_THAN_EQUAL: return BinaryOp.GREATER_EQUAL;
      case EQUAL_TO: return BinaryOp.EQUAL;
      case NOT_EQUAL_TO: return BinaryOp.NOT_EQUAL;
      case AND: return BinaryOp.AND;
      case XOR: return BinaryOp.XOR;
      case OR: return BinaryOp.OR;
      case CONDITIONAL_AND: return BinaryOp.CONDITIONAL_AND;
      case CONDITIONAL_OR: return BinaryOp.CONDITIONAL_OR;
      default: return null;
    }
  }

  private static String describe(Tree tree) {
    String text = tree.toString().replaceAll("\\s+", " ");
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
