package dev.backprop.examples;

import dev.backprop.check.GradientCheck;
import dev.backprop.check.GradientReport;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Prints chapters 1 and 2 of the <em>Hacker's guide to Neural Networks</em>, section by section,
 * computed with the generated gradients, and the examples that chapter 3 ("backprop in practice")
 * lists: multiclass SVM and softmax, regression, a practical neural network classifier. Run it from the repository root with
 * {@code ./mvnw -q package -DskipTests -Pwalkthrough}.
 *
 * <p>The output is deterministic: every random choice comes from a {@link Random} with the
 * printed seed, and numbers are formatted with {@link Locale#ROOT}.
 */
public final class Walkthrough {

  /** Seed of the random local search of strategy #1. */
  public static final long SEARCH_SEED = 0;
  /** Seed of the SVM's choice of training points. */
  public static final long SVM_SEED = 0;
  /** Seed of the 2-layer network's initial parameters and choice of training points. */
  public static final long NET_SEED = 0;
  /** Iterations of the SVM's learning loop, as in the article. */
  public static final int SVM_ITERATIONS = 400;
  /**
   * Iterations of the 2-layer network's learning loop. The article's 400 are too few: of seeds
   * 0..999, 381 reach 100% training accuracy within 400 iterations, 859 within 2000 (the
   * walkthrough prints this survey).
   */
  public static final int NET_ITERATIONS = 2000;
  /** Number of seeds ({@code 0 .. SURVEY_SEEDS-1}) of the surveys of both training runs. */
  public static final int SURVEY_SEEDS = 1000;

  private final PrintStream out;

  private Walkthrough(PrintStream out) {
    this.out = out;
  }

  /**
   * Prints the walkthrough to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    print(System.out);
  }

  /** Prints the walkthrough to {@code out}. */
  public static void print(PrintStream out) {
    Walkthrough w = new Walkthrough(out);
    w.singleGate();
    w.multipleGates();
    w.singleNeuron();
    w.backpropNinja();
    w.supportVectorMachine();
    w.twoLayerNet();
    w.svmCost();
    w.datasetSvm();
    w.multiclass();
    w.ridgeRegression();
    w.irisNet();
    w.customDerivatives();
  }

  private void singleGate() {
    heading("Chapter 1 - base case: single gate in the circuit, x * y");
    double x = -2;
    double y = 3;
    line("forwardMultiplyGate(-2, 3) = %s", num(SingleGate.forwardMultiplyGate(x, y)));

    SingleGate.Tweak best =
        SingleGate.randomLocalSearch(x, y, 0.01, 100, new Random(SEARCH_SEED));
    line("");
    line("strategy #1, random local search (100 tries, tweak_amount 0.01, Random seed %d):",
        SEARCH_SEED);
    line("  best_x = %.4f, best_y = %.4f, best_out = %.4f", best.x(), best.y(), best.out());

    double[] numerical = SingleGate.numericalGradient(x, y, NumericalGradient.H);
    line("strategy #2, numerical gradient (forward difference, h = 0.0001):");
    line("  x_derivative = %.1f, y_derivative = %.1f   (%s, %s)",
        numerical[0], numerical[1], numerical[0], numerical[1]);

    double[] analytic = SingleGate.analyticGradient(x, y);
    line("strategy #3, analytic gradient (generated SingleGateGrad.forwardMultiplyGate):");
    line("  x_gradient = %s, y_gradient = %s   (exact: y and x)", analytic[0], analytic[1]);

    double stepSize = 0.01;
    x += stepSize * analytic[0];
    y += stepSize * analytic[1];
    line("a step of 0.01 along the gradient: x = %.2f, y = %.2f, out_new = %.2f (before: -6)",
        x, y, SingleGate.forwardMultiplyGate(x, y));
  }

  private void multipleGates() {
    heading("Chapter 1 - recursive case: circuits with multiple gates, f = (x + y) * z");
    double x = -2;
    double y = 5;
    double z = -4;
    double[] grad = new double[3];
    double f = MultipleGatesGrad.forwardCircuit(x, y, z, grad);
    line("x = -2, y = 5, z = -4: q = %s, f = %s",
        num(MultipleGates.forwardAddGate(x, y)), num(f));
    line("backprop (generated MultipleGatesGrad.forwardCircuit, chaining the add gate's and");
    line("SingleGate's multiply gate's pullbacks): gradient [dx, dy, dz] = %s", vec(grad));

    double stepSize = 0.01;
    x = x + stepSize * grad[0];
    y = y + stepSize * grad[1];
    z = z + stepSize * grad[2];
    double q = MultipleGates.forwardAddGate(x, y);
    line("let the inputs respond (step 0.01): x = %.2f, y = %.2f, z = %.2f", x, y, z);
    line("  q becomes %.2f, output is %.2f, up from -12", q,
        SingleGate.forwardMultiplyGate(q, z));

    double[] numerical = NumericalGradient.forwardDifference(
        v -> MultipleGates.forwardCircuit(v[0], v[1], v[2]), new double[] {-2, 5, -4},
        NumericalGradient.H);
    line("numerical gradient check (forward difference, h = 0.0001): %s", vec(numerical, 4));
    GradientReport report = GradientCheck.of(
            v -> MultipleGates.forwardCircuit(v[0], v[1], v[2]),
            (v, g) -> MultipleGatesGrad.forwardCircuit(v[0], v[1], v[2], g))
        .names("x", "y", "z")
        .at(-2, 5, -4);
    line("GradientCheck (central differences): %s, max relative error %.1e",
        report.passed() ? "passed" : "FAILED", report.maxRelativeError());
  }

  private void singleNeuron() {
    heading("Chapter 1 - example: single neuron, sig(a*x + b*y + c)");
    double a = 1;
    double b = 2;
    double c = -3;
    double x = -1;
    double y = 3;
    double[] grad = new double[5];
    double s = SingleNeuronGrad.neuron(a, b, c, x, y, grad);
    line("a = 1, b = 2, c = -3, x = -1, y = 3");
    line("circuit output: %.4f", s);
    line("gradient (generated SingleNeuronGrad.neuron, through sig's pullback):");
    line("  [da, db, dc, dx, dy] = %s", vec(grad, 3));

    double stepSize = 0.01;
    a += stepSize * grad[0];
    b += stepSize * grad[1];
    c += stepSize * grad[2];
    x += stepSize * grad[3];
    y += stepSize * grad[4];
    double after = SingleNeuron.neuron(a, b, c, x, y);
    line("circuit output after one backprop: %.4f   (%s: the article cuts it to 0.8825)",
        after, after);

    double[] numerical = NumericalGradient.forwardDifference(
        v -> SingleNeuron.neuron(v[0], v[1], v[2], v[3], v[4]),
        new double[] {1, 2, -3, -1, 3}, NumericalGradient.H);
    line("numerical gradient (forward difference, h = 0.0001): %s", vec(numerical, 3));
    line("");
    line("GradientCheck.of(neuron, generated neuron)"
        + ".names(\"a\", \"b\", \"c\", \"x\", \"y\").at(1, 2, -3, -1, 3):");
    GradientReport report = GradientCheck.of(
            v -> SingleNeuron.neuron(v[0], v[1], v[2], v[3], v[4]),
            (v, g) -> SingleNeuronGrad.neuron(v[0], v[1], v[2], v[3], v[4], g))
        .names("a", "b", "c", "x", "y")
        .at(1, 2, -3, -1, 3);
    report.toString().lines().forEach(l -> out.println(("  " + l).stripTrailing()));
  }

  private void backpropNinja() {
    heading("Chapter 1 - becoming a backprop ninja");
    line("every expression of the section, its generated gradient at a point,");
    line("and GradientCheck's verdict (max relative error against central differences):");
    line("");
    for (BackpropNinja.Drill drill : BackpropNinja.drills()) {
      double[] point = drill.pointArray();
      double[] grad = new double[point.length];
      double value = drill.gradient().valueAndGradient(point.clone(), grad);
      GradientReport report = GradientCheck.check(drill.circuit(), drill.gradient(), point);
      line("%s", drill.expression());
      line("  at %s: value %s", assignments(drill.inputs(), point), num(value));
      line("  %s = %s   check %s (%.1e)", gradientNames(drill.inputs()),
          grad.length == 1 ? num(grad[0]) : vec(grad), report.passed() ? "ok" : "FAILED",
          report.maxRelativeError());
    }
    double[] grad = new double[1];
    double x = BackpropNinjaGrad.relu(-1.5, grad);
    line("");
    line("Math.max(a, 0) at a = -1.5: x = %s, da = %s: the ReLU did not fire, it stops the flow",
        num(x), num(grad[0]));
    grad = new double[2];
    x = BackpropNinjaGrad.max(-1, 4, grad);
    line("Math.max(a, b) at a = -1, b = 4: x = %s, [da, db] = %s: routed to the input that won",
        num(x), vec(grad));
  }

  private void supportVectorMachine() {
    heading("Chapter 2 - learning a support vector machine");
    line("circuit a*x + b*y + c, differentiated with respect to a, b, c only (x, y are pegs);");
    line("the pull from the force specification goes through the generated");
    line("SupportVectorMachineGrad.circuitPullback(x, y, a, b, c, pull, grad),");
    line("plus the springs' pulls -a, -b");
    line("");
    SupportVectorMachine worked = new SupportVectorMachine();
    workedExample(worked, 1.2, 0.7, 1);
    workedExample(worked, -0.3, 0.5, -1);
    line("");

    line("training on the article's six points: a = 1, b = -2, c = -1, step size 0.01,");
    line("%d iterations, points picked by java.util.Random(seed %d)", SVM_ITERATIONS, SVM_SEED);
    SupportVectorMachine svm = new SupportVectorMachine();
    line("training accuracy before training: %s (4 of 6; the article's log starts at 0.333 after",
        svm.trainingAccuracy());
    line("iteration 0, which one step of 0.01 from this start cannot give)");
    Training.Log log = Training.run(svm, new Random(SVM_SEED), SVM_ITERATIONS, 25);
    printLog(log);
    double[] p = svm.parameters();
    line("final a = %.4f, b = %.4f, c = %.4f", p[0], p[1], p[2]);
    line("");
    line("how typical is that? With this step size and regularization the SVM does not settle:");
    line("the springs pull a, b back until [1.2, 0.7] sits on the decision boundary, and the");
    line("accuracy keeps flipping between 5/6 and 6/6 (the article's run happened to stay at 1).");
    printSurvey(Training.survey(SURVEY_SEEDS, SVM_ITERATIONS, r -> new SupportVectorMachine()));

    double[] viaLoss = SupportVectorMachine.trainOnLoss(new Random(SVM_SEED), SVM_ITERATIONS);
    double difference = 0;
    for (int k = 0; k < 3; k++) {
      difference = Math.max(difference, Math.abs(viaLoss[k] - p[k]));
    }
    line("");
    line("the same run descending the generated gradient of the loss");
    line("max(0, 1 - label*score) + (a*a + b*b)/2 (SupportVectorMachineGrad.loss):");
    line("  a = %.4f, b = %.4f, c = %.4f (largest difference from the force specification: %s)",
        viaLoss[0], viaLoss[1], viaLoss[2], difference);
  }

  private void workedExample(SupportVectorMachine svm, double x, double y, int label) {
    double score = svm.forward(x, y);
    double[] pulls = svm.backward(x, y, label);
    line("point [%s, %s], label %+d: score %s, pulls on [a, b, c] = %s",
        num(x), num(y), label, num(score), vec(pulls));
  }

  private void twoLayerNet() {
    heading("Chapter 2 - generalizing the SVM into a neural network");
    line("3 ReLU hidden neurons, 13 parameters; the backward pass is the generated");
    line("TwoLayerNetGrad.scorePullback seeded with the pull; springs on a1..c4, not on biases");
    line("initial parameters random.nextDouble() - 0.5 and points from java.util.Random(seed %d);",
        NET_SEED);
    line("step size 0.01, %d iterations", NET_ITERATIONS);
    Random random = new Random(NET_SEED);
    TwoLayerNet net = new TwoLayerNet(random);
    line("initial parameters: %s", named(TwoLayerNet.PARAMETER_NAMES, net.parameters()));
    Training.Log log = Training.run(net, random, NET_ITERATIONS, 100);
    printLog(log);
    line("final parameters: %s", named(TwoLayerNet.PARAMETER_NAMES, net.parameters()));
    line("");
    line("across seeds (the regularization makes the network hover between 5/6 and 6/6 too):");
    printSurvey(Training.survey(SURVEY_SEEDS, 400, TwoLayerNet::new));
    printSurvey(Training.survey(SURVEY_SEEDS, NET_ITERATIONS, TwoLayerNet::new));
  }

  private void printLog(Training.Log log) {
    for (int k = 0; k < log.checkpoints().size(); k++) {
      line("training accuracy at iteration %d: %s", log.every() * k, log.checkpoints().get(k));
    }
    line("training accuracy after the last iteration: %s", log.finalAccuracy());
    if (log.reachedPerfect()) {
      line("first at 100%% after iteration %d", log.firstPerfectIteration());
    } else {
      line("never at 100%%");
    }
  }

  private void printSurvey(Training.Survey survey) {
    line("  seeds 0..%d, %d iterations each: %d reach 100%% training accuracy, %d end there",
        survey.seeds() - 1, survey.iterations(), survey.reached(), survey.ended());
  }

  private void svmCost() {
    heading("Chapter 2 - a more conventional approach: loss functions");
    double[] w = {0.1, 0.2, 0.3};
    line("x = [[1.2, 0.7], [-0.3, 0.5], [3, 2.5]], y = [1, -1, 1], w = [0.1, 0.2, 0.3],"
        + " alpha = 0.1");
    double totalCost = 0.0;
    for (int i = 0; i < SvmCost.X.length; i++) {
      double costI = SvmCost.exampleCost(SvmCost.X[i][0], SvmCost.X[i][1], SvmCost.Y[i],
          w[0], w[1], w[2]);
      line("cost for example %d is %.3f", i, costI);
      totalCost += costI;
    }
    double regCost = SvmCost.regularizationCost(SvmCost.ALPHA, w[0], w[1], w[2]);
    line("regularization cost for current model is %.3f", regCost);
    totalCost += regCost;
    line("total cost is %.3f", totalCost);

    double[] grad = new double[3];
    SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, grad);
    line("");
    line("gradient of the total cost, the sum of the generated pullbacks");
    line("(3 x exampleCostPullback + regularizationCostPullback, seed 1.0, into one double[3]):");
    line("  [dw0, dw1, dw2] = %s", vec(grad));
    GradientReport report = GradientCheck.of(
            v -> SvmCost.cost(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA),
            (v, g) -> SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA, g))
        .names("w0", "w1", "w2")
        .at(w);
    line("  GradientCheck: %s, max relative error %.1e",
        report.passed() ? "passed" : "FAILED", report.maxRelativeError());

    double stepSize = 0.1;
    int steps = 10;
    double[] descending = w.clone();
    double[] costs =
        SvmCost.descend(SvmCost.X, SvmCost.Y, descending, SvmCost.ALPHA, stepSize, steps);
    line("");
    line("full-batch gradient descent, w -= %s * gradient:", num(stepSize));
    for (int s = 0; s < costs.length; s++) {
      line("  step %2d: total cost %.3f", s, costs[s]);
    }
    line("  w = %s", vec(descending, 4));
  }

  private void datasetSvm() {
    heading("Chapter 2 - loss functions: the article's cost(X, y, w), one loop over the data");
    double[] w = {0.1, 0.2, 0.3};
    double[] dw = new double[3];
    double cost = DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, dw);
    line("DatasetSvm.cost differentiated as a whole, loop included (DatasetSvmGrad.cost):");
    line("  same x, y, w, alpha: total cost is %.3f, [dw0, dw1, dw2] = %s", cost, vec(dw));
    GradientReport report = GradientCheck.of(
            v -> DatasetSvm.cost(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA),
            (v, g) -> DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA, g))
        .at(w);
    line("  GradientCheck: %s, max relative error %.1e",
        report.passed() ? "passed" : "FAILED", report.maxRelativeError());
    double[] descending = w.clone();
    double[] costs = DatasetSvm.descend(SvmCost.X, SvmCost.Y, descending, SvmCost.ALPHA,
        DatasetSvm.STEP_SIZE, DatasetSvm.STEPS);
    line("full-batch gradient descent, step size %s, %d steps, cost before each step and after:",
        num(DatasetSvm.STEP_SIZE), DatasetSvm.STEPS);
    line("  %s", vec(costs, 3).replace("[", "").replace("]", ""));
    line("  w = %s", vec(descending, 4));
  }

  private void multiclass() {
    heading("Chapter 3 - multiclass: structured SVM and softmax");
    Multiclass.Dataset data = Multiclass.blobs(Multiclass.DATA_SEED, Multiclass.PER_CLASS);
    line("%d points, %d classes of %d: Gaussian blobs (sd %s) around 3 centres at distance %s,",
        data.x().length, Multiclass.CLASSES, Multiclass.PER_CLASS, num(Multiclass.SPREAD),
        num(Multiclass.RADIUS));
    line("java.util.Random(seed %d); linear scores, lambda %s, full-batch gradient descent,",
        Multiclass.DATA_SEED, num(Multiclass.LAMBDA));
    line("step size %s, %d epochs from w = 0, b = 0; loss every %d epochs:",
        num(Multiclass.STEP_SIZE), Multiclass.EPOCHS, Multiclass.EPOCHS / 4);
    String[] names = {"Weston-Watkins SVM (MulticlassGrad.svmLoss)",
        "softmax cross-entropy (MulticlassGrad.softmaxLoss)"};
    Multiclass.LossGradient[] losses = {Multiclass.SVM, Multiclass.SOFTMAX};
    for (int m = 0; m < 2; m++) {
      Multiclass.Model model = Multiclass.train(
          losses[m], data, Multiclass.LAMBDA, Multiclass.STEP_SIZE, Multiclass.EPOCHS);
      line("  %s", names[m]);
      line("    loss %s", every(model.losses(), Multiclass.EPOCHS / 4, "%.4f"));
      double accuracy = Multiclass.accuracy(data, model.w(), model.b());
      line("    training accuracy %.3f (%d of %d)", accuracy,
          Math.round(accuracy * data.x().length), data.x().length);
    }
  }

  private void ridgeRegression() {
    heading("Chapter 3 - regression: least squares with L2 regularization");
    RidgeRegression.Dataset data =
        RidgeRegression.synthetic(RidgeRegression.DATA_SEED, RidgeRegression.EXAMPLES);
    line("%d examples y = %s + %s . x + %s * N(0, 1), x ~ N(0, I), java.util.Random(seed %d);",
        RidgeRegression.EXAMPLES, num(RidgeRegression.TRUE_B), vec(RidgeRegression.TRUE_W),
        num(RidgeRegression.NOISE), RidgeRegression.DATA_SEED);
    line("loss mean squared error + %s * |w|^2 (RidgeRegressionGrad.loss), step size %s:",
        num(RidgeRegression.LAMBDA), num(RidgeRegression.STEP_SIZE));
    RidgeRegression.Fit fit = RidgeRegression.train(data, RidgeRegression.LAMBDA,
        RidgeRegression.STEP_SIZE, RidgeRegression.STEPS);
    StringJoiner losses = new StringJoiner(", ");
    for (int step : new int[] {0, 5, 10, 20, 40, RidgeRegression.STEPS}) {
      losses.add(String.format(Locale.ROOT, "%d: %.4f", step, fit.losses()[step]));
    }
    line("  loss after steps %s", losses);
    line("  learned w = %s, b = %.4f (true: %s, %s)", vec(fit.w(), 4), fit.b(),
        vec(RidgeRegression.TRUE_W), num(RidgeRegression.TRUE_B));
    line("  the difference is the noise and the penalty, which pulls w towards 0; the tests");
    line("  check that [w, b] is the closed-form ridge solution to 1e-9");
  }

  private void irisNet() {
    heading("Chapter 3 - a practical neural network classifier: Fisher's Iris, 4-8-3 tanh network");
    IrisNet.Experiment e = IrisNet.experiment(IrisNet.SPLIT_SEED, IrisNet.INIT_SEED);
    line("Iris (Fisher 1936, UCI Machine Learning Repository, CC BY 4.0): 150 flowers, 4");
    line("measurements, 3 species; stratified split seed %d: %d train, %d held out; features",
        IrisNet.SPLIT_SEED, e.split().train().x().length, e.split().test().x().length);
    line("standardized with the training set's mean and deviation. %d hidden tanh neurons, softmax",
        IrisNet.HIDDEN);
    line("cross-entropy + %s/2 * |weights|^2, %d parameters differentiated in 4 arrays",
        num(IrisNet.LAMBDA), e.parameters().w1().length + e.parameters().b1().length
            + e.parameters().w2().length + e.parameters().b2().length);
    line("(IrisNetGrad.loss), init seed %d, full-batch gradient descent, step size %s:",
        IrisNet.INIT_SEED, num(IrisNet.STEP_SIZE));
    line("  training loss %s (every %d epochs)", every(e.losses(), IrisNet.EPOCHS / 6, "%.3f"),
        IrisNet.EPOCHS / 6);
    line("  training accuracy %.3f, held-out accuracy %.3f (%d of %d)", e.trainAccuracy(),
        e.testAccuracy(), Math.round(e.testAccuracy() * e.split().test().x().length),
        e.split().test().x().length);
    int splits = 20;
    double[] accuracies = IrisNet.heldOutAccuracies(splits);
    double mean = 0;
    double worst = 1;
    for (double a : accuracies) {
      mean += a / splits;
      worst = Math.min(worst, a);
    }
    line("  across split seeds 0..%d: held-out accuracy mean %.3f, worst %.3f", splits - 1, mean,
        worst);
  }

  private void customDerivatives() {
    heading("Beyond the article - derivatives the processor cannot see: @PullbackOf");
    double[][] doses = CustomDerivatives.doseResponse(2.0, 0.7, 9, 40, 11);
    CustomDerivatives.Fit dose = CustomDerivatives.fitDoseResponse(doses, 1.0, 1.5, 0.3, 200);
    line("Hipparchus' Erf.erf has no source to differentiate; a 3-line pullback gives its slope.");
    line("A probit dose-response curve Phi((x - mu) / sigma), fitted to 9 doses x 40 seeded");
    line("subjects drawn with mu = 2, sigma = 0.7: %d gradient steps give mu = %.3f, sigma = %.3f",
        dose.steps(), dose.parameters()[0], dose.parameters()[1]);
    double[][] orbit = CustomDerivatives.observedOrbit(1.5, 0.6, 40, 0.01, 7);
    CustomDerivatives.Fit fit = CustomDerivatives.fitOrbit(orbit, 1.0, 0.2, 0.002, 200);
    line("Kepler's equation E - e sin E = m, solved by Newton's method, differentiated implicitly:");
    line("an orbit (a = 1.5, e = 0.6) seen at 40 seeded points with noise 0.01, fitted from");
    line("(1, 0.2): %d gradient steps give a = %.4f, e = %.4f", fit.steps(),
        fit.parameters()[0], fit.parameters()[1]);
    double[] dw = new double[2];
    double loss = CustomDerivativesGrad.logisticLoss(
        new double[] {800, 0}, new double[][] {{1}, {-1}}, new double[] {-1, 1}, dw);
    line("log1pexp, stable past e^709: logistic loss at margin -800 is %s, gradient [%s, %s]",
        num(loss), num(dw[0]), num(dw[1]));
  }

  /** Every {@code n}-th value and the last, formatted and joined by arrows. */
  private static String every(double[] values, int n, String format) {
    StringJoiner j = new StringJoiner(" -> ");
    for (int k = 0; k < values.length; k += n) {
      j.add(String.format(Locale.ROOT, format, values[k]));
    }
    if ((values.length - 1) % n != 0) {
      j.add(String.format(Locale.ROOT, format, values[values.length - 1]));
    }
    return j.toString();
  }

  // ---- formatting ----------------------------------------------------------------------------

  private void heading(String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 90 - title.length())));
    out.println();
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }

  /** At most 6 decimals, no trailing zeros: -6, 0.104994, 2.92. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  private static String vec(double[] v) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (double d : v) {
      j.add(num(d));
    }
    return j.toString();
  }

  private static String vec(double[] v, int decimals) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (double d : v) {
      j.add(String.format(Locale.ROOT, "%." + decimals + "f", d));
    }
    return j.toString();
  }

  private static String assignments(List<String> names, double[] values) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < values.length; i++) {
      j.add(names.get(i) + " = " + num(values[i]));
    }
    return j.toString();
  }

  private static String gradientNames(List<String> names) {
    if (names.size() == 1) {
      return "d" + names.get(0);
    }
    StringJoiner j = new StringJoiner(", ", "[", "]");
    names.forEach(n -> j.add("d" + n));
    return j.toString();
  }

  private static String named(List<String> names, double[] values) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < values.length; i++) {
      String v = String.format(Locale.ROOT, "%.3f", values[i]);
      j.add(names.get(i) + " " + (v.equals("-0.000") ? "0.000" : v));
    }
    return j.toString();
  }
}
