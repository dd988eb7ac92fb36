package io.heformer.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the project's read-only data folder (the one holding {@code glue/} and
 * {@code corpus/}).
 *
 * <p>Order: the system property {@value #PROPERTY}; the environment variable {@value #ENV};
 * then, walking up from the working directory, the first {@code shared/data} found (from the
 * repository root this is {@code ../shared/data} when the checkout sits beside {@code shared/},
 * or {@code shared/data} inside it). An explicitly configured root that does not exist is an
 * error, not a reason to look elsewhere.
 *
 * <p>Stateless and thread safe.
 */
public final class DataRoot {
  /** System property naming the data folder. */
  public static final String PROPERTY = "heformer.data";
  /** Environment variable naming the data folder. */
  public static final String ENV = "HEFORMER_DATA";

  private DataRoot() {}

  /**
   * Resolves the data folder from the property, the environment or the working directory.
   *
   * @throws IllegalStateException naming every place tried if none holds the data
   */
  public static Path resolve() {
    return resolve(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath());
  }

  /**
   * Resolves the data folder from explicit inputs (testable form of {@link #resolve()}).
   *
   * @param property value of the system property, or null
   * @param env value of the environment variable, or null
   * @param workingDirectory where the upward search starts
   * @throws IllegalStateException naming every place tried if none holds the data
   */
  public static Path resolve(String property, String env, Path workingDirectory) {
    if (property != null && !property.isBlank()) {
      return checked(Path.of(property), "system property " + PROPERTY);
    }
    if (env != null && !env.isBlank()) {
      return checked(Path.of(env), "environment variable " + ENV);
    }
    List<Path> tried = new ArrayList<>();
    for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      tried.add(candidate);
      if (isDataRoot(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "data folder not found: set -D" + PROPERTY + "=DIR or " + ENV + "=DIR (the folder with glue/ "
            + "and corpus/); tried " + tried);
  }

  private static Path checked(Path root, String source) {
    if (!isDataRoot(root)) {
      throw new IllegalStateException(
          "data folder " + root.toAbsolutePath() + " from " + source + " has no glue/ or corpus/ folder");
    }
    return root.toAbsolutePath().normalize();
  }

  private static boolean isDataRoot(Path p) {
    return Files.isDirectory(p.resolve("glue")) || Files.isDirectory(p.resolve("corpus"));
  }
}
