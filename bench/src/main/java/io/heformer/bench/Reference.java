package io.heformer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenFHE's timings measured on this machine kind, read from the project's shared folder
 * ({@code shared/bench/openfhe-1.5.1.json} beside the repository, or the path in the system property
 * {@code heformer.shared} / environment variable {@code HEFORMER_SHARED}).
 */
public final class Reference {
  private final Object root;
  private final Path path;

  private Reference(Object root, Path path) {
    this.root = root;
    this.path = path;
  }

  public static Optional<Reference> openfhe() {
    String prop = System.getProperty("heformer.shared", System.getenv("HEFORMER_SHARED"));
    Path[] candidates = prop != null
        ? new Path[] {Path.of(prop)}
        : new Path[] {Path.of("..", "shared"), Path.of("shared")};
    for (Path dir : candidates) {
      Path f = dir.resolve("bench").resolve("openfhe-1.5.1.json");
      if (Files.isRegularFile(f)) {
        try {
          return Optional.of(new Reference(Json.parse(Files.readString(f)), f));
        } catch (IOException | IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  public Path path() {
    return path;
  }

  /** Milliseconds for set/threadsK/op, or null. */
  public Double ms(String set, int threads, String op) {
    return Json.number(root, "milliseconds", set, "threads" + threads, op);
  }

  public Object root() {
    return root;
  }
}
