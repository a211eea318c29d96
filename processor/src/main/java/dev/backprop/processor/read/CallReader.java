package dev.backprop.processor.read;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.GeneratedApi;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a method call: a {@code Math} or {@code StrictMath} function we know the derivative
 * of, or a static {@code @Differentiable} method, which the gradient chains through by its
 * pullback (described by a {@link Callee}). Any other call is unsupported.
 */
final class CallReader {

  private final MethodContext context;
  private final ExpressionReader expressions;

  CallReader(MethodContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** The call at {@code path}, of the compiler's type {@code mirror}. */
  Expr read(TreePath path, MethodInvocationTree tree, Type type, TypeMirror mirror) {
    if (!(context.trees().getElement(path) instanceof ExecutableElement callee)) {
      return new Expr.Unsupported(
          Construct.MISSING_TYPE, SourceText.describe(tree), context.position(path));
    }
    if (receivesBadParameter(path, tree)) {
      // p.x() of a record parameter: reported at the parameter, once
      return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, "", null);
    }
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    String name = callee.getSimpleName().toString();
    String checked = Exceptions.declaredBy(callee);
    if (checked != null) {
      return new Expr.Unsupported(Construct.CHECKED_CALL, checked, context.position(path));
    }
    TypeElement caller = callerClass(path);

    List<Expr> args = new ArrayList<>();
    for (ExpressionTree arg : tree.getArguments()) {
      args.add(expressions.read(new TreePath(path, arg)));
    }
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      return mathCall(path, owner, name, args, type, mirror);
    }
    if (ownerName.equals(MathFunction.STOP_GRADIENT_CLASS) && name.equals("of")
        && args.size() == 1 && type == Type.DOUBLE) {
      return args.get(0) instanceof Expr.Unsupported ? args.get(0) : new Expr.MathCall(
          MathFunction.STOP_GRADIENT, owner.getSimpleName().toString(), args, type);
    }
    List<String> wrt = Annotations.wrtOf(callee);
    // a boolean, int or long carries no gradient (Double.isNaN(x), Integer.bitCount(k) run as
    // they are), nor a double computed from no double (Double.longBitsToDouble(bits))
    boolean plain = wrt == null && callee.getModifiers().contains(Modifier.STATIC)
        && (type == Type.BOOLEAN || type == Type.INT || type == Type.LONG
            || type == Type.DOUBLE && callee.getParameters().stream().map(p -> Tables.typeOf(
                p.asType())).noneMatch(t -> t == Type.DOUBLE || t == Type.DOUBLE_ARRAY));
    if (callee.isVarArgs() && (wrt != null || plain)) {
      // a @Differentiable one has its own error, at its declaration
      return new Expr.Unsupported(Construct.VARARGS_CALL, owner.getSimpleName() + "." + name,
          wrt != null ? null : context.position(path));
    }
    if (wrt == null && !plain && !callee.getModifiers().contains(Modifier.STATIC)) {
      return new Expr.Unsupported(
          Construct.INSTANCE_CALL, owner.getSimpleName() + "." + name, context.position(path));
    }
    Pullbacks.Found custom = null;
    boolean helper = false;
    if (wrt == null && !plain) {
      custom = Pullbacks.find(
          callee, caller, e -> context.trees().getPath(e) != null);
      if (custom.fitting().size() > 1) {
        return new Expr.Unsupported(Construct.PULLBACK_TWICE, owner.getSimpleName() + "." + name
            + " (" + custom.pullbacks().stream().map(CallReader::describe)
                .collect(Collectors.joining(", ")) + ")", context.position(path));
      }
      if (custom.fitting().isEmpty() && custom.misfit()) {
        // the registration's own error says why it does not fit: nothing to add here
        return new Expr.Unsupported(Construct.MISSING_TYPE, "", null);
      }
      if (callee.isVarArgs()) {
        return new Expr.Unsupported(
            Construct.VARARGS_CALL, owner.getSimpleName() + "." + name, context.position(path));
      }
      if (custom.fitting().isEmpty() && isHelper(callee, type, caller)) {
        // a helper of this compilation: differentiated as if it were annotated
        context.helperCalled(callee);
        wrt = List.of();
        custom = null;
        helper = true;
      } else if (custom.fitting().isEmpty()) {
        // A method of this compilation can be annotated; a library's cannot.
        Construct construct = context.trees().getPath(callee) == null ? Construct.LIBRARY_CALL
            : Pullbacks.outermost(owner).equals(Pullbacks.outermost(caller))
                ? Construct.HELPER_SHAPE : Construct.NON_DIFFERENTIABLE_CALL;
        return new Expr.Unsupported(
            construct, owner.getSimpleName() + "." + name, context.position(path));
      }
    }
    if (!callee.getModifiers().contains(Modifier.STATIC)) {
      return new Expr.Unsupported(
          Construct.INSTANCE_MEMBER, name + "(...)", context.position(path));
    }
    if (type == null) {
      return expressions.unsupportedType(mirror, path);
    }
    for (Expr arg : args) {
      if (arg instanceof Expr.Unsupported) {
        return arg;
      }
    }
    if (plain && !visible(callee, owner, packageOf(path))
        && isOwnMethod(callee, caller) && !callee.isVarArgs()) {
      // a private predicate of this class: the gradient class calls a copy of it
      context.helperCalled(callee);
      helper = true;
    }
    Callee info = custom != null
        ? customCallee(callee, owner, custom.pullbacks().get(0),
            custom.fitting().get(0).differentiated(), packageOf(path))
        : callee(callee, owner, plain ? null : wrt, packageOf(path),
            helper || wrt != null && isOwnMethod(callee, caller));
    context.names().reserveCallee(owner);
    if (custom != null) {
      context.names().reserveCallee(
          (TypeElement) custom.pullbacks().get(0).getEnclosingElement());
    }
    List<String> texts = new ArrayList<>();
    for (ExpressionTree arg : tree.getArguments()) {
      texts.add(context.text().of(new TreePath(path, arg)));
    }
    return new Expr.Call(info, args, texts, type, context.position(path));
  }

  /**
   * A call returning a {@code String}, in a message: a static method whose arguments are values
   * and messages ({@code String.format("%.3f", x)}); arrays only to {@code java.util.Arrays},
   * whose methods do not change them ({@code Arrays.toString(w)}).
   */
  Expr message(TreePath path, MethodInvocationTree tree) {
    if (!(context.trees().getElement(path) instanceof ExecutableElement callee)) {
      return new Expr.Unsupported(
          Construct.MISSING_TYPE, SourceText.describe(tree), context.position(path));
    }
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    if (!callee.getModifiers().contains(Modifier.STATIC)) {
      return new Expr.Unsupported(Construct.INSTANCE_CALL,
          owner.getSimpleName() + "." + callee.getSimpleName(), context.position(path));
    }
    String checked = Exceptions.declaredBy(callee);
    if (checked != null) {
      return new Expr.Unsupported(Construct.CHECKED_CALL, checked, context.position(path));
    }
    boolean readsOnly = owner.getQualifiedName().contentEquals("java.util.Arrays");
    List<Expr> args = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (ExpressionTree arg : tree.getArguments()) {
      TreePath argPath = new TreePath(path, arg);
      Expr read = expressions.message(argPath);
      if (read instanceof Expr.Unsupported) {
        return read;
      }
      if (read.type() != null && read.type().isArray() && !readsOnly) {
        return new Expr.Unsupported(
            Construct.EFFECT_ARRAY, context.text().of(argPath), context.position(argPath));
      }
      args.add(read);
      texts.add(context.text().of(argPath));
    }
    context.names().reserveCallee(owner);
    return new Expr.Call(callee(callee, owner, null, packageOf(path), false), args, texts,
        Type.STRING, context.position(path));
  }

  private Expr mathCall(TreePath path, TypeElement owner, String name, List<Expr> args,
      Type type, TypeMirror mirror) {
    Optional<MathFunction> function = MathFunction.of(name, args.size());
    boolean primitiveArgs = args.stream().allMatch(a -> !(a instanceof Expr.Unsupported));
    if (name.equals("random") && args.isEmpty()) {
      return new Expr.Unsupported(Construct.RANDOM_NUMBER,
          owner.getSimpleName() + "." + name, context.position(path));
    }
    if (!primitiveArgs) { // Math.abs((float) x): the float is the problem
      return args.stream().filter(a -> a instanceof Expr.Unsupported).findFirst().orElseThrow();
    }
    if (function.isPresent() && type == null) {
      return expressions.unsupportedType(mirror, path); // Math.scalb(k, 2) is scalb(float, int)
    }
    if (function.isEmpty()) {
      return new Expr.Unsupported(Construct.UNKNOWN_MATH_FUNCTION,
          owner.getSimpleName() + "." + name, context.position(path));
    }
    return new Expr.MathCall(function.get(), owner.getSimpleName().toString(), args, type);
  }

  /**
   * {@code removal} or {@code deprecation} for each of {@code methods} that is, or is in a class
   * that is, {@code @Deprecated}: the same class calls it without a warning, the generated one
   * would not.
   */
  static List<String> warnings(Element... methods) {
    Set<String> warnings = new TreeSet<>();
    for (Element method : methods) {
      for (Element e = method; e instanceof ExecutableElement || e instanceof TypeElement
          || e instanceof VariableElement; e = e.getEnclosingElement()) {
        Deprecated deprecated = e.getAnnotation(Deprecated.class);
        if (deprecated != null) {
          warnings.add(deprecated.forRemoval() ? "removal" : "deprecation");
        }
      }
    }
    return List.copyOf(warnings);
  }

  /** The package of the source file at {@code path}. */
  static String packageOf(TreePath path) {
    var name = path.getCompilationUnit().getPackageName();
    return name == null ? "" : name.toString();
  }

  /** Whether {@code type} and every class around it are public. */
  private static boolean isPublicNest(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the generated code needs to know of the called method to chain through it, or to call
   * it (a {@code wrt} of null: it carries no gradient).
   */
  private Callee callee(ExecutableElement callee, TypeElement owner, List<String> wrt,
      String callerPackage, boolean copyable) {
    List<Boolean> differentiated = new ArrayList<>();
    for (VariableElement p : callee.getParameters()) {
      Type pType = Tables.typeOf(p.asType());
      differentiated.add(wrt != null && (pType == Type.DOUBLE || pType == Type.DOUBLE_ARRAY)
          && (wrt.isEmpty() || wrt.contains(p.getSimpleName().toString())));
    }
    boolean visible = visible(callee, owner, callerPackage);
    // a private method of this class: the forward sweep calls its copy in its gradient class
    Callee.PullbackMethod copy = copyable && !visible
        ? new Callee.PullbackMethod(GradientNames.packageName(owner),
            GradientNames.qualifiedName(owner),
            GeneratedApi.helperCopyName(callee.getSimpleName().toString()), false)
        : null;
    if (copy != null) {
      context.copyCalled(callee);
    }
    return callee(callee, owner, differentiated, callerPackage,
        new Callee.PullbackMethod(GradientNames.packageName(owner),
            GradientNames.qualifiedName(owner), GeneratedApi.pullbackName(
                callee.getSimpleName().toString()), false),
        copy, wrt != null, copyable || context.inThisRound(callee),
        visible || copy != null ? null : callee, warnings(callee));
  }

  /** A call of a function with a registered pullback, which the backward sweep calls. */
  private Callee customCallee(ExecutableElement callee, TypeElement owner,
      ExecutableElement pullback, List<Boolean> differentiated, String callerPackage) {
    TypeElement pullbackOwner = (TypeElement) pullback.getEnclosingElement();
    ExecutableElement hidden = !visible(callee, owner, callerPackage) ? callee
        : !visible(pullback, pullbackOwner, callerPackage) ? pullback : null;
    return callee(callee, owner, differentiated, callerPackage,
        new Callee.PullbackMethod(GradientNames.packageName(pullbackOwner),
            pullbackOwner.getQualifiedName().toString(), pullback.getSimpleName().toString(),
            true),
        null, true, true, hidden, warnings(callee, pullback));
  }

  private Callee callee(ExecutableElement callee, TypeElement owner, List<Boolean> differentiated,
      String callerPackage, Callee.PullbackMethod pullback, Callee.PullbackMethod forward,
      boolean differentiable, boolean inThisRound, ExecutableElement hidden,
      List<String> warnings) {
    List<String> parameterNames = new ArrayList<>();
    List<Boolean> arrays = new ArrayList<>();
    for (VariableElement p : callee.getParameters()) {
      parameterNames.add(p.getSimpleName().toString());
      arrays.add(Tables.typeOf(p.asType()) == Type.DOUBLE_ARRAY);
    }
    return new Callee(
        Annotations.keyOf(callee),
        hidden == null ? null : describe(hidden),
        GradientNames.packageName(owner),
        owner.getQualifiedName().toString(),
        pullback,
        forward,
        callee.getSimpleName().toString(),
        parameterNames,
        differentiated,
        arrays,
        inThisRound,
        differentiable,
        warnings);
  }

  /**
   * Whether {@code callee}, called with a result of {@code type} from a method of
   * {@code caller}, is a helper to differentiate as if annotated: a static method returning
   * {@code double}, in the caller's top-level class (what an isolating processor generates from
   * that class), whose source this compilation reads.
   */
  private boolean isHelper(ExecutableElement callee, Type type, TypeElement caller) {
    return type == Type.DOUBLE && isOwnMethod(callee, caller);
  }

  /**
   * Whether {@code callee} is a method of {@code caller}'s top-level class that a gradient class
   * can differentiate or copy: static, with a body this compilation reads, no type parameters,
   * in a top-level or member class.
   */
  private boolean isOwnMethod(ExecutableElement callee, TypeElement caller) {
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    return context.trees().getPath(callee) != null
        && Pullbacks.outermost(owner).equals(Pullbacks.outermost(caller))
        && callee.getModifiers().contains(Modifier.STATIC)
        && !callee.getModifiers().contains(Modifier.ABSTRACT)
        && !callee.getModifiers().contains(Modifier.NATIVE)
        && callee.getTypeParameters().isEmpty()
        && (owner.getNestingKind() == NestingKind.TOP_LEVEL
            || owner.getNestingKind() == NestingKind.MEMBER);
  }

  /** Whether the generated class, in {@code callerPackage} and no subclass, may use it. */
  static boolean visible(Element method, TypeElement owner, String callerPackage) {
    return !method.getModifiers().contains(Modifier.PRIVATE)
        && !VariableReader.isPrivateNest(owner)
        && (GradientNames.packageName(owner).equals(callerPackage)
            || method.getModifiers().contains(Modifier.PUBLIC) && isPublicNest(owner));
  }

  /** {@code Rules.erfPullback}, as messages name a method. */
  private static String describe(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
  }

  /** Whether the call is a method of a parameter whose type the signature check reports. */
  private boolean receivesBadParameter(TreePath path, MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    TreePath receiver = new TreePath(new TreePath(path, select), select.getExpression());
    Element element = context.trees().getElement(receiver);
    return element != null && element.getKind() == ElementKind.PARAMETER
        && Tables.typeOf(element.asType()) == null;
  }

  /** The class whose method is being read, around {@code path}. */
  private TypeElement callerClass(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree
          && context.trees().getElement(p) instanceof TypeElement type) {
        return type;
      }
    }
    throw new IllegalStateException("no class around " + path.getLeaf());
  }
}
