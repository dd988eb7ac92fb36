package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order of the data folder: property, environment, then upward search. */
class DataRootTest {

  @Test
  void findsSharedDataAboveTheWorkingDirectory(@TempDir Path tmp) throws Exception {
    Path data = Files.createDirectories(tmp.resolve("shared/data/glue"));
    Path work = Files.createDirectories(tmp.resolve("repo/nn"));
    assertEquals(data.getParent().toRealPath(), DataRoot.resolve(null, null, work).toRealPath());
  }

  @Test
  void propertyWinsOverEnvironmentAndSearch(@TempDir Path tmp) throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a/corpus")).getParent();
    Path b = Files.createDirectories(tmp.resolve("b/glue")).getParent();
    assertEquals(a.toRealPath(), DataRoot.resolve(a.toString(), b.toString(), tmp).toRealPath());
    assertEquals(b.toRealPath(), DataRoot.resolve(null, b.toString(), tmp).toRealPath());
  }

  @Test
  void explicitRootWithoutDataIsAnError(@TempDir Path tmp) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DataRoot.resolve(tmp.resolve("nowhere").toString(), null, tmp));
    assertTrue(e.getMessage().contains("heformer.data"), e.getMessage());
  }

  @Test
  void missingEverywhereNamesTheSettings(@TempDir Path tmp) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataRoot.resolve(null, null, tmp));
    assertTrue(e.getMessage().contains(DataRoot.PROPERTY) && e.getMessage().contains(DataRoot.ENV), e.getMessage());
  }

  @Test
  void theProjectDataFolderIsFound() {
    Path root = DataRoot.resolve();
    assertTrue(Files.isDirectory(root.resolve("glue/CoLA")), root.toString());
  }
}
